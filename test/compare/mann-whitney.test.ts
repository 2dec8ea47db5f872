import { describe, expect, it } from 'vitest';
import { mannWhitney } from '../../src/compare/mann-whitney.ts';
import { mannWhitneyByEnumeration, pairCount, permutationStatistics, twoSidedByDistance } from './brute-force.ts';

// Hollander & Wolfe (1973, p. 69f): permeability of the human chorioamnion at term (x) and
// at 12 to 26 weeks (y); R's ?wilcox.test two-sample example.
const term = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const early = [1.15, 0.88, 0.9, 0.74, 1.21];

// R's `airquality$Ozone` for May and August, missing days dropped (R's datasets package).
const ozoneMay = [41, 36, 12, 18, 28, 23, 19, 8, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32, 23, 45, 115, 37];
const ozoneAugust = [39, 9, 16, 78, 35, 66, 122, 89, 110, 44, 28, 65, 22, 59, 23, 31, 44, 21, 9, 45, 168, 73, 76, 118, 84, 85];

// Hollander & Wolfe (1973, p. 29f): Hamilton depression scale at the first (x) and second (y)
// visit; R's ?wilcox.test one-sample example, here compared as two independent samples.
const firstVisit = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const secondVisit = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

describe('mannWhitney against R', () => {
  it('exact test without ties (permeability, alternative = greater)', () => {
    // R, ?wilcox.test as saved with R's sources (tests/Examples/stats-Ex.Rout.save):
    // wilcox.test(x, y, alternative = "g") → W = 35, p-value = 0.1272.
    // Geyer, Stat 5601 "Wilcoxon rank sum" (stat.umn.edu/geyer/old03/5601/examp/ranksum.html)
    // gives it in full, P = 0.1272061, and the median of the pairwise differences y − x, -0.305.
    const result = mannWhitney(term, early, { alternative: 'greater' });
    expect(result.statistic).toBe(35);
    expect(result.pValue).toBeCloseTo(0.1272061, 7);
    expect(result.method).toBe('exact');
    expect(result.estimate).toBeCloseTo(0.305, 12);
  });

  it("normal approximation without continuity correction (Hollander & Wolfe's large-sample form)", () => {
    // R: wilcox.test(x, y, alternative = "greater", exact = FALSE, correct = FALSE) → p-value = 0.1103
    const result = mannWhitney(term, early, { alternative: 'greater', exact: false, correct: false });
    expect(result.statistic).toBe(35);
    expect(result.pValue).toBeCloseTo(0.1103, 4);
    expect(result.method).toBe('normal');
  });

  it('normal approximation with ties and continuity correction (ozone, May against August)', () => {
    // R: wilcox.test(Ozone ~ Month, data = airquality, subset = Month %in% c(5, 8))
    // → warning "cannot compute exact p-value with ties"; W = 127.5, p-value = 0.0001208
    const result = mannWhitney(ozoneMay, ozoneAugust);
    expect(result.statistic).toBe(127.5);
    expect(result.pValue).toBeCloseTo(0.0001208, 7);
    expect(result.method).toBe('normal');
    expect(result.ties).toBe(true);
    expect(result.warnings).toContain('ties: the p-value and interval use the normal approximation');
  });

  it("asymptotic Hodges–Lehmann estimate with ties (depression scale as two samples)", () => {
    // R: wilcox.test(x, y, exact = TRUE, conf.int = TRUE)$estimate → 0.5600562
    // (PHUSE CAMIS, "Non-parametric point estimation", psiaims.github.io/CAMIS/R/nparestimate.html)
    const result = mannWhitney(firstVisit, secondVisit, { exact: false });
    expect(result.estimate).toBeCloseTo(0.5600562, 7);
  });

  it("asymptotic interval and estimate found by R's root search (Kayenta's tie-out with R)", () => {
    // Kayenta's MannWhitneySuite, "Tie out with R Version" (spinnaker/kayenta,
    // kayenta-mannwhitney): R's wilcox.test(experiment, control, conf.int = TRUE) gave
    // conf.int = (-0.500002521696696, -3.486287505871302e-5), estimate -0.4999393907180323.
    const control = [
      1.5, 6.0, 5.0, 2.5, 2.5, 2.0, 2.0, 3.5, 3.0, 3.0, 3.0, 2.0, 3.0, 8.0, 4.0, 2.5, 3.0, 2.5, 2.5, 2.0, 2.5, 2.0, 2.0,
      2.5, 3.5, 3.0, 1.5, 5.0, 2.5, 5.5, 2.0, 2.5, 3.5, 2.0, 2.5, 4.0, 2.0, 2.0, 2.0, 2.0, 5.5, 4.5, 4.0, 3.0, 3.0, 3.5,
      2.5, 3.0, 2.5, 4.0, 6.0, 2.0, 5.0, 6.0, 3.5, 3.0, 54.5, 3.0, 5.0, 6.0, 3.5, 4.5, 2.5, 2.0, 6.0, 5.0, 2.5, 3.5, 2.0,
      3.0, 2.5, 3.5, 3.5, 2.5, 3.0, 4.5, 3.0, 15.5, 5.0, 2.5, 3.0, 4.0, 3.5, 4.0, 4.0, 2.0, 4.5, 2.5, 4.0, 3.0,
    ];
    const experiment = [
      2.5, 2.5, 2.0, 2.5, 3.5, 2.0, 3.5, 1.5, 3.0, 3.0, 2.5, 3.5, 2.0, 2.5, 2.0, 2.0, 5.0, 3.0, 2.0, 1.5, 2.0, 4.0, 3.0,
      2.5, 3.0, 2.0, 2.0, 2.0, 2.5, 3.5, 1.5, 1.5, 3.5, 2.0, 2.5, 2.5, 3.0, 3.5, 2.5, 6.5, 2.5, 4.0, 2.5, 3.0, 2.5, 6.5,
      2.5, 3.0, 1.5, 2.0, 2.5, 3.0, 7.5, 1.5, 2.0, 4.0, 2.5, 2.0, 2.5, 3.5, 4.0, 2.5, 3.0, 2.5, 2.0, 3.5, 3.0, 16.5, 3.0,
      3.0, 7.0, 4.5, 5.0, 2.0, 3.5, 6.0, 1.5, 3.0, 2.5, 4.0, 3.0, 1.5, 5.0, 3.0, 2.5, 5.5, 3.0, 1.5, 2.5, 6.0,
    ];
    const result = mannWhitney(experiment, control);
    expect(result.method).toBe('normal');
    expect(result.confInt[0]).toBeCloseTo(-0.500002521696696, 9);
    expect(result.confInt[1]).toBeCloseTo(-3.486287505871302e-5, 9);
    expect(result.estimate).toBeCloseTo(-0.4999393907180323, 9);
  });
});

describe('exact p-values against every split of the pooled values', () => {
  const samples: Array<[string, number[], number[]]> = [
    ['permeability', term, early],
    ['three against four', [1.1, 2.3, 0.7], [3.4, 2.9, 5.1, 4.4]],
    ['interleaved', [2, 4, 6, 8, 10, 12], [1, 3, 5, 7, 9, 11, 13]],
    ['separated', [10, 11, 12, 13, 14], [1, 2, 3, 4]],
    ['one against many', [5], [1, 2, 3, 4, 6, 7]],
  ];
  for (const [name, x, y] of samples) {
    it(`${name}: twice the smaller tail is the "as or more extreme" p-value (untied, the distribution is symmetric)`, () => {
      expect(mannWhitney(x, y).pValue).toBeCloseTo(twoSidedByDistance(x, y), 12);
    });
    for (const alternative of ['two.sided', 'greater', 'less'] as const) {
      it(`${name}, ${alternative}`, () => {
        const result = mannWhitney(x, y, { alternative });
        expect(result.method).toBe('exact');
        expect(result.statistic).toBe(pairCount(x, y));
        expect(result.pValue).toBeCloseTo(mannWhitneyByEnumeration(x, y, alternative), 12);
      });
    }
  }

  // With ties and exact: true, the distribution is that of the mid-rank statistic over
  // all splits: the same enumeration, now with tied values.
  const tied: Array<[string, number[], number[]]> = [
    ['small ties', [1, 2, 2, 3], [2, 3, 3, 4, 5]],
    ['counts with empty answers', [5, 5, 0, 5, 0, 5], [5, 5, 5, 5, 5, 5, 4]],
    ['latency in whole milliseconds', [120, 118, 125, 120, 131], [120, 140, 151, 125, 160, 149]],
    ['one tie group apart', [0, 0, 0, 0], [1, 1, 1, 1, 0]],
  ];
  for (const [name, x, y] of tied) {
    for (const alternative of ['two.sided', 'greater', 'less'] as const) {
      it(`${name} (ties, exact), ${alternative}`, () => {
        const result = mannWhitney(x, y, { alternative, exact: true });
        expect(result.method).toBe('exact');
        expect(result.ties).toBe(true);
        expect(result.statistic).toBe(pairCount(x, y));
        expect(result.pValue).toBeCloseTo(mannWhitneyByEnumeration(x, y, alternative), 12);
      });
    }
  }
});

describe('the exact confidence interval (Moses) and Hodges–Lehmann estimate', () => {
  const sortedDifferences = (x: number[], y: number[]) => x.flatMap((xi) => y.map((yj) => xi - yj)).sort((a, b) => a - b);
  // The lower alpha/2 quantile of W, from the enumerated distribution: the smallest u with P(W <= u) >= alpha/2.
  const lowerQuantile = (x: number[], y: number[], p: number) => {
    const all = permutationStatistics(x, y).sort((a, b) => a - b);
    for (let u = 0; ; u++) if (all.filter((s) => s <= u).length / all.length >= p) return u;
  };

  it('reads the interval off the sorted pairwise differences at the quantiles of W', () => {
    for (const [x, y] of [
      [term, early],
      [[2, 4, 6, 8, 10, 12], [1, 3, 5, 7, 9, 11, 13]],
      [[1.1, 2.3, 0.7, 3.3], [3.4, 2.9, 5.1, 4.4]],
    ] as Array<[number[], number[]]>) {
      const diffs = sortedDifferences(x, y);
      const mn = x.length * y.length;
      const qu = Math.max(1, lowerQuantile(x, y, 0.025));
      const result = mannWhitney(x, y);
      expect(result.confInt).toEqual([diffs[qu - 1], diffs[mn - qu]]);
      const middle = diffs.length % 2 ? diffs[(diffs.length - 1) / 2]! : (diffs[diffs.length / 2 - 1]! + diffs[diffs.length / 2]!) / 2;
      expect(result.estimate).toBe(middle);
    }
  });

  it('permeability: the two-sided 95% interval is the 9th difference in from each end', () => {
    // 50 differences; qwilcox(0.025, 10, 5) = 9, so the interval achieves 1 − 2·P(W <= 8) = 0.96004,
    // within alpha/2 of the level asked for, which R then reports as asked.
    const result = mannWhitney(term, early);
    const diffs = sortedDifferences(term, early);
    expect(lowerQuantile(term, early, 0.025)).toBe(9);
    expect(result.confInt).toEqual([diffs[8], diffs[41]]);
    expect(result.confInt[0]).toBeCloseTo(-0.15, 12);
    expect(result.confInt[1]).toBeCloseTo(0.76, 12);
    expect(result.confLevel).toBe(0.95);
  });

  it('one-sided intervals use the alpha quantile on their closed side', () => {
    const diffs = sortedDifferences(term, early);
    const q = Math.max(1, lowerQuantile(term, early, 0.05));
    expect(mannWhitney(term, early, { alternative: 'greater' }).confInt).toEqual([diffs[q - 1], Number.POSITIVE_INFINITY]);
    expect(mannWhitney(term, early, { alternative: 'less' }).confInt).toEqual([Number.NEGATIVE_INFINITY, diffs[50 - q]]);
  });

  it('one-sided intervals are open on the other side', () => {
    const greater = mannWhitney(term, early, { alternative: 'greater' });
    expect(greater.confInt[1]).toBe(Number.POSITIVE_INFINITY);
    const less = mannWhitney(term, early, { alternative: 'less' });
    expect(less.confInt[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(greater.confInt[0]).toBeLessThan(less.confInt[1]);
  });

  it('widens the interval and says so when the level cannot be reached', () => {
    // With 2 against 2 the most extreme split has probability 1/6: no 95% interval exists.
    const result = mannWhitney([1, 2], [3, 4]);
    expect(result.confInt).toEqual([-3, -1]);
    expect(result.confLevel).toBeCloseTo(1 - 2 / 6, 12);
    expect(result.warnings).toEqual(['requested confidence level 0.95 not achievable; the interval has level 0.6667']);
  });

  it('with ties and exact: true, inverts the conditional test the same way (whole numbers, no rounding)', () => {
    const x = [3, 5, 5, 8, 9, 12];
    const y = [1, 2, 5, 6, 6, 7];
    const result = mannWhitney(x, y, { exact: true });
    const diffs = sortedDifferences(x, y);
    expect(diffs).toContain(result.confInt[0]);
    expect(diffs).toContain(result.confInt[1]);
    expect(result.confInt[0]).toBeLessThanOrEqual(result.estimate);
    expect(result.estimate).toBeLessThanOrEqual(result.confInt[1]);
  });
});

describe('degenerate samples', () => {
  it('all observations equal: p = 1, no shift (R gives no p-value and no interval)', () => {
    const result = mannWhitney([5, 5, 5], [5, 5, 5, 5]);
    expect(result).toEqual({
      statistic: 6,
      pValue: 1,
      estimate: 0,
      confInt: [0, 0],
      confLevel: 0.95,
      method: 'all-equal',
      ties: true,
      warnings: ['all observations are equal: no evidence of a shift'],
    });
  });

  it('each sample constant: the normal p-value R gives, and the shift is their difference', () => {
    // Tie groups of 3 and 2: sd = sqrt(3·2/12 · (6 − (24 + 6)/20)) = 1.5;
    // z = (0 − 3 + 0.5) / 1.5, p = 2·Φ(−5/3) (R: W = 0, p-value = 0.09558).
    const result = mannWhitney([1, 1, 1], [2, 2]);
    expect(result.statistic).toBe(0);
    expect(result.pValue).toBeCloseTo(0.0955807, 7);
    expect(result.estimate).toBe(-1);
    expect(result.confInt).toEqual([-1, -1]);
    expect(result.warnings).toContain('each sample is constant: the shift is their difference');
  });

  it('drops non-finite values and rejects an empty sample', () => {
    expect(mannWhitney([1, Number.NaN, 2], [3, 4]).statistic).toBe(0);
    expect(() => mannWhitney([], [1])).toThrow('not enough x observations');
    expect(() => mannWhitney([1], [Number.NaN])).toThrow('not enough y observations');
    expect(() => mannWhitney([1], [2], { confLevel: 1 })).toThrow('confLevel must be between 0 and 1, got 1');
  });
});
