// Every probe × persona × target on its cron schedule. A schedule never overlaps itself:
// a tick that finds its previous run still going (waiting out its jitter, queued for a
// slot, or running) is skipped and counted. All schedules share one concurrency limit;
// each run keeps runProbe's own deadline. Ticks never reject, timers never keep the
// process alive, and `drain` bounds how long shutdown waits for runs in flight.
import pLimit, { type LimitFunction } from 'p-limit';
import type { Logger } from '../logging/logger.ts';
import type { RunResult } from '../model/results.ts';
import type { Reporter } from '../reporters/reporter.ts';
import type { PlannedRun } from '../runner/plan.ts';
import { runProbe, type RunEnvironment } from '../runner/run-probe.ts';
import { shortestIntervalMs } from './cron-interval.ts';
import { jitterMs } from './jitter.ts';
import { scheduleId, scheduleKeyOf, type ScheduleKey } from './schedule-key.ts';
import { cronTickSource, type Ticker, type TickSource } from './tick-source.ts';

export const SKIP_REASONS = ['overlap', 'missed'] as const;
/** `overlap`: the previous run was still going. `missed`: the event loop was blocked when the tick was due. */
export type SkipReason = (typeof SKIP_REASONS)[number];

/** How long runs get to notice an abort before `drain` stops waiting for them. */
export const ABORT_GRACE_MS = 2_000;

/** `replace` after `stop`: a stopped scheduler does not start again. */
export class SchedulerStoppedError extends Error {
  override name = 'SchedulerStoppedError';
  constructor() {
    super('the scheduler is stopped');
  }
}

export interface SchedulerOptions {
  /** Every finished run goes here (metrics, status page); usually a ReporterMultiplexer. */
  reporter: Reporter;
  /** Called for each skipped tick, e.g. the metrics reporter's `recordSkippedTick`. */
  onSkippedTick?: (key: ScheduleKey, reason: SkipReason) => void;
  /** Runs at once across all schedules. */
  concurrency: number;
  logger: Logger;
  /**
   * Time zone the cron expressions are read in; default: the process's (`TZ`).
   * @example timezone: 'Europe/Berlin'
   */
  timezone?: string;
  /** Default: node-cron. */
  ticks?: TickSource;
  /** Delay before each run of a schedule; default: `jitterMs` (deterministic, bounded). */
  jitter?: (id: string, intervalMs: number) => number;
  /** Default: `runProbe`. */
  run?: (plan: PlannedRun, env: RunEnvironment) => Promise<RunResult>;
}

/** One planned run and the environment it runs in (a reload brings new ones). */
export interface ScheduleSet {
  runs: readonly PlannedRun[];
  env: Omit<RunEnvironment, 'signal'>;
}

export interface ScheduleInfo extends ScheduleKey {
  expression: string;
  jitterMs: number;
  nextRunAt?: string;
  /** A run of this schedule is waiting for its jitter or a slot, or running. */
  busy: boolean;
  /** A run of this schedule holds a concurrency slot now. */
  running: boolean;
}

export interface ReplaceSummary {
  scheduled: number;
  /** Probe × persona × target runs whose probe has no `schedule`. */
  unscheduled: number;
}

export interface DrainResult {
  /** Runs going at the stop that finished on their own before the deadline. */
  finished: number;
  /** Runs still going at the deadline, which were aborted. */
  aborted: number;
  /** Runs not started yet at the stop (waiting for their jitter or a slot), which were dropped. */
  dropped: number;
}

interface ActiveSchedule {
  id: string;
  key: ScheduleKey;
  expression: string;
  jitterMs: number;
  plan: PlannedRun;
  env: Omit<RunEnvironment, 'signal'>;
  ticker: Ticker;
}

export class Scheduler {
  private readonly limit: LimitFunction;
  private readonly ticks: TickSource;
  private readonly run: (plan: PlannedRun, env: RunEnvironment) => Promise<RunResult>;
  private readonly jitter: (id: string, intervalMs: number) => number;
  private readonly shutdown = new AbortController();
  private schedules = new Map<string, ActiveSchedule>();
  /** By schedule id; outlives a reload, so a swapped-in schedule does not overlap its predecessor's run. */
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Schedule ids whose run holds a concurrency slot. */
  private readonly running = new Set<string>();
  private readonly sleeps = new Set<() => void>();
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.limit = pLimit({ concurrency: Math.max(1, options.concurrency), rejectOnClear: true });
    this.ticks = options.ticks ?? cronTickSource(options.logger);
    this.run = options.run ?? runProbe;
    this.jitter = options.jitter ?? jitterMs;
  }

  /**
   * Schedules exactly these runs, replacing whatever was scheduled. Runs in flight keep
   * going with the plan and environment they started with.
   */
  replace(set: ScheduleSet): ReplaceSummary {
    if (this.stopped) throw new SchedulerStoppedError();
    const log = this.options.logger;
    const next = new Map<string, ActiveSchedule>();
    let unscheduled = 0;
    const reportedUnscheduled = new Set<string>();
    try {
      for (const plan of set.runs) {
        const key = scheduleKeyOf(plan);
        const expression = plan.probe.definition.schedule;
        if (!expression) {
          unscheduled += 1;
          if (!reportedUnscheduled.has(key.probe)) {
            reportedUnscheduled.add(key.probe);
            log.info({ probe: key.probe, file: plan.probe.file }, 'probe has no schedule; the daemon does not run it');
          }
          continue;
        }
        const id = scheduleId(key);
        if (next.has(id)) continue;
        const timezone = this.options.timezone;
        const active: ActiveSchedule = {
          id,
          key,
          expression,
          jitterMs: this.jitter(id, shortestIntervalMs(expression, timezone)),
          plan,
          env: set.env,
          ticker: this.ticks(
            { name: id, expression, ...(timezone ? { timezone } : {}) },
            { tick: () => this.onTick(active), missed: () => this.skip(active, 'missed') },
          ),
        };
        next.set(id, active);
      }
    } catch (error) {
      // Expressions are validated when the project loads; this only guards the registry.
      for (const created of next.values()) created.ticker.stop();
      throw error;
    }

    const previous = this.schedules;
    this.schedules = next;
    for (const old of previous.values()) old.ticker.stop();
    for (const schedule of next.values()) {
      schedule.ticker.start();
      log.debug({ ...schedule.key, schedule: schedule.expression, jitterMs: schedule.jitterMs }, 'scheduled');
    }
    return { scheduled: next.size, unscheduled };
  }

  /** Sets the concurrency limit; runs already going are not interrupted. */
  setConcurrency(concurrency: number): void {
    this.limit.concurrency = Math.max(1, concurrency);
  }

  get concurrency(): number {
    return this.limit.concurrency;
  }

  /** Schedules that are waiting, queued or running. */
  get busyCount(): number {
    return this.inFlight.size;
  }

  /** Runs holding a concurrency slot now. */
  get runningCount(): number {
    return this.limit.activeCount;
  }

  list(): ScheduleInfo[] {
    return [...this.schedules.values()].map((s) => {
      const next = s.ticker.nextRun();
      return {
        ...s.key,
        expression: s.expression,
        jitterMs: s.jitterMs,
        ...(next ? { nextRunAt: new Date(next.getTime() + s.jitterMs).toISOString() } : {}),
        busy: this.inFlight.has(s.id),
        running: this.running.has(s.id),
      };
    });
  }

  /** No tick fires after this; runs waiting for their jitter or a slot are dropped. Runs already going continue. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const schedule of this.schedules.values()) schedule.ticker.stop();
    for (const wake of [...this.sleeps]) wake();
    this.limit.clearQueue();
  }

  /** Stops, waits for runs in flight up to `deadlineMs`, then aborts them. Never rejects. */
  async drain(deadlineMs: number): Promise<DrainResult> {
    const running = this.running.size;
    const dropped = this.inFlight.size - running;
    this.stop();
    const pending = [...this.inFlight.values()];
    if (pending.length === 0) return { finished: 0, aborted: 0, dropped };
    const all = Promise.allSettled(pending);
    if (await settlesWithin(all, deadlineMs)) return { finished: running, aborted: 0, dropped };
    const aborted = this.running.size;
    this.options.logger.warn({ runs: aborted, deadlineMs }, 'runs still going at the drain deadline; aborting them');
    this.shutdown.abort(new Error('payloadwatch is shutting down'));
    await settlesWithin(all, ABORT_GRACE_MS);
    return { finished: running - aborted, aborted, dropped };
  }

  private onTick(schedule: ActiveSchedule): void {
    if (this.stopped || this.schedules.get(schedule.id) !== schedule) return;
    if (this.inFlight.has(schedule.id)) {
      this.skip(schedule, 'overlap');
      return;
    }
    const job = this.launch(schedule).finally(() => this.inFlight.delete(schedule.id));
    this.inFlight.set(schedule.id, job);
  }

  private skip(schedule: ActiveSchedule, reason: SkipReason): void {
    if (this.stopped) return;
    const message =
      reason === 'overlap'
        ? 'tick skipped: the previous run of this schedule is still going'
        : 'tick skipped: the event loop was blocked when it was due';
    this.options.logger.warn({ ...schedule.key, schedule: schedule.expression, reason }, message);
    try {
      this.options.onSkippedTick?.(schedule.key, reason);
    } catch (error) {
      this.options.logger.error({ err: error, ...schedule.key }, 'recording a skipped tick failed');
    }
  }

  /** Never rejects: one schedule's trouble must never reach node-cron or the others. */
  private async launch(schedule: ActiveSchedule): Promise<void> {
    const log = this.options.logger;
    try {
      if (schedule.jitterMs > 0 && !(await this.sleep(schedule.jitterMs))) return;
      let result: RunResult | undefined;
      try {
        result = await this.limit(async () => {
          if (this.stopped) return undefined;
          this.running.add(schedule.id);
          try {
            return await this.run(schedule.plan, { ...schedule.env, signal: this.shutdown.signal });
          } finally {
            this.running.delete(schedule.id);
          }
        });
      } catch (error) {
        if (this.stopped) return; // dropped from the queue by stop()
        throw error;
      }
      if (!result) return;
      if (this.shutdown.signal.aborted) {
        // The run was cut short by shutdown, not judged: counting it as an error would page someone.
        log.warn({ ...schedule.key, outcome: result.outcome }, 'run aborted by shutdown; its result is not recorded');
        return;
      }
      await this.options.reporter.onRunEnd?.(result);
    } catch (error) {
      log.error({ err: error, ...schedule.key }, 'a scheduled run failed unexpectedly; the schedule carries on');
    }
  }

  /** Resolves `true` after `ms`, or `false` at once when the scheduler stops. */
  private sleep(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleeps.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.sleeps.delete(wake);
        resolve(true);
      }, ms);
      timer.unref();
      this.sleeps.add(wake);
    });
  }
}

/** `true` when `promise` settled within `ms`. The timer holds the process open on purpose: shutdown waits for it. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
