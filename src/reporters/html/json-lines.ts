// Where a JSONPath's value sits in a JSON text: the line a failed check's path points at
// in a step's excerpt. The text may be cut short (excerpts are), so values are located as
// far as the text goes, and nothing is claimed beyond it.

export type PathSegment = string | number;

export interface LocatedValue {
  path: readonly PathSegment[];
  /** 1-based line where the value starts. */
  line: number;
}

/** Every value in `text` with the line it starts on, in document order; a non-JSON text gives none. */
export function locateValues(text: string): LocatedValue[] {
  const found: LocatedValue[] = [];
  const scanner = new Scanner(text, found);
  try {
    scanner.document();
  } catch (error) {
    // A cut or broken text: what was located before the break is still right.
    if (!(error instanceof EndOfJson)) throw error;
  }
  return found;
}

/** Segments of a singular or wildcard JSONPath (`$.items[0].price`, `$['a-b'][*]`); `undefined` for anything else (filters, `..`). */
export function parsePath(path: string): Array<PathSegment | typeof ANY> | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: Array<PathSegment | typeof ANY> = [];
  let i = 1;
  while (i < path.length) {
    const rest = path.slice(i);
    let m: RegExpMatchArray | null;
    if ((m = rest.match(/^\.([A-Za-z_][\w]*)/))) segments.push(m[1]!);
    else if ((m = rest.match(/^\.\*|^\[\*\]/))) segments.push(ANY);
    else if ((m = rest.match(/^\[(0|[1-9]\d*)\]/))) segments.push(Number(m[1]));
    else if ((m = rest.match(/^\['((?:[^'\\]|\\.)*)'\]/) ?? rest.match(/^\["((?:[^"\\]|\\.)*)"\]/))) {
      const name = unescapeName(m[1]!, m[0][1] as "'" | '"');
      if (name === undefined) return undefined;
      segments.push(name);
    } else return undefined;
    i += m[0].length;
  }
  return segments;
}

/** Matches any one member or element. */
export const ANY = Symbol('any');

export interface PathLine {
  line: number;
  /** The path as found: the path itself, or the nearest enclosing value present (a missing member's object). */
  foundAt: string;
  exact: boolean;
}

/**
 * The line of `path`'s value in `located`. A path that is not there (a member the payload
 * lacks) falls back to its nearest enclosing value below the root; `undefined` when even that
 * is not in the text.
 */
export function lineOfPath(located: readonly LocatedValue[], path: string): PathLine | undefined {
  const wanted = parsePath(path);
  if (!wanted) return undefined;
  for (let length = wanted.length; length >= (wanted.length === 0 ? 0 : 1); length -= 1) {
    const prefix = wanted.slice(0, length);
    const hit = located.find((value) => sameLength(value.path, prefix) && prefix.every((seg, i) => seg === ANY || seg === value.path[i]));
    if (hit) return { line: hit.line, foundAt: formatPath(hit.path), exact: length === wanted.length };
  }
  return undefined;
}

function sameLength(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length;
}

/** Display form, as checks write paths: `$.items[0]['a-b']`. */
export function formatPath(path: readonly PathSegment[]): string {
  return `$${path.map((seg) => (typeof seg === 'number' ? `[${seg}]` : /^[A-Za-z_]\w*$/.test(seg) ? `.${seg}` : `[${quoteName(seg)}]`)).join('')}`;
}

function quoteName(name: string): string {
  return `'${JSON.stringify(name).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function unescapeName(inner: string, quote: "'" | '"'): string | undefined {
  // RFC 9535 names escape like JSON strings, plus `\'`; turned into a JSON string to decode.
  let json = '';
  for (let k = 0; k < inner.length; k += 1) {
    const c = inner[k]!;
    if (c === '\\') {
      const next = inner[k + 1] ?? '';
      json += next === "'" ? "'" : `\\${next}`;
      k += 1;
    } else json += c === '"' && quote === "'" ? '\\"' : c;
  }
  try {
    return JSON.parse(`"${json}"`) as string;
  } catch {
    return undefined;
  }
}

class EndOfJson extends Error {
  override name = 'EndOfJson';
}

class Scanner {
  private i = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly found: LocatedValue[],
  ) {}

  document(): void {
    this.value([]);
  }

  private value(path: PathSegment[]): void {
    this.space();
    const c = this.text[this.i];
    if (c === undefined || !/[{["\-0-9tfn]/.test(c)) throw new EndOfJson();
    this.found.push({ path, line: this.line });
    if (c === '{') this.object(path);
    else if (c === '[') this.array(path);
    else if (c === '"') this.string();
    else this.literal();
  }

  private object(path: PathSegment[]): void {
    this.i += 1;
    this.space();
    if (this.text[this.i] === '}') return void (this.i += 1);
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') throw new EndOfJson();
      const key = this.string();
      this.space();
      this.expect(':');
      this.value([...path, key]);
      this.space();
      const next = this.text[this.i];
      this.i += 1;
      if (next === ',') continue;
      if (next === '}') return;
      throw new EndOfJson();
    }
  }

  private array(path: PathSegment[]): void {
    this.i += 1;
    this.space();
    if (this.text[this.i] === ']') return void (this.i += 1);
    for (let index = 0; ; index += 1) {
      this.value([...path, index]);
      this.space();
      const next = this.text[this.i];
      this.i += 1;
      if (next === ',') continue;
      if (next === ']') return;
      throw new EndOfJson();
    }
  }

  private string(): string {
    const start = this.i;
    this.i += 1;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '\n') throw new EndOfJson();
      else if (c === '"') {
        this.i += 1;
        try {
          return JSON.parse(this.text.slice(start, this.i)) as string;
        } catch {
          throw new EndOfJson();
        }
      } else this.i += 1;
    }
    throw new EndOfJson();
  }

  private literal(): void {
    const m = /-?[0-9][0-9.eE+-]*|true|false|null/y;
    m.lastIndex = this.i;
    const hit = m.exec(this.text);
    if (!hit) throw new EndOfJson();
    this.i += hit[0].length;
  }

  private expect(char: string): void {
    if (this.text[this.i] !== char) throw new EndOfJson();
    this.i += 1;
  }

  private space(): void {
    for (;;) {
      const c = this.text[this.i];
      if (c === '\n') {
        this.line += 1;
        this.i += 1;
      } else if (c === ' ' || c === '\t' || c === '\r') this.i += 1;
      else return;
    }
  }
}
