import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/model/results.ts';
import { RingBuffer } from '../../src/daemon/ring-buffer.ts';
import { failureMessage, MAX_MEASURES, MEASURE_HISTORY, OUTCOME_HISTORY, StatusStore } from '../../src/daemon/status-store.ts';

const RECS = { probe: 'recommendations', persona: 'new-user', target: 'shop', expression: '*/30 * * * * *' };

function result(outcome: RunResult['outcome'], measures: Record<string, number> = {}, extra: Partial<RunResult> = {}): RunResult {
  return {
    probe: 'recommendations',
    persona: 'new-user',
    target: 'shop',
    url: 'http://shop',
    outcome,
    flaky: false,
    startedAt: new Date().toISOString(),
    durationMs: 12,
    attempts: 1,
    steps: [],
    checks: [],
    measures,
    artifacts: [],
    ...extra,
  };
}

describe('RingBuffer', () => {
  it('keeps the newest items, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.toArray()).toEqual([]);
    expect(ring.last()).toBeUndefined();
    for (let i = 1; i <= 5; i += 1) ring.push(i);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.last()).toBe(5);
    expect(ring.size).toBe(3);
    expect(() => new RingBuffer(0)).toThrow('capacity must be a whole number ≥ 1, got 0');
  });
});

describe('StatusStore', () => {
  it('keeps the latest outcome, the last failure, and bounded histories', () => {
    const store = new StatusStore();
    store.track([RECS]);
    expect(store.snapshot()).toEqual([
      { ...{ probe: 'recommendations', persona: 'new-user', target: 'shop', schedule: '*/30 * * * * *' }, runs: { pass: 0, fail: 0, error: 0 }, skippedTicks: 0, recent: [], measures: {} },
    ]);
    const failing = result('fail', { recommendations: 0 }, {
      checks: [
        { name: 'status', kind: 'status', outcome: 'pass', step: 'get recommendations', message: '' },
        { name: 'recommendations are never empty', kind: 'rule', outcome: 'fail', step: 'get recommendations', message: 'expected a non-empty array at $.items, got []' },
      ],
    });
    store.onRunEnd(failing);
    for (let i = 0; i < 100; i += 1) store.onRunEnd(result('pass', { recommendations: i }));
    store.recordSkippedTick(RECS);
    const [status] = store.snapshot();
    expect(status!.outcome).toBe('pass');
    expect(status!.runs).toEqual({ pass: 100, fail: 1, error: 0 });
    expect(status!.skippedTicks).toBe(1);
    expect(status!.recent).toHaveLength(OUTCOME_HISTORY);
    expect(status!.measures.recommendations).toHaveLength(MEASURE_HISTORY);
    expect(status!.measures.recommendations!.at(-1)!.value).toBe(99);
    expect(status!.lastFailure).toEqual({
      at: failing.startedAt,
      outcome: 'fail',
      message: "rule \"recommendations are never empty\" in step 'get recommendations': expected a non-empty array at $.items, got []",
    });
  });

  it('bounds the number of measures kept per schedule', () => {
    const store = new StatusStore();
    store.track([RECS]);
    store.onRunEnd(result('pass', Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`m${i}`, i]))));
    expect(Object.keys(store.snapshot()[0]!.measures)).toHaveLength(MAX_MEASURES);
  });

  it('on a reload keeps the history of schedules that stay and drops the others; late results of dropped ones are ignored', () => {
    const store = new StatusStore();
    const search = { ...RECS, probe: 'search' };
    store.track([RECS, search]);
    store.onRunEnd(result('fail'));
    store.track([{ ...RECS, expression: '*/10 * * * * *' }]);
    store.onRunEnd(result('pass', {}, { probe: 'search' }));
    const snapshot = store.snapshot();
    expect(snapshot.map((s) => [s.probe, s.schedule, s.runs.fail])).toEqual([['recommendations', '*/10 * * * * *', 1]]);
  });

  it('failure messages: the run error first, then the first errored or failed check', () => {
    expect(failureMessage(result('error', {}, { error: 'no checks ran: the probe judged nothing' }))).toBe('no checks ran: the probe judged nothing');
    expect(
      failureMessage(
        result('error', {}, { checks: [{ name: 'deadline', kind: 'transport', outcome: 'error', step: 'get', message: 'the run did not finish within its 3s deadline' }] }),
      ),
    ).toBe("transport check \"deadline\" in step 'get': the run did not finish within its 3s deadline");
    expect(failureMessage(result('fail'))).toBe("the run ended 'fail'");
  });
});
