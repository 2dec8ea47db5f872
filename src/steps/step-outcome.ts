import type { CheckResult, RunOutcome } from '../model/results.ts';

/** `error` wins over `fail` (we could not judge), `fail` over `pass`; warnings and skips pass. */
export function stepOutcome(checks: readonly CheckResult[]): RunOutcome {
  if (checks.some((c) => c.outcome === 'error')) return 'error';
  if (checks.some((c) => c.outcome === 'fail')) return 'fail';
  return 'pass';
}
