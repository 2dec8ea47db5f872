// What the judge returns: plain JSON (finite numbers or null, no Infinity or NaN), so the
// JSON report can carry it as it is.
import type { BadDirection, DistributionKind, RateKind } from './comparison.ts';
import type { JudgeOptions } from './judge-options.ts';
import type { MannWhitneyMethod } from './mann-whitney.ts';

export const CLASSIFICATIONS = ['pass', 'high', 'low', 'nodata'] as const;
/**
 * Kayenta's labels. `high` / `low`: the canary moved that way, significantly, by a large
 * enough effect, and that way is bad for the metric. `pass`: no such change (a change in
 * the harmless direction passes). `nodata`: a side has no samples, or too few to judge.
 */
export type Classification = (typeof CLASSIFICATIONS)[number];

export const VERDICTS = ['PASS', 'FAIL', 'INCONCLUSIVE'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const CHANGE_DIRECTIONS = ['higher', 'lower'] as const;
export type ChangeDirection = (typeof CHANGE_DIRECTIONS)[number];

export interface RateSide {
  n: number;
  events: number;
  rate: number | null;
}

export interface DistributionSide {
  n: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
}

export interface ShiftEffect {
  /** Hodges–Lehmann estimate of the canary's shift from the baseline. */
  estimate: number;
  confInt: [number, number];
  confLevel: number;
  /** The shift relative to the baseline median; null when that median is 0. */
  relative: number | null;
  /** P(a canary value exceeds a baseline value), ties counting one half. */
  commonLanguage: number;
  rankBiserial: number;
}

interface ComparisonResultBase {
  persona: string;
  probe: string;
  subject: string;
  critical: boolean;
  weight: number;
  badDirection: BadDirection;
  /** Two-sided p-value of the test; null without enough data. */
  pValue: number | null;
  /** Benjamini–Hochberg adjusted across all comparisons of the run. */
  adjustedPValue: number | null;
  /** The effect reaches the minimum for this kind of metric. */
  largeEnough: boolean;
  /** Significant and large enough, in either direction, bad or not. */
  changed: ChangeDirection | null;
  classification: Classification;
  /** One line in words: `new-user recommendations: empty rate 0% → 100%, p < 0.001`. */
  summary: string;
}

export interface RateComparisonResult extends ComparisonResultBase {
  kind: RateKind;
  test: 'fisher-exact';
  baseline: RateSide;
  canary: RateSide;
  /** Canary rate minus baseline rate. */
  difference: number | null;
}

export interface DistributionComparisonResult extends ComparisonResultBase {
  kind: DistributionKind;
  test: 'mann-whitney';
  method: MannWhitneyMethod | null;
  baseline: DistributionSide;
  canary: DistributionSide;
  shift: ShiftEffect | null;
  unit: string;
}

export type ComparisonResult = RateComparisonResult | DistributionComparisonResult;

export interface PersonaScore {
  persona: string;
  /** Weighted percentage of judged comparisons that pass; null when none could be judged. */
  score: number | null;
  weight: number;
  passed: number;
  failed: number;
  noData: number;
}

export interface CanaryVerdict {
  verdict: Verdict;
  /**
   * Weighted mean of the persona scores, 0–100; null when nothing could be judged. Reported
   * for dashboards: the verdict holds each persona to the thresholds on its own.
   */
  score: number | null;
  personas: PersonaScore[];
  comparisons: ComparisonResult[];
  /** Why the verdict is what it is, most decisive first. */
  reasons: string[];
  warnings: string[];
  options: JudgeOptions;
}
