// Fisher's exact test for a 2×2 table, as R's fisher.test computes it.
import type { Alternative } from './alternatives.ts';
import { hypergeometricSupport, noncentralMean, noncentralProbabilities, type Support } from './conditional-hypergeometric.ts';
import { findRoot } from './find-root.ts';

export interface FisherExactResult {
  pValue: number;
  /**
   * The conditional maximum-likelihood estimate of the odds ratio (R's `estimate`): 0 or
   * Infinity when the top-left cell is at the edge of its support.
   */
  oddsRatio: number;
  /** The sample odds ratio a·d / (b·c); Infinity or NaN when a cell is zero. */
  sampleOddsRatio: number;
}

// R compares table probabilities with a relative fuzz so that tables as likely as the
// observed one, but computed with different rounding, still count as "as extreme".
const RELATIVE_FUZZ = 1 + 1e-7;

/**
 * Fisher's exact test of the table [[a, b], [c, d]] (R: `fisher.test(matrix(c(a, c, b, d), 2))`).
 * The p-value sums the exact conditional (hypergeometric) probabilities of the tables with
 * the same margins that are at least as extreme: for `two.sided`, those no more probable
 * than the observed table; `greater` and `less` are the upper and lower tails of a.
 */
export function fisherExact(
  a: number,
  b: number,
  c: number,
  d: number,
  alternative: Alternative = 'two.sided',
): FisherExactResult {
  for (const cell of [a, b, c, d]) {
    if (!Number.isInteger(cell) || cell < 0) throw new RangeError(`table cells must be non-negative integers, got ${cell}`);
  }
  const support = hypergeometricSupport({ m: a + c, n: b + d, k: a + b });
  const probabilities = noncentralProbabilities(support, 1);
  const at = (x: number) => probabilities[x - support.lo]!;
  let pValue: number;
  if (alternative === 'less') pValue = sumWhere(probabilities, support, (x) => x <= a);
  else if (alternative === 'greater') pValue = sumWhere(probabilities, support, (x) => x >= a);
  else {
    const limit = at(a) * RELATIVE_FUZZ;
    pValue = sumWhere(probabilities, support, (x) => at(x) <= limit);
  }
  return { pValue: Math.min(1, pValue), oddsRatio: conditionalOddsRatio(support, a), sampleOddsRatio: (a * d) / (b * c) };
}

function sumWhere(probabilities: number[], support: Support, include: (x: number) => boolean): number {
  let sum = 0;
  // Smallest first, so a tiny tail is not lost against a large term.
  const order = probabilities.map((_, i) => i).sort((i, j) => probabilities[i]! - probabilities[j]!);
  for (const i of order) if (include(support.lo + i)) sum += probabilities[i]!;
  return sum;
}

/** R's `mle()`: solve E[X | odds ratio] = a, with uniroot's default tolerance as R uses it. */
function conditionalOddsRatio(support: Support, a: number): number {
  if (a === support.lo) return 0;
  if (a === support.hi) return Number.POSITIVE_INFINITY;
  const mean = noncentralMean(support, 1);
  if (mean > a) return findRoot((t) => noncentralMean(support, t) - a, 0, 1).root;
  if (mean < a) return 1 / findRoot((t) => noncentralMean(support, 1 / t) - a, Number.EPSILON, 1).root;
  return 1;
}
