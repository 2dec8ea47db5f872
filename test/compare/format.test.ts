import { describe, expect, it } from 'vitest';
import { formatPValue, formatRate, formatRateChange, formatRelativeChange, formatShift, formatValue } from '../../src/compare/format.ts';

describe('formatting for reasons', () => {
  it('p-values', () => {
    expect(formatPValue(0.0000108)).toBe('p < 0.001');
    expect(formatPValue(0.0321)).toBe('p = 0.032');
    expect(formatPValue(0.001)).toBe('p = 0.001');
    expect(formatPValue(1)).toBe('p = 1.000');
    expect(formatPValue(Number.NaN)).toBe('p = n/a');
  });

  it('rates, never rounding a rate that is not 0% or 100% to either', () => {
    expect(formatRateChange(0, 1)).toBe('0% → 100%');
    expect(formatRate(0.3)).toBe('30%');
    expect(formatRate(1 / 3)).toBe('33%');
    expect(formatRate(0.004)).toBe('0.4%');
    expect(formatRate(0.996)).toBe('99.6%');
    expect(formatRate(0.075)).toBe('8%');
  });

  it('relative changes, values and shifts', () => {
    expect(formatRelativeChange(-1)).toBe('-100%');
    expect(formatRelativeChange(3)).toBe('+300%');
    expect(formatRelativeChange(0)).toBe('0%');
    expect(formatRelativeChange(null)).toBe('from 0');
    expect(formatValue(5)).toBe('5');
    expect(formatValue(0.30500000000000005)).toBe('0.305');
    expect(formatValue(1234.5678, 'ms')).toBe('1235 ms');
    expect(formatShift(360, 'ms')).toBe('+360 ms');
    expect(formatShift(-5)).toBe('-5');
  });
});
