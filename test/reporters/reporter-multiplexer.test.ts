import { describe, expect, it } from 'vitest';
import type { Report, RunResult } from '../../src/model/results.ts';
import { ReporterMultiplexer, type Reporter, type RunBeginInfo } from '../../src/reporters/reporter.ts';
import { RecordingReporter } from '../support/runner-fixtures.ts';

const BEGIN: RunBeginInfo = { startedAt: '2026-03-01T10:00:00.000Z', total: 1, targets: [{ name: 'production', url: 'https://shop.example.com' }] };
const RESULT: RunResult = {
  probe: 'search',
  persona: 'anonymous',
  target: 'production',
  url: 'https://shop.example.com',
  outcome: 'pass',
  flaky: false,
  startedAt: '2026-03-01T10:00:00.000Z',
  durationMs: 5,
  attempts: 1,
  steps: [],
  checks: [],
  measures: {},
  artifacts: [],
};
const REPORT: Report = {
  version: 1,
  startedAt: '2026-03-01T10:00:00.000Z',
  finishedAt: '2026-03-01T10:00:00.100Z',
  summary: { passed: 1, failed: 0, errored: 0, flaky: 0 },
  results: [RESULT],
};

async function everyHook(reporter: ReporterMultiplexer): Promise<void> {
  await reporter.onBegin(BEGIN);
  await reporter.onRunEnd(RESULT);
  await reporter.onEnd(REPORT);
}

describe('ReporterMultiplexer', () => {
  it('hands every event to every reporter, in order', async () => {
    const first = new RecordingReporter();
    const second = new RecordingReporter();
    const errors: unknown[] = [];
    await everyHook(new ReporterMultiplexer([first, second], (error) => errors.push(error)));
    for (const reporter of [first, second]) {
      expect(reporter.events).toEqual(['begin 1', 'run search', 'end']);
      expect(reporter.begin).toBe(BEGIN);
      expect(reporter.runs).toEqual([RESULT]);
      expect(reporter.end).toBe(REPORT);
    }
    expect(errors).toEqual([]);
  });

  it('keeps going when a reporter throws or rejects, and says which hook failed', async () => {
    const beginFailure = new Error('cannot write header');
    const runFailure = new Error('disk full');
    const endFailure = new Error('closed');
    const throwsSync: Reporter = {
      onBegin: () => {
        throw beginFailure;
      },
      onEnd: () => {
        throw endFailure;
      },
    };
    const rejects: Reporter = { onRunEnd: () => Promise.reject(runFailure) };
    const healthy = new RecordingReporter();
    const failures: Array<[unknown, string]> = [];
    const multiplexer = new ReporterMultiplexer([throwsSync, rejects, healthy], (error, hook) => failures.push([error, hook]));

    await expect(everyHook(multiplexer)).resolves.toBeUndefined();
    expect(healthy.events).toEqual(['begin 1', 'run search', 'end']);
    expect(failures).toEqual([
      [beginFailure, 'onBegin'],
      [runFailure, 'onRunEnd'],
      [endFailure, 'onEnd'],
    ]);
  });

  it('waits for a slow reporter before the next one hears the event', async () => {
    const order: string[] = [];
    const slow: Reporter = {
      onRunEnd: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push('slow');
      },
    };
    const fast: Reporter = { onRunEnd: () => void order.push('fast') };
    await new ReporterMultiplexer([slow, fast], () => {}).onRunEnd(RESULT);
    expect(order).toEqual(['slow', 'fast']);
  });

  it('skips hooks a reporter does not have', async () => {
    const onlyEnd: Reporter = { onEnd: () => {} };
    const failures: unknown[] = [];
    await everyHook(new ReporterMultiplexer([{}, onlyEnd], (error) => failures.push(error)));
    expect(failures).toEqual([]);
  });
});
