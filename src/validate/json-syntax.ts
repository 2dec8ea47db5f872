// Where a JSON text breaks. JSON.parse on Node 20 names a position for some errors and
// quotes the whole input for others, so schema files are re-read here to give every
// problem a line and column instead.

export interface JsonSyntaxProblem {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like editors count. */
  column: number;
  message: string;
}

class SyntaxAt extends Error {
  override name = 'SyntaxAt';
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'] as const;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The first syntax error in `text`, or `undefined` when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  try {
    const end = skipSpace(text, readValue(text, skipSpace(text, 0)));
    if (end < text.length) throw new SyntaxAt(end, `unexpected ${describeAt(text, end)} after the value`);
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxAt)) throw error;
    return { ...lineAndColumn(text, error.offset), message: error.message };
  }
}

function readValue(text: string, at: number): number {
  const char = text[at];
  if (char === '{') return readObject(text, at);
  if (char === '[') return readArray(text, at);
  if (char === '"') return readString(text, at);
  if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return readNumber(text, at);
  const literal = LITERALS.find((word) => text.startsWith(word, at));
  if (literal) return at + literal.length;
  throw new SyntaxAt(at, `unexpected ${describeAt(text, at)}, expected a value`);
}

function readObject(text: string, start: number): number {
  let at = skipSpace(text, start + 1);
  if (text[at] === '}') return at + 1;
  for (;;) {
    if (text[at] !== '"') throw new SyntaxAt(at, `unexpected ${describeAt(text, at)}, expected a property name in double quotes`);
    at = skipSpace(text, readString(text, at));
    if (text[at] !== ':') throw new SyntaxAt(at, `unexpected ${describeAt(text, at)}, expected ':'`);
    at = skipSpace(text, readValue(text, skipSpace(text, at + 1)));
    if (text[at] === '}') return at + 1;
    if (text[at] !== ',') throw new SyntaxAt(at, `unexpected ${describeAt(text, at)}, expected ',' or '}'`);
    at = skipSpace(text, at + 1);
  }
}

function readArray(text: string, start: number): number {
  let at = skipSpace(text, start + 1);
  if (text[at] === ']') return at + 1;
  for (;;) {
    at = skipSpace(text, readValue(text, at));
    if (text[at] === ']') return at + 1;
    if (text[at] !== ',') throw new SyntaxAt(at, `unexpected ${describeAt(text, at)}, expected ',' or ']'`);
    at = skipSpace(text, at + 1);
  }
}

function readString(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const char = text[at];
    if (char === undefined) throw new SyntaxAt(start, 'unterminated string');
    if (char === '"') return at + 1;
    if (char < ' ') throw new SyntaxAt(at, `${describeAt(text, at)} inside a string`);
    if (char === '\\') {
      const escaped = text[at + 1];
      if (escaped === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) throw new SyntaxAt(at, 'invalid \\u escape');
        at += 6;
        continue;
      }
      if (escaped === undefined || !ESCAPES.has(escaped)) throw new SyntaxAt(at, 'invalid escape in a string');
      at += 2;
      continue;
    }
    at += 1;
  }
}

function readNumber(text: string, at: number): number {
  NUMBER.lastIndex = at;
  if (!NUMBER.test(text)) throw new SyntaxAt(at, 'invalid number');
  return NUMBER.lastIndex;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1;
  return at;
}

function describeAt(text: string, at: number): string {
  const char = text[at];
  if (char === undefined) return 'end of file';
  if (char === '\n' || char === '\r') return 'line break';
  if (char < ' ') return `control character U+${char.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
  return `'${char}'`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  // CRLF counts as one line break.
  const line = (before.match(/\r\n|\r|\n/g) ?? []).length + 1;
  return { line, column: offset - lineStart + 1 };
}
