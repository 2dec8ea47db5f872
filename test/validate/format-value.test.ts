import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/validate/format-value.ts';

describe('formatValue', () => {
  it('writes values as compact JSON', () => {
    expect(formatValue({ price: 0, tags: ['a'] })).toBe('{"price":0,"tags":["a"]}');
    expect(formatValue('19.99')).toBe('"19.99"');
    expect(formatValue(null)).toBe('null');
    expect(formatValue([])).toBe('[]');
  });

  it('shows an absent value as (missing)', () => {
    expect(formatValue(undefined)).toBe('(missing)');
  });

  it('keeps text of exactly the limit as it is', () => {
    const text = 'x'.repeat(198);
    expect(formatValue(text)).toBe(`"${text}"`);
    expect(formatValue(text)).toHaveLength(200);
  });

  it('cuts longer text to the limit, ending with an ellipsis', () => {
    const out = formatValue({ items: Array.from({ length: 100 }, (_, i) => ({ id: i })) });
    expect(out).toHaveLength(200);
    expect(out.endsWith('…')).toBe(true);
    expect(out.startsWith('{"items":[{"id":0},{"id":1}')).toBe(true);
  });

  it('takes a smaller limit', () => {
    expect(formatValue('abcdefghij', 6)).toBe('"abcd…');
  });

  it('never cuts an emoji in half', () => {
    // '"' + 'ab' + '😀' (two code units): cutting at 4 would keep half of the emoji.
    const out = formatValue('ab😀cdef', 5);
    expect(out).toBe('"ab…');
  });

  it('falls back to String for values JSON cannot write', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(formatValue(cyclic)).toBe('[object Object]');
    expect(formatValue(10n)).toBe('10');
  });
});
