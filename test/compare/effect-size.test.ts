import { describe, expect, it } from 'vitest';
import { commonLanguageEffectSize, differenceInProportions, rankBiserial, relativeChange } from '../../src/compare/effect-size.ts';
import { mannWhitney } from '../../src/compare/mann-whitney.ts';

describe('effect sizes', () => {
  it('difference in proportions: canary minus baseline', () => {
    expect(differenceInProportions({ events: 0, trials: 10 }, { events: 10, trials: 10 })).toBe(1);
    expect(differenceInProportions({ events: 9, trials: 10 }, { events: 3, trials: 12 })).toBeCloseTo(-0.65, 12);
  });

  it('relative change, with no relative size from a zero baseline', () => {
    expect(relativeChange(5, 0)).toBe(-1);
    expect(relativeChange(120, 480)).toBe(3);
    expect(relativeChange(-4, -2)).toBe(0.5);
    expect(relativeChange(0, 0)).toBe(0);
    expect(relativeChange(0, 3)).toBeNull();
  });

  it("the common-language effect size and rank-biserial correlation of Mann–Whitney's statistic", () => {
    // Permeability (Hollander & Wolfe): W = 35 of 50 pairs.
    const { statistic } = mannWhitney([0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], [1.15, 0.88, 0.9, 0.74, 1.21]);
    expect(commonLanguageEffectSize(statistic, 10, 5)).toBe(0.7);
    expect(rankBiserial(statistic, 10, 5)).toBeCloseTo(0.4, 12);
    expect(rankBiserial(0, 3, 4)).toBe(-1);
    expect(commonLanguageEffectSize(6, 3, 4)).toBe(0.5);
  });
});
