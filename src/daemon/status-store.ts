// What the status page and /api/status show: per probe × persona × target, the latest
// outcome, the last failure, recent outcomes and recent measure values. In memory only,
// every history in a ring buffer, so a daemon that runs for months stays the same size.
import type { RunOutcome, RunResult } from '../model/results.ts';
import type { Reporter } from '../reporters/reporter.ts';
import { RingBuffer } from './ring-buffer.ts';

/** Outcomes kept per schedule: the strip on the status page. */
export const OUTCOME_HISTORY = 30;
/** Values kept per measure: its chart. */
export const MEASURE_HISTORY = 60;
/** Measures charted per schedule; more are counted in metrics but not kept here. */
export const MAX_MEASURES = 12;
/** Longest failure message kept. */
export const MAX_MESSAGE_CHARS = 2_000;

export interface TrackedSchedule {
  probe: string;
  persona: string;
  target: string;
  expression: string;
}

export interface OutcomePoint {
  at: string;
  outcome: RunOutcome;
  durationMs: number;
}

export interface MeasurePoint {
  at: string;
  value: number;
}

export interface ScheduleStatus {
  probe: string;
  persona: string;
  target: string;
  schedule: string;
  /** Latest run's outcome; absent before the first run. */
  outcome?: RunOutcome;
  flaky?: boolean;
  lastRunAt?: string;
  lastDurationMs?: number;
  lastFailure?: { at: string; outcome: Exclude<RunOutcome, 'pass'>; message: string };
  runs: Record<RunOutcome, number>;
  skippedTicks: number;
  /** Oldest first. */
  recent: OutcomePoint[];
  /** By measure name, oldest first. */
  measures: Record<string, MeasurePoint[]>;
}

interface Entry {
  schedule: TrackedSchedule;
  latest?: RunResult;
  lastFailure?: ScheduleStatus['lastFailure'];
  runs: Record<RunOutcome, number>;
  skippedTicks: number;
  recent: RingBuffer<OutcomePoint>;
  measures: Map<string, RingBuffer<MeasurePoint>>;
}

function idOf(key: { probe: string; persona: string; target: string }): string {
  return `${key.probe}|${key.persona}|${key.target}`;
}

/** Why a run did not pass, in one line: its error, else its first failed check. */
export function failureMessage(result: RunResult): string {
  if (result.error) return result.error;
  const check = result.checks.find((c) => c.outcome === 'error') ?? result.checks.find((c) => c.outcome === 'fail');
  if (!check) return `the run ended '${result.outcome}'`;
  const kind = check.kind === 'rule' ? `rule "${check.name}"` : `${check.kind} check "${check.name}"`;
  return `${kind} in step '${check.step}': ${check.message}`;
}

export class StatusStore implements Reporter {
  private entries = new Map<string, Entry>();

  /** The schedules the page shows, in this order; history of schedules that stay is kept. */
  track(schedules: readonly TrackedSchedule[]): void {
    const next = new Map<string, Entry>();
    for (const schedule of schedules) {
      const id = idOf(schedule);
      const existing = this.entries.get(id);
      next.set(id, existing ? { ...existing, schedule } : this.emptyEntry(schedule));
    }
    this.entries = next;
  }

  onRunEnd(result: RunResult): void {
    // A run of a schedule a reload removed still finishes; it has no row any more.
    const entry = this.entries.get(idOf(result));
    if (!entry) return;
    entry.latest = result;
    entry.runs[result.outcome] += 1;
    entry.recent.push({ at: result.startedAt, outcome: result.outcome, durationMs: result.durationMs });
    if (result.outcome !== 'pass') {
      entry.lastFailure = { at: result.startedAt, outcome: result.outcome, message: failureMessage(result).slice(0, MAX_MESSAGE_CHARS) };
    }
    for (const [name, value] of Object.entries(result.measures)) {
      if (!Number.isFinite(value)) continue;
      let ring = entry.measures.get(name);
      if (!ring) {
        if (entry.measures.size >= MAX_MEASURES) continue;
        ring = new RingBuffer(MEASURE_HISTORY);
        entry.measures.set(name, ring);
      }
      ring.push({ at: result.startedAt, value });
    }
  }

  recordSkippedTick(key: { probe: string; persona: string; target: string }): void {
    const entry = this.entries.get(idOf(key));
    if (entry) entry.skippedTicks += 1;
  }

  snapshot(): ScheduleStatus[] {
    return [...this.entries.values()].map((e) => ({
      probe: e.schedule.probe,
      persona: e.schedule.persona,
      target: e.schedule.target,
      schedule: e.schedule.expression,
      ...(e.latest
        ? { outcome: e.latest.outcome, flaky: e.latest.flaky, lastRunAt: e.latest.startedAt, lastDurationMs: e.latest.durationMs }
        : {}),
      ...(e.lastFailure ? { lastFailure: e.lastFailure } : {}),
      runs: { ...e.runs },
      skippedTicks: e.skippedTicks,
      recent: e.recent.toArray(),
      measures: Object.fromEntries([...e.measures].map(([name, ring]) => [name, ring.toArray()])),
    }));
  }

  private emptyEntry(schedule: TrackedSchedule): Entry {
    return { schedule, runs: { pass: 0, fail: 0, error: 0 }, skippedTicks: 0, recent: new RingBuffer(OUTCOME_HISTORY), measures: new Map() };
  }
}
