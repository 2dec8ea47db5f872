// A baseline that is itself failing or noisy cannot vouch for a canary: comparing against
// it says little, so the verdict is INCONCLUSIVE rather than PASS.
import { comparisonName } from './describe-comparison.ts';
import { formatRate, formatValue } from './format.ts';
import type { JudgeOptions } from './judge-options.ts';
import type { ComparisonResult } from './verdict.ts';

/**
 * Why this comparison's baseline is unstable, or null:
 * - its pass rate is below `minBaselinePassRate` (the baseline fails its own checks);
 * - its transport errors exceed `maxBaselineTransportErrorRate` (it can hardly be reached);
 * - a distribution's interquartile range exceeds `maxBaselineSpread` times its median (a
 *   robust coefficient of variation; not judged when the median is 0, as for a count that
 *   is usually 0), and is at least the smallest absolute shift that can fail: a spread of a
 *   few milliseconds around a 3 ms median is relatively wide but cannot hide a 50 ms
 *   regression.
 */
export function baselineInstability(result: ComparisonResult, options: JudgeOptions): string | null {
  const name = comparisonName(result);
  if (result.test === 'fisher-exact') {
    const rate = result.baseline.rate;
    if (rate === null) return null;
    if (result.kind === 'pass-rate' && rate < options.minBaselinePassRate) {
      const needed = formatRate(options.minBaselinePassRate);
      return `${name}: unstable baseline: it passes ${formatRate(rate)} of its runs (at least ${needed} needed)`;
    }
    if (result.kind === 'transport-error-rate' && rate > options.maxBaselineTransportErrorRate) {
      const allowed = formatRate(options.maxBaselineTransportErrorRate);
      return `${name}: unstable baseline: transport errors in ${formatRate(rate)} of its runs (at most ${allowed} allowed)`;
    }
    return null;
  }
  const { median, q1, q3 } = result.baseline;
  if (median === null || q1 === null || q3 === null || median === 0) return null;
  const spread = (q3 - q1) / Math.abs(median);
  if (spread <= options.maxBaselineSpread) return null;
  const minAbsolute = options.minAbsoluteShift[result.kind];
  if (minAbsolute > 0 && q3 - q1 < minAbsolute) return null;
  const unit = result.unit;
  return (
    `${name}: unstable baseline: interquartile range ${formatValue(q3 - q1, unit)} is ` +
    `${formatValue(spread)}× the median ${formatValue(median, unit)} (at most ${options.maxBaselineSpread}× allowed)`
  );
}
