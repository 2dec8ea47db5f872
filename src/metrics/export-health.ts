// Export trouble as log lines an operator can live with. A collector that is down fails
// every export; logging each would bury the other logs, so warnings back off (first one at
// once, then at doubling intervals) and the line that ends a quiet spell says how many it
// held back. The first export that gets through again says so, and the backoff starts over.
import type { DiagLogger } from '@opentelemetry/api';
import type { Logger } from '../logging/logger.ts';

export interface ExportHealthOptions {
  /** Quiet spell after the first warning; it doubles after each warning up to `maxBackoffMs`. Default 10 s. */
  initialBackoffMs?: number;
  /** Default 5 min. */
  maxBackoffMs?: number;
  now?: () => number;
}

export class ExportHealth {
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly now: () => number;
  private backoffMs: number;
  private quietUntil = 0;
  private heldBack = 0;
  private failedExports = 0;

  constructor(
    private readonly logger: Logger,
    options: ExportHealthOptions = {},
  ) {
    this.initialBackoffMs = options.initialBackoffMs ?? 10_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 300_000;
    this.now = options.now ?? Date.now;
    this.backoffMs = this.initialBackoffMs;
  }

  /** Failed exports since the last one that got through. */
  get failures(): number {
    return this.failedExports;
  }

  exportFailed(exporter: string, error: unknown): void {
    this.failedExports += 1;
    this.warn(
      { exporter, err: error, failedExports: this.failedExports },
      'metrics export failed; the counts are kept and go out with the next export that gets through',
    );
  }

  exportSucceeded(exporter: string): void {
    if (this.failedExports === 0) return;
    this.logger.info({ exporter, failedExports: this.failedExports }, 'metrics export works again');
    this.failedExports = 0;
    this.heldBack = 0;
    this.quietUntil = 0;
    this.backoffMs = this.initialBackoffMs;
  }

  /** A warning under the backoff: logged, or held back and counted. */
  warn(fields: Record<string, unknown>, message: string): void {
    const now = this.now();
    if (now < this.quietUntil) {
      this.heldBack += 1;
      return;
    }
    this.logger.warn({ ...fields, ...(this.heldBack > 0 ? { heldBack: this.heldBack } : {}), nextWarningInMs: this.backoffMs }, message);
    this.heldBack = 0;
    this.quietUntil = now + this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
  }

  /** OpenTelemetry's own diagnostics (export errors among them) under the same backoff. */
  diagLogger(): DiagLogger {
    const toLog = (message: string, args: unknown[]) => {
      const [first] = args;
      this.warn({ source: 'opentelemetry', ...(first instanceof Error ? { err: first } : args.length > 0 ? { details: args.map(String) } : {}) }, message);
    };
    return {
      error: (message, ...args) => toLog(message, args),
      warn: (message, ...args) => toLog(message, args),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    };
  }
}
