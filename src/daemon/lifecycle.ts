// Ordered start-up and shut-down. Each task may return how to undo itself; shut-down runs
// those in reverse order under one deadline, so a step that hangs (a collector that does
// not answer) costs its share of the time, never the exit. A start-up failure undoes the
// tasks already done before it is rethrown.
import { performance } from 'node:perf_hooks';
import type { Logger } from '../logging/logger.ts';

/** Each teardown is still called after the deadline, with this long to finish: closing a socket is quick and worth doing. */
export const MIN_TEARDOWN_SLICE_MS = 250;

export type Teardown = () => Promise<void> | void;

export interface LifecycleTask {
  name: string;
  setup(): Promise<Teardown | void> | Teardown | void;
}

export interface TeardownReport {
  /** Tasks whose teardown finished. */
  done: string[];
  /** Tasks whose teardown threw. */
  failed: string[];
  /** Tasks not finished when the deadline passed. */
  timedOut: string[];
}

export class Lifecycle {
  private readonly teardowns: Array<{ name: string; run: Teardown }> = [];
  private tearingDown: Promise<TeardownReport> | undefined;

  constructor(private readonly logger: Logger) {}

  /** Runs the tasks in order; when one throws, what was set up is torn down and the error rethrown. */
  async start(tasks: readonly LifecycleTask[], teardownDeadlineMs: number): Promise<void> {
    for (const task of tasks) {
      const started = performance.now();
      try {
        const teardown = await task.setup();
        if (teardown) this.teardowns.push({ name: task.name, run: teardown });
        this.logger.debug({ task: task.name, ms: Math.round(performance.now() - started) }, 'start-up task done');
      } catch (error) {
        await this.stop(teardownDeadlineMs);
        throw error;
      }
    }
  }

  /**
   * Runs every teardown once, in reverse order, within `deadlineMs` overall (each gets at
   * least MIN_TEARDOWN_SLICE_MS). Never rejects; a second call gets the first's report.
   */
  stop(deadlineMs: number): Promise<TeardownReport> {
    this.tearingDown ??= this.runTeardowns(deadlineMs);
    return this.tearingDown;
  }

  private async runTeardowns(deadlineMs: number): Promise<TeardownReport> {
    const report: TeardownReport = { done: [], failed: [], timedOut: [] };
    const deadline = performance.now() + deadlineMs;
    for (const { name, run } of [...this.teardowns].reverse()) {
      const left = Math.max(MIN_TEARDOWN_SLICE_MS, deadline - performance.now());
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        Promise.resolve()
          .then(run)
          .then(
            () => 'done' as const,
            (error: unknown) => {
              this.logger.error({ err: error, task: name }, 'shut-down task failed; carrying on with the rest');
              return 'failed' as const;
            },
          ),
        new Promise<'timedOut'>((resolve) => {
          timer = setTimeout(() => resolve('timedOut'), left);
        }),
      ]);
      clearTimeout(timer);
      report[outcome].push(name);
      if (outcome === 'timedOut') this.logger.warn({ task: name, deadlineMs }, 'shut-down task did not finish before the deadline; moving on');
      else this.logger.debug({ task: name }, 'shut-down task done');
    }
    return report;
  }
}
