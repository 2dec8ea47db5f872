// Fisher's test conditions on both margins of the 2×2 table; the top-left cell then follows
// the (Fisher) non-central hypergeometric distribution with the odds ratio as its
// parameter, central under the null hypothesis of no association.
//
//            col 1   col 2
//   row 1      a       b      k = a + b
//   row 2      c       d
//            m = a+c  n = b+d

export interface TableMargins {
  /** Column 1 total (a + c). */
  m: number;
  /** Column 2 total (b + d). */
  n: number;
  /** Row 1 total (a + b). */
  k: number;
}

export interface Support {
  lo: number;
  hi: number;
  /** log P(X = lo + i) under the central hypergeometric distribution, up to a constant. */
  logWeights: number[];
}

export function hypergeometricSupport({ m, n, k }: TableMargins): Support {
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  // Successive ratios P(x+1)/P(x) = (m−x)(k−x) / ((x+1)(n−k+x+1)) are exact to a rounding
  // each, which keeps every weight precise where factorials of large margins would not.
  const logWeights = [0];
  for (let x = lo; x < hi; x++) {
    const ratio = ((m - x) * (k - x)) / ((x + 1) * (n - k + x + 1));
    logWeights.push(logWeights[logWeights.length - 1]! + Math.log(ratio));
  }
  return { lo, hi, logWeights };
}

/** P(X = x) for x = lo..hi with odds ratio `ncp` (0 < ncp < ∞). */
export function noncentralProbabilities(support: Support, ncp: number): number[] {
  const logNcp = Math.log(ncp);
  const logs = support.logWeights.map((w, i) => w + logNcp * (support.lo + i));
  const max = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - max));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/** E[X] with odds ratio `ncp`; the conditional maximum-likelihood estimate solves E[X] = x. */
export function noncentralMean(support: Support, ncp: number): number {
  if (ncp === 0) return support.lo;
  if (ncp === Number.POSITIVE_INFINITY) return support.hi;
  return noncentralProbabilities(support, ncp).reduce((sum, p, i) => sum + p * (support.lo + i), 0);
}
