import { describe, expect, it } from 'vitest';
import { deepEqual } from '../../src/validate/canonical-json.ts';
import { parseTimestamp } from '../../src/validate/timestamps.ts';

describe('parseTimestamp', () => {
  it('reads ISO-8601 strings', () => {
    expect(parseTimestamp('2025-06-10T12:00:00Z')).toBe(Date.UTC(2025, 5, 10, 12));
    expect(parseTimestamp('2025-06-10T14:00:00.500+02:00')).toBe(Date.UTC(2025, 5, 10, 12, 0, 0, 500));
    expect(parseTimestamp('2025-06-10')).toBe(Date.UTC(2025, 5, 10));
  });

  it('reads epoch numbers below 1e12 as seconds and the rest as milliseconds', () => {
    expect(parseTimestamp(1_700_000_000)).toBe(1_700_000_000_000);
    expect(parseTimestamp(1_700_000_000_123)).toBe(1_700_000_000_123);
  });

  it('refuses what is not a timestamp', () => {
    for (const value of ['March 7', '1700000000', '2025-13-40T00:00:00Z', '', null, true, Number.NaN, {}]) {
      expect(parseTimestamp(value)).toBeUndefined();
    }
  });
});

describe('deepEqual', () => {
  it('ignores key order but not array order or types', () => {
    expect(deepEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual(1, '1')).toBe(false);
    expect(deepEqual(null, undefined)).toBe(false);
  });
});
