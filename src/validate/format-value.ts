// One way to show a payload value in messages, reports and metric-free places alike,
// so a 2 MB array never ends up in a JUnit file.

const ELLIPSIS = '…';

/** Values quoted inside a sentence are kept shorter than in `actual`, so the sentence stays readable. */
export const VALUE_IN_MESSAGE_MAX = 80;

/**
 * A value as compact JSON, cut to at most `max` characters (the last one `…` when cut).
 * `undefined` (an absent value) shows as `(missing)`.
 * @example formatValue({ price: 0 }) // '{"price":0}'
 */
export function formatValue(value: unknown, max = 200): string {
  return truncate(toText(value), max);
}

function toText(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'bigint') return `${value}`;
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Cycles only happen in values built by code (custom rules), never in parsed JSON.
    return String(value);
  }
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  // Never split a surrogate pair: half an emoji is not valid text.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}
