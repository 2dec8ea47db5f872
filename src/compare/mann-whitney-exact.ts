// The exact side of wilcox.test: p-value from the permutation distribution of W, and the
// interval read off the sorted pairwise differences (Moses' distribution-free interval,
// which inverts the test; its midpoint statistic is the Hodges–Lehmann estimator).
import type { Alternative } from './alternatives.ts';
import { median } from './descriptive.ts';
import {
  rankSumAtLeast,
  rankSumAtMost,
  rankSumDistribution,
  rankSumQuantile,
  untiedRankSumDistribution,
  type RankSumDistribution,
} from './rank-sum-distribution.ts';
import { midRanks, rankSumStatistic } from './ranks.ts';

export function nullDistribution(x: readonly number[], y: readonly number[], ties: boolean): RankSumDistribution {
  return ties ? rankSumDistribution(midRanks([...x, ...y]), x.length) : untiedRankSumDistribution(x.length, y.length);
}

/** R's two-sided rule: double the smaller tail, the one on the statistic's side of m·n/2. */
export function exactPValue(distribution: RankSumDistribution, statistic: number, alternative: Alternative): number {
  const { m, n } = distribution;
  if (alternative === 'greater') return rankSumAtLeast(distribution, statistic);
  if (alternative === 'less') return rankSumAtMost(distribution, statistic);
  const tail = statistic > (m * n) / 2 ? rankSumAtLeast(distribution, statistic) : rankSumAtMost(distribution, statistic);
  return Math.min(1, 2 * tail);
}

export interface ExactInterval {
  estimate: number;
  confInt: [number, number];
  confLevel: number;
  warnings: string[];
}

export function exactInterval(
  x: readonly number[],
  y: readonly number[],
  distribution: RankSumDistribution,
  ties: boolean,
  alternative: Alternative,
  confLevel: number,
): ExactInterval {
  const alpha = 1 - confLevel;
  const mn = x.length * y.length;
  const diffs: number[] = [];
  for (const xi of x) for (const yj of y) diffs.push(xi - yj);
  diffs.sort((a, b) => a - b);
  // w[i]: the statistic after shifting x by diffs[i]. Without ties it is mn − i (i 0-based,
  // as R abbreviates it); with ties it is computed, and the interval holds the shifts the
  // test at level alpha would not reject.
  const w = ties ? diffs.map((d) => rankSumStatistic(x.map((xi) => xi - d), y)) : diffs.map((_, i) => mn - i);
  const tail = alternative === 'two.sided' ? alpha / 2 : alpha;
  let qu = rankSumQuantile(distribution, tail);
  const ql = mn - qu;
  const upper = qu <= Math.min(...w) ? diffs[diffs.length - 1]! : Math.min(...diffs.filter((_, i) => w[i]! <= qu));
  const lower = ql >= Math.max(...w) ? diffs[0]! : Math.max(...diffs.filter((_, i) => w[i]! > ql));
  if (qu === 0) qu = 1;
  const achievedTail = rankSumAtMost(distribution, Math.trunc(qu) - 1);
  const achievedAlpha = alternative === 'two.sided' ? 2 * achievedTail : achievedTail;
  const warnings: string[] = [];
  let achievedLevel = confLevel;
  if (achievedAlpha - alpha > alpha / 2) {
    warnings.push(`requested confidence level ${confLevel} not achievable; the interval has level ${round(1 - achievedAlpha)}`);
    achievedLevel = 1 - achievedAlpha;
  }
  const confInt: [number, number] =
    alternative === 'two.sided'
      ? [lower, upper]
      : alternative === 'greater'
        ? [lower, Number.POSITIVE_INFINITY]
        : [Number.NEGATIVE_INFINITY, upper];
  return { estimate: median(diffs), confInt, confLevel: achievedLevel, warnings };
}

function round(value: number): number {
  return Number(value.toPrecision(4));
}
