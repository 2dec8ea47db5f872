import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalUpperTail } from '../../src/compare/normal-distribution.ts';

describe('the standard normal distribution', () => {
  it('matches tabulated values (Abramowitz & Stegun, Table 26.1; R pnorm/qnorm)', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829303548901, 13);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('keeps the relative precision of far tails (R: pnorm(-10) = 7.619853e-24)', () => {
    expect(normalUpperTail(10) / 7.619853024160527e-24).toBeCloseTo(1, 12);
    expect(normalCdf(-10)).toBe(normalUpperTail(10));
    expect(normalQuantile(7.619853024160527e-24)).toBeCloseTo(-10, 10);
  });

  it('is continuous where the two methods meet and inverts itself', () => {
    // The series and the continued fraction meet at z = 2√2 (erfc at 2).
    expect(normalCdf(2.8284271247461903 - 1e-12)).toBeCloseTo(normalCdf(2.8284271247461903 + 1e-12), 13);
    for (const p of [1e-12, 0.001, 0.02425, 0.1, 0.3, 0.7, 0.9, 0.999]) expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 12);
  });

  it('has the limits of a distribution', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
  });
});
