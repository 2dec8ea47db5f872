// The statistics and verdict of `payloadwatch compare`, as the command and its reporters use them.
export { ALTERNATIVES, type Alternative } from './alternatives.ts';
export { benjaminiHochberg } from './benjamini-hochberg.ts';
export { collectComparisons, type MeasureJudgement, type Observation, type ProbePersonaRuns } from './collect-comparisons.ts';
export {
  BAD_DIRECTIONS,
  DEFAULT_BAD_DIRECTION,
  DISTRIBUTION_KINDS,
  METRIC_KINDS,
  RATE_KINDS,
  type BadDirection,
  type Comparison,
  type DistributionComparison,
  type DistributionKind,
  type MetricKind,
  type RateComparison,
  type RateKind,
} from './comparison.ts';
export {
  commonLanguageEffectSize,
  differenceInProportions,
  rankBiserial,
  relativeChange,
  type Proportion,
} from './effect-size.ts';
export { fisherExact, type FisherExactResult } from './fisher-exact.ts';
export { formatPValue, formatRate, formatRateChange, formatRelativeChange } from './format.ts';
export { judgeCanary } from './judge.ts';
export {
  DEFAULT_JUDGE_OPTIONS,
  InvalidJudgeOptionsError,
  resolveJudgeOptions,
  type JudgeOptions,
  type JudgeOptionsInput,
} from './judge-options.ts';
export {
  MANN_WHITNEY_METHODS,
  mannWhitney,
  type MannWhitneyMethod,
  type MannWhitneyOptions,
  type MannWhitneyResult,
} from './mann-whitney.ts';
export {
  CHANGE_DIRECTIONS,
  CLASSIFICATIONS,
  VERDICTS,
  type CanaryVerdict,
  type ChangeDirection,
  type Classification,
  type ComparisonResult,
  type DistributionComparisonResult,
  type DistributionSide,
  type PersonaScore,
  type RateComparisonResult,
  type RateSide,
  type ShiftEffect,
  type Verdict,
} from './verdict.ts';
