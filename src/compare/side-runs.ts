// One side's runs of a probe × persona in a few numbers, with the checks that broke and how
// often: "the canary failed critical checks in 3 of 10 runs" says that, this says which.
import type { RunResult } from '../model/results.ts';
import type { CheckFailureCount, SideRuns } from './compare-report.ts';

export function summarizeSide(results: readonly RunResult[]): SideRuns {
  const failures = new Map<string, CheckFailureCount>();
  for (const result of results) {
    // A check counts once per run, however many times it broke in it.
    const seen = new Set<string>();
    for (const check of result.checks) {
      if (check.outcome !== 'fail' && check.outcome !== 'error') continue;
      const key = `${check.step}\u0000${check.name}\u0000${check.outcome}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const known = failures.get(key);
      if (known) known.runs += 1;
      else {
        failures.set(key, {
          check: check.name,
          kind: check.kind,
          outcome: check.outcome,
          step: check.step,
          runs: 1,
          message: check.message,
        });
      }
    }
  }
  const count = (outcome: RunResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return {
    runs: results.length,
    passed: count('pass'),
    failed: count('fail'),
    errored: count('error'),
    failures: [...failures.values()].sort((a, b) => b.runs - a.runs),
  };
}
