import type { RunResult, RunSummary } from '../model/results.ts';

export function summarize(results: readonly RunResult[]): RunSummary {
  const summary: RunSummary = { passed: 0, failed: 0, errored: 0, flaky: 0 };
  for (const r of results) {
    if (r.outcome === 'pass') summary.passed += 1;
    else if (r.outcome === 'fail') summary.failed += 1;
    else summary.errored += 1;
    if (r.flaky) summary.flaky += 1;
  }
  return summary;
}
