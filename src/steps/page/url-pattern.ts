// Which of a page's responses a declared response means. A pattern starting with '/' is a
// path on the target (same origin, under the target's base path); the query is ignored
// unless the pattern has one. Other strings are globs over the full URL; a RegExp is tested
// against the full URL. In globs `*` stays within a path segment and `**` crosses segments.

export interface UrlMatcher {
  /** As written, for check names: `/api/recommendations`, `/\/api\/recs/`. */
  label: string;
  matches(url: string): boolean;
}

export function compileUrlPattern(pattern: string | RegExp, targetUrl: string): UrlMatcher {
  if (pattern instanceof RegExp) {
    const regex = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
    return { label: String(pattern), matches: (url) => regex.test(url) };
  }
  if (!pattern.startsWith('/')) {
    const regex = globToRegExp(pattern);
    return { label: pattern, matches: (url) => regex.test(url) };
  }
  const target = new URL(targetUrl);
  const basePath = target.pathname.replace(/\/+$/, '');
  const withQuery = pattern.includes('?');
  const regex = globToRegExp(`${basePath}${pattern}`);
  return {
    label: pattern,
    matches(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      if (parsed.origin !== target.origin) return false;
      return regex.test(withQuery ? `${parsed.pathname}${parsed.search}` : parsed.pathname);
    },
  };
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*' && glob[i + 1] === '*') {
      source += '.*';
      i += 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
