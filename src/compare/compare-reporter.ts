// Reporters of `payloadwatch compare`: optional hooks typed with the compare report; one
// multiplexer fans the events out, and a failing reporter never silences the others.
import type { CompareReport, CompareTarget } from './compare-report.ts';

export interface CompareBeginInfo {
  startedAt: string;
  baseline: CompareTarget;
  canary: CompareTarget;
  /** The probe × persona pairs compared. */
  units: ReadonlyArray<{ probe: string; persona: string }>;
  rounds: number;
  warmup: number;
  seed: number;
  /** Known before any run: identical targets, too few rounds to judge. */
  warnings: readonly string[];
}

export interface CompareRoundInfo {
  /** 1-based, warm-up rounds included. */
  round: number;
  total: number;
  warmup: boolean;
}

export interface CompareReporter {
  onBegin?(info: CompareBeginInfo): void | Promise<void>;
  onRoundEnd?(info: CompareRoundInfo): void | Promise<void>;
  onEnd?(report: CompareReport): void | Promise<void>;
}

export class CompareReporterMultiplexer implements Required<CompareReporter> {
  constructor(
    private readonly reporters: readonly CompareReporter[],
    private readonly onReporterError: (error: unknown, hook: keyof CompareReporter) => void,
  ) {}

  async onBegin(info: CompareBeginInfo): Promise<void> {
    await this.each('onBegin', (r) => r.onBegin?.(info));
  }

  async onRoundEnd(info: CompareRoundInfo): Promise<void> {
    await this.each('onRoundEnd', (r) => r.onRoundEnd?.(info));
  }

  async onEnd(report: CompareReport): Promise<void> {
    await this.each('onEnd', (r) => r.onEnd?.(report));
  }

  private async each(hook: keyof CompareReporter, call: (r: CompareReporter) => void | Promise<void>): Promise<void> {
    for (const reporter of this.reporters) {
      try {
        await call(reporter);
      } catch (error) {
        this.onReporterError(error, hook);
      }
    }
  }
}
