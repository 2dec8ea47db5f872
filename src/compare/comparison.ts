// What the gate compares: one metric of one probe × persona, measured on the baseline and
// on the canary. The command that runs the probes builds these (see collect-comparisons);
// the judge only reads them.
import type { Proportion } from './effect-size.ts';

export const RATE_KINDS = ['pass-rate', 'empty-rate', 'transport-error-rate'] as const;
/**
 * `pass-rate`: passed runs among runs that were judged (content failures count, transport
 * errors do not); `empty-rate`: runs where a measure was 0; `transport-error-rate`: runs
 * that could not be judged at all, counted apart from content failures.
 */
export type RateKind = (typeof RATE_KINDS)[number];

export const DISTRIBUTION_KINDS = ['distribution', 'latency'] as const;
/** `distribution`: a measure's values; `latency`: run durations in milliseconds. */
export type DistributionKind = (typeof DISTRIBUTION_KINDS)[number];

export const METRIC_KINDS = [...RATE_KINDS, ...DISTRIBUTION_KINDS] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export const BAD_DIRECTIONS = ['higher', 'lower', 'either'] as const;
/** Which way a change in the canary is a regression. */
export type BadDirection = (typeof BAD_DIRECTIONS)[number];

/** Fewer passes, more empty answers, more transport errors and slower runs are bad; a measure may move either way. */
export const DEFAULT_BAD_DIRECTION: Readonly<Record<MetricKind, BadDirection>> = {
  'pass-rate': 'lower',
  'empty-rate': 'higher',
  'transport-error-rate': 'higher',
  distribution: 'either',
  latency: 'higher',
};

interface ComparisonBase {
  persona: string;
  probe: string;
  /** What the reasons name: a measure (`recommendations`) or the probe itself. */
  subject: string;
  /** A critical comparison that regresses fails the verdict on its own, whatever the score. */
  critical?: boolean;
  /** Weight in its persona's score; 1 when unset. */
  weight?: number;
  badDirection?: BadDirection;
}

export interface RateComparison extends ComparisonBase {
  kind: RateKind;
  baseline: Proportion;
  canary: Proportion;
  /** Smallest change of the rate, as a fraction (0.1 = 10 percentage points), that can fail; overrides the judge's default. */
  minDifference?: number;
}

export interface DistributionComparison extends ComparisonBase {
  kind: DistributionKind;
  baseline: readonly number[];
  canary: readonly number[];
  /** Smallest shift relative to the baseline median (0.2 = 20%) that can fail; overrides the judge's default. */
  minRelativeShift?: number;
  /** Smallest absolute shift that can fail; overrides the judge's default. */
  minAbsoluteShift?: number;
  /** Unit of the values for reasons (`ms`). */
  unit?: string;
}

export type Comparison = RateComparison | DistributionComparison;

export function isRateComparison(comparison: Comparison): comparison is RateComparison {
  return (RATE_KINDS as readonly string[]).includes(comparison.kind);
}
