// Which outcomes fail the build (exit 1). The reports always tell the whole truth; this
// only decides the exit code, so a team can, say, ship on content warnings but not on errors.
import type { Report, RunResult } from '../model/results.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { oneOfList } from './parse-options.ts';

export const FAIL_ON_OUTCOMES = ['fail', 'error', 'flaky', 'warn'] as const;
/** `fail`/`error`: a run with that outcome; `flaky`: a run whose outcome changed on a retry; `warn`: a run with a check of severity `warn` that did not hold. */
export type FailOnOutcome = (typeof FAIL_ON_OUTCOMES)[number];

export const DEFAULT_FAIL_ON: readonly FailOnOutcome[] = ['fail', 'error'];

/** Why one run fails the build under `failOn`, or `undefined` when it does not. */
export function failingOutcome(result: RunResult, failOn: readonly FailOnOutcome[]): FailOnOutcome | undefined {
  if (result.outcome === 'fail' && failOn.includes('fail')) return 'fail';
  if (result.outcome === 'error' && failOn.includes('error')) return 'error';
  if (result.flaky && failOn.includes('flaky')) return 'flaky';
  if (failOn.includes('warn') && result.checks.some((c) => c.outcome === 'warn')) return 'warn';
  return undefined;
}

export function exitCodeFor(report: Report, failOn: readonly FailOnOutcome[] = DEFAULT_FAIL_ON): ExitCode {
  return report.results.some((r) => failingOutcome(r, failOn) !== undefined) ? EXIT.failed : EXIT.ok;
}

/** `--fail-on fail,error` (comma-separated, repeatable); `none` never fails the build. */
export function failOnList(value: string, previous: FailOnOutcome[] = []): FailOnOutcome[] {
  if (value.trim() === 'none') return [];
  return oneOfList(FAIL_ON_OUTCOMES, 'outcome')(value, previous);
}
