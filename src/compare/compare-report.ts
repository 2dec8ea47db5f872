// What `payloadwatch compare` produces: the verdict with everything that led to it, as the
// versioned JSON report (`compare.json`) carries it. Plain JSON throughout.
import type { CheckKind } from '../model/results.ts';
import type { JudgeOptions } from './judge-options.ts';
import type { ComparisonResult, PersonaScore, Verdict } from './verdict.ts';

export const COMPARE_REPORT_VERSION = 1;

export interface CompareTarget {
  /** A target named in the config, or the URL's host. */
  name: string;
  url: string;
}

/** One check that did not pass, counted over one side's judged runs. */
export interface CheckFailureCount {
  check: string;
  kind: CheckKind;
  outcome: 'fail' | 'error';
  step: string;
  /** Judged runs in which the check did not pass. */
  runs: number;
  /** What went wrong the first time. */
  message: string;
}

/** One side's judged runs of one probe × persona (warm-up rounds left out). */
export interface SideRuns {
  runs: number;
  passed: number;
  failed: number;
  errored: number;
  /** Checks that failed or errored, most frequent first. */
  failures: CheckFailureCount[];
}

export interface CompareGroup {
  probe: string;
  persona: string;
  critical: boolean;
  baseline: SideRuns;
  canary: SideRuns;
}

export interface CompareOptionsRecord {
  /** Probes compared. */
  probes: string[];
  /** Personas compared. */
  personas: string[];
  /** Pairs run at once within a round. */
  concurrency: number;
  /** Always 0: a retry would hide the canary's flakiness. */
  retries: 0;
  /** The exit code is 0 whatever the verdict. */
  advisory: boolean;
  judge: JudgeOptions;
}

export interface CompareReport {
  version: typeof COMPARE_REPORT_VERSION;
  kind: 'compare';
  startedAt: string;
  finishedAt: string;
  baseline: CompareTarget;
  canary: CompareTarget;
  /** Seed of the rounds' order: the same seed runs the same order again. */
  seed: number;
  /** Judged rounds: each probe × persona ran this many times on each side. */
  rounds: number;
  /** Rounds run first and thrown away. */
  warmup: number;
  verdict: Verdict;
  score: number | null;
  personas: PersonaScore[];
  /** Why the verdict is what it is, most decisive first. */
  reasons: string[];
  warnings: string[];
  options: CompareOptionsRecord;
  comparisons: ComparisonResult[];
  groups: CompareGroup[];
  /** Stopped early (Ctrl+C, SIGTERM): `rounds` counts the judged rounds that completed. */
  interrupted: boolean;
}
