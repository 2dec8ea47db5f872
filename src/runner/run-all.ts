// Every planned run under a concurrency limit. Runs are independent: each resolves to a
// result whatever happens inside it, so one probe's crash or hang costs only its own run.
import pLimit from 'p-limit';
import { REPORT_VERSION, type Report, type RunResult } from '../model/results.ts';
import type { Reporter } from '../reporters/reporter.ts';
import type { PlannedRun, Target } from './plan.ts';
import { runProbe, type RunEnvironment } from './run-probe.ts';
import { summarize } from './summarize.ts';

export interface RunAllOptions {
  concurrency: number;
  /** Each planned run is made this many times (flakiness and false-alarm checks). */
  repeat?: number;
  targets: readonly Target[];
  reporter: Required<Reporter>;
}

export async function runAll(runs: readonly PlannedRun[], env: RunEnvironment, options: RunAllOptions): Promise<Report> {
  const startedAt = new Date().toISOString();
  const repeated = Array.from({ length: Math.max(1, options.repeat ?? 1) }, () => runs).flat();
  await options.reporter.onBegin({ startedAt, total: repeated.length, targets: options.targets });

  const limit = pLimit(Math.max(1, options.concurrency));
  const results: RunResult[] = await Promise.all(
    repeated.map((plan) =>
      limit(async () => {
        const result = await runProbe(plan, env);
        await options.reporter.onRunEnd(result);
        return result;
      }),
    ),
  );

  const report: Report = {
    version: REPORT_VERSION,
    startedAt,
    finishedAt: new Date().toISOString(),
    summary: summarize(results),
    results,
  };
  await options.reporter.onEnd(report);
  return report;
}
