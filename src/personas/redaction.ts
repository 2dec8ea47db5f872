// Secrets never leave a run: every value read through `secret()`, every token a persona
// or a capture yields, and every sensitive header is replaced before anything is
// reported or logged.

export const REDACTED = '[REDACTED]';

/** Header names whose values are never shown (compared lower-case). */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-csrf-token',
]);

/** Variable names treated as secrets without being declared so. */
const SENSITIVE_NAME = /token|secret|password|passwd|api[-_]?key|session|credential|authori[sz]ation/i;
/** `auth` as a word of a name (`auth`, `x-auth`, `authHeader`, `userAuth`), not inside `author`. */
const AUTH_WORD = /(?:^|[-_])[Aa]uth(?:$|[-_A-Z])|[a-z]Auth(?:$|[-_A-Z])/;

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.toLowerCase()) || SENSITIVE_NAME.test(name) || AUTH_WORD.test(name);
}

// Values this short would redact ordinary words and numbers all over a report.
const MIN_SECRET_LENGTH = 4;

export class Redactor {
  private readonly secrets = new Set<string>();
  /** The secrets longest first; sorted again only after `add`, not for every string redacted. */
  private ordered: string[] | undefined;

  /** Registers a value to be hidden everywhere from now on. */
  add(value: unknown): void {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const text = String(value);
    if (text.length < MIN_SECRET_LENGTH) return;
    this.secrets.add(text);
    // JSON and URLs show the same secret escaped; a query string also writes a space as `+`.
    this.secrets.add(JSON.stringify(text).slice(1, -1));
    this.secrets.add(encodeURIComponent(text));
    this.secrets.add(new URLSearchParams({ v: text }).toString().slice(2));
    this.ordered = undefined;
  }

  get size(): number {
    return this.secrets.size;
  }

  text(value: string): string {
    let out = value;
    // Longest first, so a secret containing another is hidden whole.
    this.ordered ??= [...this.secrets].sort((a, b) => b.length - a.length);
    for (const secret of this.ordered) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  headers(headers: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      out[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? REDACTED : this.text(value);
    }
    return out;
  }

  /** A deep copy with every string redacted (keys stay as they are); the value itself when no secret is known. */
  deep<T>(value: T): T {
    return this.secrets.size === 0 ? value : this.copyRedacted(value);
  }

  private copyRedacted<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.copyRedacted(item)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.copyRedacted(item);
      return out as T;
    }
    return value;
  }
}
