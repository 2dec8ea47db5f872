// The large-sample side of wilcox.test: the normal approximation to W with the variance
// reduced for ties, R's continuity correction, and R's interval, which is not published
// but documented in its sources: each endpoint is the shift d at which the standardized
// (and corrected) statistic of x − d against y equals the normal quantile, found with
// uniroot on [min(x) − max(y), max(x) − min(y)]; the estimate is the shift where the
// uncorrected statistic is zero, the large-sample form of the Hodges–Lehmann estimator.
import type { Alternative } from './alternatives.ts';
import { findRoot } from './find-root.ts';
import { normalCdf, normalQuantile, normalUpperTail } from './normal-distribution.ts';
import { midRanks, tieGroupSizes } from './ranks.ts';

/** Standard deviation of W under the null hypothesis, reduced for ties. */
export function statisticSd(nx: number, ny: number, tieSizes: readonly number[]): number {
  const N = nx + ny;
  const tieTerm = tieSizes.reduce((sum, t) => sum + t ** 3 - t, 0);
  return Math.sqrt(((nx * ny) / 12) * (N + 1 - tieTerm / (N * (N - 1))));
}

function continuity(alternative: Alternative, z: number): number {
  if (alternative === 'greater') return 0.5;
  if (alternative === 'less') return -0.5;
  return Math.sign(z) * 0.5;
}

export function normalPValue(
  x: readonly number[],
  y: readonly number[],
  statistic: number,
  alternative: Alternative,
  correct: boolean,
): number {
  const nx = x.length;
  const ny = y.length;
  const centred = statistic - (nx * ny) / 2;
  const z = (centred - (correct ? continuity(alternative, centred) : 0)) / statisticSd(nx, ny, tieGroupSizes([...x, ...y]));
  if (alternative === 'less') return normalCdf(z);
  if (alternative === 'greater') return normalUpperTail(z);
  return Math.min(1, 2 * Math.min(normalCdf(z), normalUpperTail(z)));
}

export interface NormalInterval {
  estimate: number;
  confInt: [number, number];
  warnings: string[];
}

export function normalInterval(
  x: readonly number[],
  y: readonly number[],
  alternative: Alternative,
  confLevel: number,
  correct: boolean,
  rootTolerance: number,
): NormalInterval {
  const nx = x.length;
  const ny = y.length;
  const alpha = 1 - confLevel;
  const muMin = Math.min(...x) - Math.max(...y);
  const muMax = Math.max(...x) - Math.min(...y);
  // The standardized statistic of x − d against y; decreasing in d.
  const standardized = (d: number, withCorrection: boolean): number => {
    const ranks = midRanks([...x.map((xi) => xi - d), ...y]);
    let rankSum = 0;
    for (let i = 0; i < nx; i++) rankSum += ranks[i]!;
    const dz = rankSum - (nx * (nx + 1)) / 2 - (nx * ny) / 2;
    const correction = withCorrection ? continuity(alternative, dz) : 0;
    return (dz - correction) / statisticSd(nx, ny, tieGroupSizes(ranks));
  };
  const atMin = standardized(muMin, correct);
  const atMax = standardized(muMax, correct);
  const warnings: string[] = [];
  const root = (zq: number): number => {
    // In extreme cases (e.g. one x against 59 y) the quantile is never reached inside
    // the range and R returns the end of the range.
    if (atMin - zq <= 0) return muMin;
    if (atMax - zq >= 0) return muMax;
    const found = findRoot((d) => standardized(d, correct) - zq, muMin, muMax, {
      fLower: atMin - zq,
      fUpper: atMax - zq,
      tolerance: rootTolerance,
    });
    if (!found.converged) warnings.push('the interval search did not converge');
    return found.root;
  };
  let confInt: [number, number];
  if (alternative === 'two.sided') confInt = [root(-normalQuantile(alpha / 2)), root(normalQuantile(alpha / 2))];
  else if (alternative === 'greater') confInt = [root(-normalQuantile(alpha)), Number.POSITIVE_INFINITY];
  else confInt = [Number.NEGATIVE_INFINITY, root(normalQuantile(alpha))];
  const estimate = findRoot((d) => standardized(d, false), muMin, muMax, { tolerance: rootTolerance }).root;
  return { estimate, confInt, warnings };
}
