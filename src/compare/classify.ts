// Kayenta's classification, with an explicit effect-size gate: a comparison is `high` or
// `low` only when the adjusted p-value is below alpha, the effect is at least the minimum
// for its kind, and the canary moved in a direction that is bad for the metric.
import type { Analysis } from './analyse-comparison.ts';
import type { BadDirection } from './comparison.ts';
import { describeComparison } from './describe-comparison.ts';
import type { JudgeOptions } from './judge-options.ts';
import type { ChangeDirection, Classification, ComparisonResult } from './verdict.ts';

export function isBadChange(change: ChangeDirection, bad: BadDirection): boolean {
  return bad === 'either' || change === bad;
}

function badLabel(change: ChangeDirection): Classification {
  return change === 'higher' ? 'high' : 'low';
}

export function classify(analysis: Analysis, adjustedPValue: number | null, options: JudgeOptions): ComparisonResult {
  const { result, samples, direction } = analysis;
  const judged = samples === 'enough' && adjustedPValue !== null;
  const changed = judged && adjustedPValue < options.alpha && result.largeEnough ? direction : null;
  let classification: Classification = 'nodata';
  if (judged) classification = changed && isBadChange(changed, result.badDirection) ? badLabel(changed) : 'pass';
  const classified: ComparisonResult = { ...result, adjustedPValue: judged ? adjustedPValue : null, changed, classification };
  return { ...classified, summary: describeComparison(classified, samples, options.minSamplesPerSide) };
}
