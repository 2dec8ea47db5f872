// Timestamps as payloads carry them: ISO-8601 strings, or epoch numbers in seconds or
// milliseconds. Anything else is refused rather than guessed: Date.parse would read
// "March 7" as a date in 2001.

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Epoch numbers below this are seconds: 1e12 ms is 2001-09-09, 1e12 s is beyond year 30000. */
const SECONDS_BELOW = 1e12;

/** Milliseconds since the epoch, or `undefined` when the value is not a timestamp. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return Math.abs(value) < SECONDS_BELOW ? value * 1000 : value;
  }
  if (typeof value !== 'string' || !ISO_8601.test(value.trim())) return undefined;
  const ms = Date.parse(value.trim().replace(',', '.'));
  return Number.isNaN(ms) ? undefined : ms;
}
