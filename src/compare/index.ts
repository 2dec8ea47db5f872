// The statistics, runs, verdict and reports of `payloadwatch compare`, as the command uses them.
export { ALTERNATIVES, type Alternative } from './alternatives.ts';
export { benjaminiHochberg } from './benjamini-hochberg.ts';
export { collectComparisons, type MeasureJudgement, type Observation, type ProbePersonaRuns } from './collect-comparisons.ts';
export {
  COMPARE_REPORT_VERSION,
  type CheckFailureCount,
  type CompareGroup,
  type CompareOptionsRecord,
  type CompareReport,
  type CompareTarget,
  type SideRuns,
} from './compare-report.ts';
export {
  CompareReporterMultiplexer,
  type CompareBeginInfo,
  type CompareReporter,
  type CompareRoundInfo,
} from './compare-reporter.ts';
export { CompareConsoleReporter } from './console-report.ts';
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
export {
  GATE_PATHS,
  GateRequestError,
  startCompareGate,
  type GateAnswer,
  type GateServerOptions,
  type GateTargets,
  type RunningGate,
} from './gate-server.ts';
export { interleave, otherSide, SIDES, type ScheduledPair, type ScheduledRound, type Side } from './interleave.ts';
export { COMPARE_REPORT_FILE, CompareJsonReporter } from './json-report.ts';
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
export { DEFAULT_COMPARE_RUNS, DEFAULT_COMPARE_WARMUP } from './compare-defaults.ts';
export {
  runCompare,
  type CompareSettings,
  type CompareUnit,
} from './run-compare.ts';
export { MAX_SEED, mulberry32, randomSeed, shuffled, type Random } from './seeded-random.ts';
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
