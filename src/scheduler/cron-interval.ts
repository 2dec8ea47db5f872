// How often a cron expression fires, for sizing the jitter: the shortest gap between its
// next few runs, so an irregular schedule ('0 9,17 * * *') gets the conservative bound.
import { createTask } from 'node-cron';

const RUNS_SAMPLED = 6;

export function shortestIntervalMs(expression: string, timezone?: string): number {
  const task = createTask(expression, () => undefined, timezone ? { timezone } : {});
  try {
    const runs = task.getNextRuns(RUNS_SAMPLED).map((d) => d.getTime());
    let shortest = Number.POSITIVE_INFINITY;
    for (let i = 1; i < runs.length; i += 1) shortest = Math.min(shortest, runs[i]! - runs[i - 1]!);
    return shortest;
  } finally {
    // createTask registers the task in node-cron's global registry; destroy removes it.
    void task.destroy();
  }
}
