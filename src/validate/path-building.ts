// Builds JSONPaths in the display form `queryNodes` gives (`$.items[0].price`,
// `$['a-b']`), so a path from a schema error and one from a rule look the same.
import { displayPath } from './json-path.ts';

// List rules build a member path for every item (`unique` by `id`): the same few names
// each time, so each name's form is worked out once, in a cache that cannot grow unbounded.
const MAX_CACHED_NAMES = 1_000;
const memberSegments = new Map<string, string>();

/** `$.items` + `price` → `$.items.price`; `$` + `a-b` → `$['a-b']`. */
export function memberPath(base: string, name: string): string {
  let segment = memberSegments.get(name);
  if (segment === undefined) {
    if (memberSegments.size >= MAX_CACHED_NAMES) memberSegments.clear();
    segment = displayPath(`$[${normalizedName(name)}]`).slice(1);
    memberSegments.set(name, segment);
  }
  return base + segment;
}

export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** Where a JSON Pointer (`/items/0/price`) leads in `data`: its JSONPath from `base`, and the value there. */
export function followPointer(pointer: string, data: unknown, base = '$'): { path: string; value: unknown } {
  let path = base;
  let value = data;
  for (const token of pointerTokens(pointer)) {
    // "0" is an index only in an array: in an object it is a property name like any other.
    if (Array.isArray(value) && /^(?:0|[1-9]\d*)$/.test(token)) {
      path = indexPath(path, Number(token));
      value = value[Number(token)];
    } else {
      path = memberPath(path, token);
      value = isRecord(value) && Object.hasOwn(value, token) ? value[token] : undefined;
    }
  }
  return { path, value };
}

function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Quoted as RFC 9535 normalized paths quote names, the form `displayPath` reads. */
function normalizedName(name: string): string {
  const escaped = name.replace(/[\\'\u0000-\u001f]/g, (char) => {
    switch (char) {
      case '\\':
        return '\\\\';
      case "'":
        return "\\'";
      case '\b':
        return '\\b';
      case '\f':
        return '\\f';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
  return `'${escaped}'`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
