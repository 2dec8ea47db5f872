// The two-sample Wilcoxon rank-sum (Mann–Whitney) test with the Hodges–Lehmann estimate of
// the location shift and its confidence interval, as R's
// `wilcox.test(x, y, conf.int = TRUE)` computes them.
import type { Alternative } from './alternatives.ts';
import { exactInterval, exactPValue, nullDistribution } from './mann-whitney-exact.ts';
import { normalInterval, normalPValue } from './mann-whitney-normal.ts';
import { hasTies, rankSumStatistic } from './ranks.ts';

export const MANN_WHITNEY_METHODS = ['exact', 'normal', 'all-equal'] as const;
/**
 * `exact`: the exact permutation distribution of the statistic; `normal`: the normal
 * approximation with tie correction; `all-equal`: every observation has the same value,
 * so there is nothing to rank.
 */
export type MannWhitneyMethod = (typeof MANN_WHITNEY_METHODS)[number];

export interface MannWhitneyOptions {
  /** `greater`: x is shifted to the right of y. */
  alternative?: Alternative;
  /**
   * Unset: exact when both samples have fewer than 50 values and there are no ties, else
   * the normal approximation (R's rule). `true` with ties uses the exact distribution
   * conditional on the tie pattern (the mid-rank permutation distribution, as R's current
   * sources do); `false` always uses the normal approximation.
   */
  exact?: boolean;
  /** Continuity correction of the normal approximation, for the p-value and the interval. */
  correct?: boolean;
  confLevel?: number;
  /** Tolerance of the root search for the normal-approximation interval (R's `tol.root`). */
  rootTolerance?: number;
}

export interface MannWhitneyResult {
  /** W: the pairs (x_i, y_j) with x_i > y_j, a tie counting one half (the Mann–Whitney U of x). */
  statistic: number;
  pValue: number;
  /** Hodges–Lehmann estimate of the shift x − y: the median of the pairwise differences x_i − y_j. */
  estimate: number;
  /** Confidence interval of the shift; infinite on the open side of a one-sided alternative. */
  confInt: [number, number];
  /** The level the interval achieves: lower than asked when the exact distribution cannot reach it. */
  confLevel: number;
  method: MannWhitneyMethod;
  ties: boolean;
  warnings: string[];
}

export function mannWhitney(x: readonly number[], y: readonly number[], options: MannWhitneyOptions = {}): MannWhitneyResult {
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  const correct = options.correct ?? true;
  if (!(confLevel > 0 && confLevel < 1)) throw new RangeError(`confLevel must be between 0 and 1, got ${confLevel}`);
  // R drops missing values; a non-finite value cannot be shifted and ranked either.
  const xs = x.filter(Number.isFinite);
  const ys = y.filter(Number.isFinite);
  if (xs.length === 0) throw new RangeError('not enough x observations');
  if (ys.length === 0) throw new RangeError('not enough y observations');

  const ties = hasTies([...xs, ...ys]);
  const statistic = rankSumStatistic(xs, ys);
  const warnings: string[] = [];
  if (allEqual([...xs, ...ys])) return allEqualResult(statistic, alternative, confLevel);

  const small = xs.length < 50 && ys.length < 50;
  const exact = options.exact ?? (small && !ties);
  if (options.exact === undefined && small && ties) warnings.push('ties: the p-value and interval use the normal approximation');
  const distribution = exact ? nullDistribution(xs, ys, ties) : undefined;
  const pValue = distribution
    ? exactPValue(distribution, statistic, alternative)
    : normalPValue(xs, ys, statistic, alternative, correct);
  const method = exact ? 'exact' : 'normal';

  if (allEqual(xs) && allEqual(ys)) {
    // R stops here ("cannot compute confidence interval when all observations are tied"):
    // the statistic of x − d against y is undefined at the only candidate shift. Two
    // constant samples differ by exactly their difference.
    const shift = xs[0]! - ys[0]!;
    warnings.push('each sample is constant: the shift is their difference');
    const confInt = openSides([shift, shift], alternative);
    return { statistic, pValue, estimate: shift, confInt, confLevel, method, ties, warnings };
  }
  const interval = distribution
    ? exactInterval(xs, ys, distribution, ties, alternative, confLevel)
    : { ...normalInterval(xs, ys, alternative, confLevel, correct, options.rootTolerance ?? 1e-4), confLevel };
  return {
    statistic,
    pValue,
    estimate: interval.estimate,
    confInt: interval.confInt,
    confLevel: interval.confLevel,
    method,
    ties,
    warnings: [...warnings, ...interval.warnings],
  };
}

function allEqual(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

function openSides([lower, upper]: [number, number], alternative: Alternative): [number, number] {
  return [
    alternative === 'less' ? Number.NEGATIVE_INFINITY : lower,
    alternative === 'greater' ? Number.POSITIVE_INFINITY : upper,
  ];
}

/**
 * Every observation equal. R reports no p-value (the statistic's variance is zero) and no
 * interval; a gate needs an answer, and identical values are no evidence of a shift:
 * p = 1, shift 0.
 */
function allEqualResult(statistic: number, alternative: Alternative, confLevel: number): MannWhitneyResult {
  return {
    statistic,
    pValue: 1,
    estimate: 0,
    confInt: openSides([0, 0], alternative),
    confLevel,
    method: 'all-equal',
    ties: true,
    warnings: ['all observations are equal: no evidence of a shift'],
  };
}
