// A tick source the test fires by hand, and a logger that keeps what it was told: the
// scheduler's behaviour without waiting for a clock.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '../../src/logging/logger.ts';
import type { TickHandlers, TickSchedule, Ticker, TickSource } from '../../src/scheduler/tick-source.ts';

export interface FakeTicker {
  schedule: TickSchedule;
  handlers: TickHandlers;
  started: boolean;
  stopped: boolean;
}

export class FakeTicks {
  readonly tickers: FakeTicker[] = [];

  readonly source: TickSource = (schedule, handlers): Ticker => {
    const ticker: FakeTicker = { schedule, handlers, started: false, stopped: false };
    this.tickers.push(ticker);
    return {
      start: () => void (ticker.started = true),
      stop: () => void (ticker.stopped = true),
      nextRun: () => (ticker.stopped ? null : new Date(Date.parse('2030-01-01T00:00:00Z'))),
    };
  };

  /** Tickers that are running now, by schedule name (`probe|persona|target`). */
  live(): Map<string, FakeTicker> {
    return new Map(this.tickers.filter((t) => t.started && !t.stopped).map((t) => [t.schedule.name, t]));
  }

  /** Fires one schedule's tick, as node-cron would; a stopped ticker does not fire. */
  fire(name: string): void {
    const ticker = this.live().get(name);
    if (!ticker) throw new Error(`no live schedule '${name}'; live: ${[...this.live().keys()].join(', ')}`);
    ticker.handlers.tick(new Date());
  }

  fireAll(): void {
    for (const ticker of this.live().values()) ticker.handlers.tick(new Date());
  }
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

export function memoryLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets queued promise callbacks run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((r) => setImmediate(r));
}
