// Words for "what came" in type errors, so a message can say `expected a number, got a string ('3')`.

const SHOWN_LENGTH = 40;

export function quote(text: string): string {
  const shown = text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
  return `'${shown}'`;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return `a string (${quote(value)})`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `a number (${value})`;
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (typeof value === 'bigint') return `a bigint (${value})`;
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (value instanceof RegExp) return `a RegExp (${String(value)})`;
  if (value instanceof Date) return 'a Date';
  return 'an object';
}

/** `'a', 'b' or 'c'`: closed sets in messages read as a sentence. */
export function listChoices(choices: readonly string[]): string {
  const quoted = choices.map((c) => `'${c}'`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}
