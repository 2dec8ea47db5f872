// One comparison's statistics before the run-wide p-value adjustment: the sides, the test,
// the effect and whether it is large enough to matter.
import {
  DEFAULT_BAD_DIRECTION,
  isRateComparison,
  type Comparison,
  type DistributionComparison,
  type RateComparison,
} from './comparison.ts';
import { quartiles } from './descriptive.ts';
import { commonLanguageEffectSize, differenceInProportions, rankBiserial, rate } from './effect-size.ts';
import { fisherExact } from './fisher-exact.ts';
import type { JudgeOptions } from './judge-options.ts';
import { mannWhitney } from './mann-whitney.ts';
import type { ChangeDirection, ComparisonResult, DistributionComparisonResult, RateComparisonResult } from './verdict.ts';

export const SAMPLE_STATES = ['enough', 'too-few', 'none'] as const;
/** `none`: a side has no samples at all; `too-few`: fewer than the minimum per side. */
export type SampleState = (typeof SAMPLE_STATES)[number];

export interface Analysis {
  /** Complete but for adjustedPValue, changed, classification and summary. */
  result: ComparisonResult;
  samples: SampleState;
  /** Which way the canary moved, by the sign of the effect; null for no movement. */
  direction: ChangeDirection | null;
}

// A rate difference of 0.3 − 0.2 is 0.09999999999999998: thresholds compare with a little slack.
const SLACK = 1e-9;

export function analyseComparison(comparison: Comparison, options: JudgeOptions): Analysis {
  return isRateComparison(comparison) ? analyseRate(comparison, options) : analyseDistribution(comparison, options);
}

function sampleState(baseline: number, canary: number, options: JudgeOptions): SampleState {
  if (baseline === 0 || canary === 0) return 'none';
  return Math.min(baseline, canary) < options.minSamplesPerSide ? 'too-few' : 'enough';
}

function directionOf(value: number): ChangeDirection | null {
  return value > 0 ? 'higher' : value < 0 ? 'lower' : null;
}

function common(comparison: Comparison) {
  return {
    persona: comparison.persona,
    probe: comparison.probe,
    subject: comparison.subject,
    critical: comparison.critical ?? false,
    weight: comparison.weight ?? 1,
    badDirection: comparison.badDirection ?? DEFAULT_BAD_DIRECTION[comparison.kind],
    adjustedPValue: null,
    changed: null,
    classification: 'nodata' as const,
    summary: '',
  };
}

function analyseRate(comparison: RateComparison, options: JudgeOptions): Analysis {
  for (const side of [comparison.baseline, comparison.canary]) {
    const { events, trials } = side;
    if (!(Number.isInteger(events) && Number.isInteger(trials) && events >= 0 && events <= trials)) {
      throw new RangeError(`${comparison.persona} ${comparison.subject}: ${events} events of ${trials} trials is not a proportion`);
    }
  }
  const { baseline, canary } = comparison;
  const samples = sampleState(baseline.trials, canary.trials, options);
  const difference = samples === 'none' ? null : differenceInProportions(baseline, canary);
  const minDifference = comparison.minDifference ?? options.minDifference[comparison.kind];
  // Judged as a 2×2 table of events and non-events, canary in the first row.
  const pValue =
    samples === 'none'
      ? null
      : fisherExact(canary.events, canary.trials - canary.events, baseline.events, baseline.trials - baseline.events).pValue;
  const result: RateComparisonResult = {
    ...common(comparison),
    kind: comparison.kind,
    test: 'fisher-exact',
    baseline: { n: baseline.trials, events: baseline.events, rate: baseline.trials ? rate(baseline) : null },
    canary: { n: canary.trials, events: canary.events, rate: canary.trials ? rate(canary) : null },
    difference,
    pValue,
    largeEnough: difference !== null && difference !== 0 && Math.abs(difference) >= minDifference - SLACK,
  };
  return { result, samples, direction: difference === null ? null : directionOf(difference) };
}

function analyseDistribution(comparison: DistributionComparison, options: JudgeOptions): Analysis {
  const baseline = comparison.baseline.filter(Number.isFinite);
  const canary = comparison.canary.filter(Number.isFinite);
  const samples = sampleState(baseline.length, canary.length, options);
  const side = (values: number[]) =>
    values.length === 0 ? { n: 0, median: null, q1: null, q3: null } : { n: values.length, ...quartiles(values) };
  const base: DistributionComparisonResult = {
    ...common(comparison),
    kind: comparison.kind,
    test: 'mann-whitney',
    method: null,
    baseline: side(baseline),
    canary: side(canary),
    shift: null,
    unit: comparison.unit ?? (comparison.kind === 'latency' ? 'ms' : ''),
    pValue: null,
    largeEnough: false,
  };
  if (samples === 'none') return { result: base, samples, direction: null };

  const test = mannWhitney(canary, baseline, { confLevel: options.confLevel });
  const baselineMedian = base.baseline.median!;
  const relative = baselineMedian === 0 ? (test.estimate === 0 ? 0 : null) : test.estimate / Math.abs(baselineMedian);
  const biserial = rankBiserial(test.statistic, canary.length, baseline.length);
  // The direction follows the test statistic; the size of the move is the Hodges–Lehmann
  // shift, which must point the same way and pass both the absolute and relative minimums.
  const direction = directionOf(biserial);
  const sign = direction === 'higher' ? 1 : -1;
  const minRelative = comparison.minRelativeShift ?? options.minRelativeShift[comparison.kind];
  const minAbsolute = comparison.minAbsoluteShift ?? options.minAbsoluteShift[comparison.kind];
  const towards = test.estimate * sign;
  const largeEnough =
    direction !== null &&
    towards > 0 &&
    towards >= minAbsolute - SLACK &&
    (relative === null || relative * sign >= minRelative - SLACK);
  const result: DistributionComparisonResult = {
    ...base,
    method: test.method,
    pValue: test.pValue,
    largeEnough,
    shift: {
      estimate: test.estimate,
      confInt: test.confInt,
      confLevel: test.confLevel,
      relative,
      commonLanguage: commonLanguageEffectSize(test.statistic, canary.length, baseline.length),
      rankBiserial: biserial,
    },
  };
  return { result, samples, direction };
}
