// A comparison in one line of words, the form reasons and the console table use.
import type { SampleState } from './analyse-comparison.ts';
import type { MetricKind } from './comparison.ts';
import { formatPValue, formatRate, formatRateChange, formatRelativeChange, formatShift, formatValue } from './format.ts';
import type { ComparisonResult } from './verdict.ts';

const LABELS: Readonly<Record<MetricKind, string>> = {
  'pass-rate': 'pass rate',
  'empty-rate': 'empty rate',
  'transport-error-rate': 'transport errors',
  distribution: 'median',
  latency: 'latency median',
};

/** `new-user recommendations`. */
export function comparisonName(result: Pick<ComparisonResult, 'persona' | 'subject'>): string {
  return `${result.persona} ${result.subject}`;
}

export function metricLabel(kind: MetricKind): string {
  return LABELS[kind];
}

/**
 * `new-user recommendations: empty rate 0% → 100%, p < 0.001`;
 * `new-user recommendations: median 5 → 0 (shift -5, -100%), p < 0.001`;
 * `new-user recommendations: median: too few samples (baseline 4, canary 10; at least 10 a side)`.
 */
export function describeComparison(result: ComparisonResult, samples: SampleState, minSamplesPerSide: number): string {
  const head = `${comparisonName(result)}: ${LABELS[result.kind]}`;
  const p = result.adjustedPValue ?? result.pValue;
  if (samples !== 'enough') {
    const counts = `baseline ${result.baseline.n}, canary ${result.canary.n}`;
    return samples === 'none'
      ? `${head}: no data (${counts})`
      : `${head}: too few samples (${counts}; at least ${minSamplesPerSide} a side)`;
  }
  if (result.test === 'fisher-exact') {
    return `${head} ${formatRateChange(result.baseline.rate!, result.canary.rate!)}, ${formatPValue(p!)}`;
  }
  const unit = result.unit;
  const medians = `${formatValue(result.baseline.median!, unit)} → ${formatValue(result.canary.median!, unit)}`;
  const shift = result.shift!;
  const change = `shift ${formatShift(shift.estimate, unit)}, ${formatRelativeChange(shift.relative)}`;
  return `${head} ${medians} (${change}), ${formatPValue(p!)}`;
}

/** `3 of 10` with the rate when the runs are many: `3 of 40 (7.5%)`. */
export function countOf(events: number, trials: number): string {
  return trials > 20 ? `${events} of ${trials} (${formatRate(events / trials)})` : `${events} of ${trials}`;
}
