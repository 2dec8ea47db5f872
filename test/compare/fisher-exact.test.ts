import { describe, expect, it } from 'vitest';
import { fisherExact } from '../../src/compare/fisher-exact.ts';
import { fisherByEnumeration } from './brute-force.ts';

// R's fisher.test takes matrix(c(a, c, b, d), nrow = 2), filled by column; fisherExact
// takes the cells row by row: [[a, b], [c, d]].
describe('fisherExact against R', () => {
  // Reference: the examples of R's ?fisher.test, output as saved with R's sources
  // (tests/Examples/stats-Ex.Rout.save).
  it("reproduces Fisher's tea drinker (TeaTasting, alternative = 'greater')", () => {
    // matrix(c(3, 1, 1, 3), nrow = 2): p-value = 0.2429, odds ratio 6.408309
    const result = fisherExact(3, 1, 1, 3, 'greater');
    expect(result.pValue).toBeCloseTo(0.2429, 4);
    expect(result.pValue).toBeCloseTo(17 / 70, 14);
    expect(result.oddsRatio).toBeCloseTo(6.408309, 6);
    expect(result.sampleOddsRatio).toBe(9);
  });

  it('reproduces the convictions of like-sex twins, one- and two-sided', () => {
    // matrix(c(2, 10, 15, 3), nrow = 2): rows Dizygotic 2 / 15, Monozygotic 10 / 3.
    // alternative = 'less': p-value = 0.0004652; two-sided: 0.0005367; odds ratio 0.04693661
    const less = fisherExact(2, 15, 10, 3, 'less');
    expect(less.pValue).toBeCloseTo(0.0004652, 7);
    expect(less.oddsRatio).toBeCloseTo(0.04693661, 8);
    expect(fisherExact(2, 15, 10, 3).pValue).toBeCloseTo(0.0005367, 7);
  });
});

describe('fisherExact against every table with the same margins', () => {
  const tables: Array<[number, number, number, number]> = [
    [3, 1, 1, 3],
    [0, 10, 10, 0],
    [10, 0, 0, 10],
    [0, 10, 3, 7],
    [0, 10, 0, 10],
    [4, 6, 0, 10],
    [1, 9, 7, 3],
    [5, 5, 5, 5],
    [0, 0, 3, 4],
    [2, 15, 10, 3],
    [12, 3, 9, 11],
    [0, 1, 1, 0],
  ];
  for (const table of tables) {
    for (const alternative of ['two.sided', 'greater', 'less'] as const) {
      it(`[[${table[0]}, ${table[1]}], [${table[2]}, ${table[3]}]] ${alternative}`, () => {
        expect(fisherExact(...table, alternative).pValue).toBeCloseTo(fisherByEnumeration(...table, alternative), 12);
      });
    }
  }

  it('counts tables exactly as likely as the observed one on both sides (symmetric margins)', () => {
    // With margins 10/10 and 5/15 the tables x and 5 − x are equally likely: two-sided
    // doubles the tail (up to 1).
    const greater = fisherExact(4, 6, 1, 9, 'greater').pValue;
    expect(fisherExact(4, 6, 1, 9).pValue).toBeCloseTo(Math.min(1, 2 * greater), 12);
  });
});

describe('the conditional maximum-likelihood odds ratio', () => {
  it('is 0 or Infinity when the first cell is at the end of its range, as in R', () => {
    expect(fisherExact(0, 10, 3, 7).oddsRatio).toBe(0);
    expect(fisherExact(10, 0, 7, 3).oddsRatio).toBe(Number.POSITIVE_INFINITY);
    expect(fisherExact(0, 10, 3, 7).sampleOddsRatio).toBe(0);
    expect(fisherExact(0, 0, 0, 0).sampleOddsRatio).toBeNaN();
  });

  it('is 1 for a table with no association', () => {
    expect(fisherExact(5, 5, 5, 5).oddsRatio).toBe(1);
  });
});

describe('invalid tables', () => {
  it('rejects negative or fractional cells', () => {
    expect(() => fisherExact(-1, 2, 3, 4)).toThrow('table cells must be non-negative integers, got -1');
    expect(() => fisherExact(1.5, 2, 3, 4)).toThrow('got 1.5');
  });
});
