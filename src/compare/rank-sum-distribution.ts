// The exact null distribution of the Mann–Whitney statistic U: under the null hypothesis
// every split of the pooled ranks into m for x and n for y is equally likely, so
// P(U = u) is the share of m-element subsets of the ranks whose sum is u + m(m+1)/2.
// Without ties the ranks are 1..N and this is R's dwilcox/pwilcox/qwilcox; with ties it
// is the permutation distribution of the mid-ranks, conditional on the tie pattern.

export interface RankSumDistribution {
  readonly m: number;
  readonly n: number;
  /** U takes values k / step for k = 0 .. m·n·step (step 2 when mid-ranks end in .5). */
  readonly step: 1 | 2;
  /** probabilities[k] = P(U = k / step). */
  readonly probabilities: Float64Array;
}

const untiedCache = new Map<string, RankSumDistribution>();

/** The distribution of U with m and n untied observations (R's dwilcox). */
export function untiedRankSumDistribution(m: number, n: number): RankSumDistribution {
  const key = `${m}:${n}`;
  let distribution = untiedCache.get(key);
  if (!distribution) {
    distribution = rankSumDistribution(
      Array.from({ length: m + n }, (_, i) => i + 1),
      m,
    );
    untiedCache.set(key, distribution);
  }
  return distribution;
}

/** The permutation distribution of U given the pooled (mid-)ranks and m of them for x. */
export function rankSumDistribution(pooledRanks: readonly number[], m: number): RankSumDistribution {
  const n = pooledRanks.length - m;
  const step: 1 | 2 = pooledRanks.every(Number.isInteger) ? 1 : 2;
  const scaled = pooledRanks.map((r) => Math.round(r * step));
  const maxSum = [...scaled].sort((a, b) => b - a).slice(0, m).reduce((a, b) => a + b, 0);
  // ways[j][s]: how many j-element subsets of the ranks seen so far sum to s. Counts
  // only ever add, so they keep full relative precision (C(98, 49) < 1e29 fits a double).
  const ways = Array.from({ length: m + 1 }, () => new Float64Array(maxSum + 1));
  ways[0]![0] = 1;
  let seen = 0;
  for (const rank of scaled) {
    seen++;
    for (let j = Math.min(seen, m); j >= 1; j--) {
      const from = ways[j - 1]!;
      const to = ways[j]!;
      for (let s = maxSum - rank; s >= 0; s--) if (from[s] !== 0) to[s + rank]! += from[s]!;
    }
  }
  const offset = (step * m * (m + 1)) / 2;
  const size = step * m * n + 1;
  const counts = ways[m]!;
  let total = 0;
  for (const count of counts) total += count;
  const probabilities = new Float64Array(size);
  for (let k = 0; k < size; k++) probabilities[k] = (counts[k + offset] ?? 0) / total;
  return { m, n, step, probabilities };
}

// U is compared on its lattice with a little fuzz, as R does (`floor(q + 1e-7)`), so a
// statistic computed as 34.99999999 still counts as 35.
const FUZZ = 1e-7;

/** P(U <= u). */
export function rankSumAtMost(distribution: RankSumDistribution, u: number): number {
  const last = Math.floor(u * distribution.step + FUZZ);
  let p = 0;
  for (let k = 0; k <= Math.min(last, distribution.probabilities.length - 1); k++) p += distribution.probabilities[k]!;
  return Math.min(p, 1);
}

/** P(U >= u), summed from the top so a small upper tail keeps its precision. */
export function rankSumAtLeast(distribution: RankSumDistribution, u: number): number {
  const first = Math.max(0, Math.ceil(u * distribution.step - FUZZ));
  let p = 0;
  for (let k = distribution.probabilities.length - 1; k >= first; k--) p += distribution.probabilities[k]!;
  return Math.min(p, 1);
}

/** The smallest u with P(U <= u) >= p, less R's fuzz of 10 machine epsilons (qwilcox). */
export function rankSumQuantile(distribution: RankSumDistribution, p: number): number {
  const target = p - 10 * Number.EPSILON;
  let cumulative = 0;
  for (let k = 0; k < distribution.probabilities.length; k++) {
    cumulative += distribution.probabilities[k]!;
    if (cumulative >= target) return k / distribution.step;
  }
  return (distribution.probabilities.length - 1) / distribution.step;
}
