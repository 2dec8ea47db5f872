// Reporters see runs through optional hooks typed with the result model. They write to
// an injected stream or file, never to a global, so their tests read real output.
import type { Report, RunResult } from '../model/results.ts';

export interface RunBeginInfo {
  startedAt: string;
  /** Planned runs, repeats included. */
  total: number;
  targets: ReadonlyArray<{ name: string; url: string }>;
}

export interface Reporter {
  onBegin?(info: RunBeginInfo): void | Promise<void>;
  onRunEnd?(result: RunResult): void | Promise<void>;
  onEnd?(report: Report): void | Promise<void>;
}

/** Fans every event out to all reporters; one reporter's failure never silences the others. */
export class ReporterMultiplexer implements Required<Reporter> {
  constructor(
    private readonly reporters: readonly Reporter[],
    private readonly onReporterError: (error: unknown, hook: keyof Reporter) => void,
  ) {}

  async onBegin(info: RunBeginInfo): Promise<void> {
    await this.each('onBegin', (r) => r.onBegin?.(info));
  }

  async onRunEnd(result: RunResult): Promise<void> {
    await this.each('onRunEnd', (r) => r.onRunEnd?.(result));
  }

  async onEnd(report: Report): Promise<void> {
    await this.each('onEnd', (r) => r.onEnd?.(report));
  }

  private async each(hook: keyof Reporter, call: (r: Reporter) => void | Promise<void>): Promise<void> {
    for (const reporter of this.reporters) {
      try {
        await call(reporter);
      } catch (error) {
        this.onReporterError(error, hook);
      }
    }
  }
}
