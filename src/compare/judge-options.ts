// The thresholds of the canary judge, with defaults that suit small interleaved samples
// (10 rounds a side): a change must be both statistically clear after adjusting for the
// number of comparisons and large enough to matter.
import type { DistributionKind, RateKind } from './comparison.ts';

export interface JudgeOptions {
  /** False-discovery rate: a change needs a Benjamini–Hochberg adjusted p-value below this. */
  alpha: number;
  /** Fewer samples than this on either side make a comparison unjudgeable and the verdict INCONCLUSIVE. */
  minSamplesPerSide: number;
  /** Every persona's score (0–100) must reach this for the verdict to be PASS. */
  passScore: number;
  /** A persona scoring below this fails the canary; between the two thresholds it is INCONCLUSIVE. */
  marginalScore: number;
  /** Level of the shift's confidence interval reported with distributions. */
  confLevel: number;
  /** A baseline passing fewer of its runs than this is unstable: it cannot vouch for the canary. */
  minBaselinePassRate: number;
  /** A baseline with more transport errors than this share of runs is unstable. */
  maxBaselineTransportErrorRate: number;
  /** A baseline whose interquartile range exceeds this multiple of its median is unstable. */
  maxBaselineSpread: number;
  /** Smallest change of a rate (fraction: 0.1 = 10 percentage points) that can fail. */
  minDifference: Record<RateKind, number>;
  /** Smallest shift relative to the baseline median that can fail. */
  minRelativeShift: Record<DistributionKind, number>;
  /** Smallest absolute shift that can fail (milliseconds for latency). */
  minAbsoluteShift: Record<DistributionKind, number>;
  /** Weight of each persona in the reported overall score; 1 when unset. */
  personaWeights: Record<string, number>;
}

export const DEFAULT_JUDGE_OPTIONS: Readonly<JudgeOptions> = Object.freeze({
  alpha: 0.05,
  minSamplesPerSide: 10,
  passScore: 95,
  marginalScore: 75,
  confLevel: 0.95,
  minBaselinePassRate: 0.9,
  maxBaselineTransportErrorRate: 0.2,
  maxBaselineSpread: 1,
  minDifference: { 'pass-rate': 0.1, 'empty-rate': 0.1, 'transport-error-rate': 0.1 },
  minRelativeShift: { distribution: 0.2, latency: 0.25 },
  minAbsoluteShift: { distribution: 0, latency: 50 },
  personaWeights: {},
});

/**
 * Options as a caller writes them: any subset, nested records merged key by key.
 * @example judgeCanary(comparisons, { alpha: 0.01, minDifference: { 'empty-rate': 0.05 } })
 */
export type JudgeOptionsInput = Partial<
  Omit<JudgeOptions, 'minDifference' | 'minRelativeShift' | 'minAbsoluteShift'>
> & {
  minDifference?: Partial<JudgeOptions['minDifference']>;
  minRelativeShift?: Partial<JudgeOptions['minRelativeShift']>;
  minAbsoluteShift?: Partial<JudgeOptions['minAbsoluteShift']>;
};

export class InvalidJudgeOptionsError extends Error {
  override name = 'InvalidJudgeOptionsError';
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${option}: ${String(value)} is not ${expected}`);
  }
}

export function resolveJudgeOptions(input: JudgeOptionsInput = {}): JudgeOptions {
  const defaults = DEFAULT_JUDGE_OPTIONS;
  const options: JudgeOptions = {
    ...defaults,
    ...input,
    minDifference: { ...defaults.minDifference, ...input.minDifference },
    minRelativeShift: { ...defaults.minRelativeShift, ...input.minRelativeShift },
    minAbsoluteShift: { ...defaults.minAbsoluteShift, ...input.minAbsoluteShift },
    personaWeights: { ...input.personaWeights },
  };
  const fraction = (name: string, value: number, open = false) => {
    if (!(open ? value > 0 && value < 1 : value >= 0 && value <= 1)) {
      throw new InvalidJudgeOptionsError(name, value, open ? 'between 0 and 1 (exclusive)' : 'between 0 and 1');
    }
  };
  fraction('alpha', options.alpha, true);
  fraction('confLevel', options.confLevel, true);
  fraction('minBaselinePassRate', options.minBaselinePassRate);
  fraction('maxBaselineTransportErrorRate', options.maxBaselineTransportErrorRate);
  for (const [kind, value] of Object.entries(options.minDifference)) fraction(`minDifference.${kind}`, value);
  if (!(Number.isInteger(options.minSamplesPerSide) && options.minSamplesPerSide >= 1)) {
    throw new InvalidJudgeOptionsError('minSamplesPerSide', options.minSamplesPerSide, 'a whole number of at least 1');
  }
  if (!(options.marginalScore >= 0 && options.marginalScore <= options.passScore && options.passScore <= 100)) {
    const expected = `between 0 and passScore (${options.passScore}) <= 100`;
    throw new InvalidJudgeOptionsError('marginalScore', options.marginalScore, expected);
  }
  return options;
}
