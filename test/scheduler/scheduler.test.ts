import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonaDefinition, ProbeDefinition } from '../../src/model/definitions.ts';
import type { RunResult } from '../../src/model/results.ts';
import type { PlannedRun } from '../../src/runner/plan.ts';
import type { RunEnvironment } from '../../src/runner/run-probe.ts';
import { Scheduler, type SchedulerOptions, type SkipReason } from '../../src/scheduler/scheduler.ts';
import type { ScheduleKey } from '../../src/scheduler/schedule-key.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import { nonEmpty } from '../../src/validate/rules.ts';
import { oneStepProbe, plannedRun, RecordingReporter, runEnv } from '../support/runner-fixtures.ts';
import { delay, sendJson, startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { deferred, FakeTicks, LEVEL, memoryLogger, settle, type Deferred } from './fake-ticks.ts';

const TARGET = { name: 'shop', url: 'http://127.0.0.1:1' };
const NEW_USER: PersonaDefinition = { name: 'new-user' };

function probe(name: string, schedule: string | null = '*/30 * * * * *'): ProbeDefinition {
  return { ...oneStepProbe(name, '/api/items'), ...(schedule ? { schedule } : {}) };
}

function resultOf(plan: PlannedRun, outcome: RunResult['outcome'] = 'pass'): RunResult {
  return {
    probe: plan.probe.definition.name,
    persona: plan.persona.name,
    target: plan.target.name,
    url: plan.target.url,
    outcome,
    flaky: false,
    startedAt: new Date().toISOString(),
    durationMs: 1,
    attempts: 1,
    steps: [],
    checks: [],
    measures: {},
    artifacts: [],
  };
}

/** A run function whose runs finish when the test says so. */
class ControlledRuns {
  readonly started: Array<{ plan: PlannedRun; env: RunEnvironment; done: Deferred<RunResult> }> = [];
  running = 0;
  maxRunning = 0;

  readonly run = async (plan: PlannedRun, env: RunEnvironment): Promise<RunResult> => {
    const done = deferred<RunResult>();
    this.started.push({ plan, env, done });
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      return await done.promise;
    } finally {
      this.running -= 1;
    }
  };

  finish(index: number, outcome: RunResult['outcome'] = 'pass'): void {
    const run = this.started[index]!;
    run.done.resolve(resultOf(run.plan, outcome));
  }
}

function harness(overrides: Partial<SchedulerOptions> = {}) {
  const ticks = new FakeTicks();
  const runs = new ControlledRuns();
  const reporter = new RecordingReporter();
  const skipped: Array<{ key: ScheduleKey; reason: SkipReason }> = [];
  const { logger, lines } = memoryLogger();
  const scheduler = new Scheduler({
    reporter,
    onSkippedTick: (key, reason) => skipped.push({ key, reason }),
    concurrency: 8,
    logger,
    ticks: ticks.source,
    run: runs.run,
    jitter: () => 0,
    ...overrides,
  });
  return { ticks, runs, reporter, skipped, lines, scheduler };
}

function set(probes: readonly ProbeDefinition[], personas: readonly PersonaDefinition[] = [NEW_USER]) {
  return { runs: probes.flatMap((p) => personas.map((persona) => plannedRun(p, TARGET, persona))), env: runEnv() };
}

describe('Scheduler: no overlap', () => {
  it('skips and counts ticks while the previous run of the same schedule is still going', async () => {
    const { ticks, runs, reporter, skipped, lines, scheduler } = harness();
    scheduler.replace(set([probe('recommendations')]));
    const id = 'recommendations|new-user|shop';

    ticks.fire(id);
    await settle();
    expect(runs.started).toHaveLength(1);
    ticks.fire(id);
    ticks.fire(id);
    await settle();
    expect(runs.started).toHaveLength(1);
    expect(skipped).toEqual([
      { key: { probe: 'recommendations', persona: 'new-user', target: 'shop' }, reason: 'overlap' },
      { key: { probe: 'recommendations', persona: 'new-user', target: 'shop' }, reason: 'overlap' },
    ]);
    const warnings = lines.filter((l) => l.level === LEVEL.warn);
    expect(warnings.map((l) => l.msg)).toEqual([
      'tick skipped: the previous run of this schedule is still going',
      'tick skipped: the previous run of this schedule is still going',
    ]);
    expect(warnings[0]).toMatchObject({ probe: 'recommendations', persona: 'new-user', target: 'shop', reason: 'overlap', schedule: '*/30 * * * * *' });

    runs.finish(0);
    await settle();
    expect(reporter.runs.map((r) => `${r.probe}/${r.persona}`)).toEqual(['recommendations/new-user']);
    ticks.fire(id);
    await settle();
    expect(runs.started).toHaveLength(2);
    expect(skipped).toHaveLength(2);
    runs.finish(1);
    await scheduler.drain(1_000);
  });

  it('keeps schedules apart: one slow schedule does not skip another', async () => {
    const { ticks, runs, skipped, scheduler } = harness();
    scheduler.replace(set([probe('recommendations')], [NEW_USER, { name: 'returning-buyer' }]));
    ticks.fire('recommendations|new-user|shop');
    ticks.fire('recommendations|returning-buyer|shop');
    await settle();
    expect(runs.started.map((r) => r.plan.persona.name)).toEqual(['new-user', 'returning-buyer']);
    expect(skipped).toEqual([]);
    runs.finish(0);
    runs.finish(1);
    await scheduler.drain(1_000);
  });

  it('counts a tick the event loop missed as skipped', async () => {
    const { ticks, skipped, scheduler } = harness();
    scheduler.replace(set([probe('search')]));
    ticks.live().get('search|new-user|shop')!.handlers.missed(new Date());
    expect(skipped).toEqual([{ key: { probe: 'search', persona: 'new-user', target: 'shop' }, reason: 'missed' }]);
    await scheduler.drain(1_000);
  });
});

describe('Scheduler: jitter', () => {
  it("delays each run by its schedule's jitter, computed from probe|persona|target and the interval", async () => {
    const asked: Array<[string, number]> = [];
    const { ticks, runs, scheduler } = harness({
      jitter: (id, intervalMs) => {
        asked.push([id, intervalMs]);
        return 150;
      },
    });
    scheduler.replace(set([probe('recommendations')]));
    expect(asked).toEqual([['recommendations|new-user|shop', 30_000]]);
    expect(scheduler.list()[0]!.jitterMs).toBe(150);
    ticks.fire('recommendations|new-user|shop');
    await settle();
    expect(runs.started).toHaveLength(0);
    expect(scheduler.busyCount).toBe(1);
    await delay(400);
    expect(runs.started).toHaveLength(1);
    runs.finish(0);
    await scheduler.drain(1_000);
  });

  it('a tick during the jitter wait counts as an overlap; stop drops the waiting run', async () => {
    const { ticks, runs, skipped, scheduler } = harness({ jitter: () => 60_000 });
    scheduler.replace(set([probe('recommendations')]));
    ticks.fire('recommendations|new-user|shop');
    ticks.fire('recommendations|new-user|shop');
    expect(skipped).toHaveLength(1);
    expect(await scheduler.drain(1_000)).toEqual({ finished: 0, aborted: 0, dropped: 1 });
    expect(runs.started).toHaveLength(0);
  });
});

describe('Scheduler: concurrency', () => {
  it('never runs more than the limit at once across all schedules, and runs the rest as slots free', async () => {
    const { ticks, runs, reporter, scheduler } = harness({ concurrency: 2 });
    scheduler.replace(set(['a', 'b', 'c', 'd', 'e'].map((name) => probe(name))));
    ticks.fireAll();
    await settle();
    expect(runs.started).toHaveLength(2);
    expect(scheduler.busyCount).toBe(5);
    expect(scheduler.runningCount).toBe(2);

    runs.finish(0);
    await settle();
    expect(runs.started).toHaveLength(3);
    for (let i = 1; i < 5; i += 1) {
      runs.finish(i);
      await settle();
    }
    expect(runs.maxRunning).toBe(2);
    expect(reporter.runs).toHaveLength(5);
    expect(scheduler.busyCount).toBe(0);
  });

  it('a new limit applies to runs that have not started yet', async () => {
    const { ticks, runs, scheduler } = harness({ concurrency: 1 });
    scheduler.replace(set(['a', 'b', 'c'].map((name) => probe(name))));
    ticks.fireAll();
    await settle();
    expect(runs.started).toHaveLength(1);
    scheduler.setConcurrency(3);
    await settle();
    expect(runs.started).toHaveLength(3);
    [0, 1, 2].forEach((i) => runs.finish(i));
    await scheduler.drain(1_000);
  });
});

describe('Scheduler: what it schedules', () => {
  it('schedules each probe × persona × target with a schedule, logs probes without one at info', async () => {
    const { ticks, lines, scheduler } = harness();
    const summary = scheduler.replace(set([probe('recommendations'), probe('adhoc', null)], [NEW_USER, { name: 'returning-buyer' }]));
    expect(summary).toEqual({ scheduled: 2, unscheduled: 2 });
    expect([...ticks.live().keys()].sort()).toEqual(['recommendations|new-user|shop', 'recommendations|returning-buyer|shop']);
    expect(ticks.tickers[0]!.schedule).toEqual({ name: 'recommendations|new-user|shop', expression: '*/30 * * * * *' });
    const info = lines.filter((l) => l.level === LEVEL.info);
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ msg: 'probe has no schedule; the daemon does not run it', probe: 'adhoc', file: 'probes/adhoc.probe.ts' });
    expect(scheduler.list().map((s) => [s.probe, s.persona, s.expression, s.busy])).toEqual([
      ['recommendations', 'new-user', '*/30 * * * * *', false],
      ['recommendations', 'returning-buyer', '*/30 * * * * *', false],
    ]);
    await scheduler.drain(1_000);
  });

  it('passes a configured time zone to the tick source', async () => {
    const { ticks, scheduler } = harness({ timezone: 'Europe/Berlin' });
    scheduler.replace(set([probe('recommendations', '0 0 9 * * *')]));
    expect(ticks.tickers[0]!.schedule.timezone).toBe('Europe/Berlin');
    await scheduler.drain(1_000);
  });

  it('a run that throws costs that run only: logged, and the next tick runs again', async () => {
    let calls = 0;
    const { ticks, lines, scheduler, reporter } = harness({
      run: async (plan) => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return resultOf(plan);
      },
    });
    scheduler.replace(set([probe('recommendations')]));
    ticks.fire('recommendations|new-user|shop');
    await settle();
    ticks.fire('recommendations|new-user|shop');
    await settle();
    expect(calls).toBe(2);
    expect(reporter.runs).toHaveLength(1);
    expect(lines.find((l) => l.level === LEVEL.error)).toMatchObject({ msg: 'a scheduled run failed unexpectedly; the schedule carries on', probe: 'recommendations' });
  });

  it('a reporter that throws does not stop the schedule', async () => {
    const { ticks, runs, lines, scheduler } = harness({ reporter: { onRunEnd: () => { throw new Error('sink down'); } } });
    scheduler.replace(set([probe('recommendations')]));
    ticks.fire('recommendations|new-user|shop');
    await settle();
    runs.finish(0);
    await settle();
    ticks.fire('recommendations|new-user|shop');
    await settle();
    expect(runs.started).toHaveLength(2);
    expect(lines.some((l) => l.level === LEVEL.error)).toBe(true);
    runs.finish(1);
    await scheduler.drain(1_000);
  });

  it('replace swaps schedules without dropping a run in flight, and the new schedule does not overlap it', async () => {
    const { ticks, runs, reporter, skipped, scheduler } = harness();
    scheduler.replace(set([probe('recommendations'), probe('search')]));
    ticks.fire('recommendations|new-user|shop');
    await settle();
    const oldTickers = ticks.tickers.slice();

    scheduler.replace(set([probe('recommendations', '*/10 * * * * *'), probe('product')]));
    expect(oldTickers.every((t) => t.stopped)).toBe(true);
    expect([...ticks.live().keys()].sort()).toEqual(['product|new-user|shop', 'recommendations|new-user|shop']);
    ticks.fire('recommendations|new-user|shop');
    await settle();
    expect(skipped.map((s) => s.key.probe)).toEqual(['recommendations']);

    runs.finish(0);
    await settle();
    expect(reporter.runs.map((r) => r.probe)).toEqual(['recommendations']);
    ticks.fire('recommendations|new-user|shop');
    await settle();
    expect(runs.started).toHaveLength(2);
    runs.finish(1);
    await scheduler.drain(1_000);
  });
});

describe('Scheduler: stop and drain', () => {
  it('stop ends every ticker; later ticks start nothing', async () => {
    const { ticks, runs, scheduler } = harness();
    scheduler.replace(set([probe('a'), probe('b')]));
    const created = ticks.tickers.slice();
    scheduler.stop();
    expect(created.every((t) => t.stopped)).toBe(true);
    for (const t of created) t.handlers.tick(new Date());
    await settle();
    expect(runs.started).toHaveLength(0);
    expect(() => scheduler.replace(set([probe('a')]))).toThrow('the scheduler is stopped');
  });

  it('drain waits for runs in flight that finish before the deadline and reports them', async () => {
    const { ticks, runs, reporter, scheduler } = harness();
    scheduler.replace(set([probe('a')]));
    ticks.fire('a|new-user|shop');
    await settle();
    setTimeout(() => runs.finish(0), 50);
    const drained = await scheduler.drain(5_000);
    expect(drained).toEqual({ finished: 1, aborted: 0, dropped: 0 });
    expect(reporter.runs).toHaveLength(1);
    expect(runs.started[0]!.env.signal?.aborted).toBe(false);
  });

  it('drain aborts runs still going at the deadline and does not record them as outcomes', async () => {
    const { ticks, runs, reporter, lines, scheduler } = harness();
    scheduler.replace(set([probe('a')]));
    ticks.fire('a|new-user|shop');
    await settle();
    const signal = runs.started[0]!.env.signal!;
    signal.addEventListener('abort', () => runs.finish(0, 'error'));
    const started = Date.now();
    const drained = await scheduler.drain(100);
    expect(drained).toEqual({ finished: 0, aborted: 1, dropped: 0 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(signal.aborted).toBe(true);
    expect(reporter.runs).toHaveLength(0);
    expect(lines.map((l) => l.msg)).toContain('run aborted by shutdown; its result is not recorded');
  });

  it('drain gives up on a run that ignores the abort, after a short grace', async () => {
    const { ticks, scheduler } = harness();
    scheduler.replace(set([probe('a')]));
    ticks.fire('a|new-user|shop');
    await settle();
    const started = Date.now();
    expect(await scheduler.drain(50)).toEqual({ finished: 0, aborted: 1, dropped: 0 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('runs still queued for a slot at stop are dropped, not started', async () => {
    const { ticks, runs, reporter, scheduler } = harness({ concurrency: 1 });
    scheduler.replace(set([probe('a'), probe('b'), probe('c')]));
    ticks.fireAll();
    await settle();
    expect(runs.started).toHaveLength(1);
    setTimeout(() => runs.finish(0), 20);
    expect(await scheduler.drain(2_000)).toEqual({ finished: 1, aborted: 0, dropped: 2 });
    expect(runs.started).toHaveLength(1);
    expect(reporter.runs).toHaveLength(1);
  });

  it('drain with nothing in flight returns at once', async () => {
    const { scheduler } = harness();
    scheduler.replace(set([probe('a')]));
    expect(await scheduler.drain(60_000)).toEqual({ finished: 0, aborted: 0, dropped: 0 });
  });
});

describe('Scheduler with node-cron and runProbe', () => {
  let server: ScriptedServer;

  beforeAll(async () => {
    server = await startScriptedServer(async (request, response) => {
      if (request.url?.startsWith('/slow')) await delay(2_300);
      if (request.url?.startsWith('/hang')) return; // never answers
      sendJson(response, 200, { items: [1] });
    });
  });

  afterAll(async () => {
    await server.close();
    await closeHttpClient();
  });

  it('a run slower than its every-second schedule skips ticks, and nothing hangs', async () => {
    const reporter = new RecordingReporter();
    const skipped: ScheduleKey[] = [];
    const { logger } = memoryLogger();
    const scheduler = new Scheduler({ reporter, onSkippedTick: (key) => skipped.push(key), concurrency: 4, logger });
    const target = { name: 'scripted', url: server.url };
    const slow = { ...oneStepProbe('slow', '/slow', { rules: [nonEmpty('$.items')] }), schedule: '* * * * * *' };
    const stuck = { ...oneStepProbe('stuck', '/hang'), schedule: '* * * * * *', timeout: '400ms' as const, retries: 0 };
    scheduler.replace({ runs: [plannedRun(slow, target), plannedRun(stuck, target)], env: runEnv() });

    const started = Date.now();
    while (Date.now() - started < 15_000 && !(reporter.runs.some((r) => r.probe === 'slow') && skipped.some((k) => k.probe === 'slow'))) {
      await delay(100);
    }
    await scheduler.drain(5_000);
    expect(Date.now() - started).toBeLessThan(25_000);
    const slowRuns = reporter.runs.filter((r) => r.probe === 'slow');
    expect(slowRuns.map((r) => r.outcome)).toContain('pass');
    expect(skipped.filter((k) => k.probe === 'slow').length).toBeGreaterThanOrEqual(1);
    // The per-run deadline from runProbe: a target that never answers costs 400 ms per run.
    const stuckRuns = reporter.runs.filter((r) => r.probe === 'stuck');
    expect(stuckRuns.length).toBeGreaterThanOrEqual(1);
    expect(stuckRuns[0]!.outcome).toBe('error');
    expect(stuckRuns[0]!.durationMs).toBeLessThan(2_000);
    // Never two runs of one schedule at once: each starts after the one before it ended.
    for (let i = 1; i < slowRuns.length; i += 1) {
      const previousEnd = Date.parse(slowRuns[i - 1]!.startedAt) + slowRuns[i - 1]!.durationMs;
      expect(Date.parse(slowRuns[i]!.startedAt)).toBeGreaterThanOrEqual(previousEnd - 5);
    }
  });
});
