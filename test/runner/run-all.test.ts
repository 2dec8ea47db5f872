import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonaDefinition, ProbeDefinition } from '../../src/model/definitions.ts';
import { REPORT_VERSION, type RunResult } from '../../src/model/results.ts';
import type { PlannedRun } from '../../src/runner/plan.ts';
import { runAll } from '../../src/runner/run-all.ts';
import { summarize } from '../../src/runner/summarize.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import { custom, nonEmpty } from '../../src/validate/rules.ts';
import { ISO_TIMESTAMP, oneStepProbe, plannedRun, RecordingReporter, runEnv } from '../support/runner-fixtures.ts';
import { delay, resetConnection, sendJson, startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

let server: ScriptedServer;
let target: { name: string; url: string };

beforeAll(async () => {
  server = await startScriptedServer(async (request, response, seen) => {
    const path = (request.url ?? '/').split('?')[0];
    switch (path) {
      case '/ok':
        return sendJson(response, 200, { items: [1] });
      case '/slow':
        await delay(300);
        return sendJson(response, 200, { items: [1] });
      case '/empty':
        return sendJson(response, 200, { items: [] });
      case '/reset':
        return resetConnection(request);
      case '/flaky':
        return seen === 0 ? resetConnection(request) : sendJson(response, 200, { items: [1] });
      default:
        return sendJson(response, 404, { error: `no route ${path}` });
    }
  });
  target = { name: 'scripted', url: server.url };
});

afterAll(async () => {
  await server.close();
  await closeHttpClient();
});

const get = (name: string, path: string, extra: Partial<ProbeDefinition> = {}) =>
  plannedRun(oneStepProbe(name, path, { rules: [nonEmpty('$.items')] }, extra), target);

describe('runAll', () => {
  it('returns results in plan order whatever order they finish in', async () => {
    const reporter = new RecordingReporter();
    const runs = [get('slow', '/slow'), get('fast-1', '/ok'), get('fast-2', '/ok')];
    const report = await runAll(runs, runEnv(), { concurrency: 3, targets: [target], reporter });
    expect(report.results.map((r) => r.probe)).toEqual(['slow', 'fast-1', 'fast-2']);
    expect(reporter.runs.map((r) => r.probe).at(-1)).toBe('slow');
  });

  it('keeps to the concurrency limit', async () => {
    // A server of its own, so no other test's requests count as in flight.
    const held = await startScriptedServer(async (_request, response) => {
      await delay(80);
      sendJson(response, 200, { items: [1] });
    });
    try {
      const heldTarget = { name: 'held', url: held.url };
      const runs = Array.from({ length: 6 }, (_, i) => plannedRun(oneStepProbe(`held-${i}`, '/held'), heldTarget));
      const report = await runAll(runs, runEnv(), { concurrency: 2, targets: [heldTarget], reporter: new RecordingReporter() });
      expect(report.results.map((r) => r.outcome)).toEqual(Array(6).fill('pass'));
      expect(held.count('/held')).toBe(6);
      expect(held.maxInFlight).toBeLessThanOrEqual(2);
      expect(held.maxInFlight).toBeGreaterThan(1);
    } finally {
      await held.close();
    }
  });

  it('makes each planned run `repeat` times', async () => {
    const reporter = new RecordingReporter();
    const before = server.count('/ok');
    const report = await runAll([get('a', '/ok'), get('b', '/ok')], runEnv(), { concurrency: 4, repeat: 3, targets: [target], reporter });
    expect(report.results.map((r) => r.probe)).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect(reporter.begin?.total).toBe(6);
    expect(reporter.runs).toHaveLength(6);
    expect(server.count('/ok') - before).toBe(6);
  });

  it('a repeat below 1 still makes every run once', async () => {
    const report = await runAll([get('a', '/ok')], runEnv(), { concurrency: 0, repeat: 0, targets: [target], reporter: new RecordingReporter() });
    expect(report.results.map((r) => r.probe)).toEqual(['a']);
  });

  it('a run that hangs or breaks does not stop the others', async () => {
    const hanging: PlannedRun = plannedRun(
      oneStepProbe('hangs', '/ok', { rules: [custom('stuck', () => new Promise(() => {}))] }, { timeout: '300ms', retries: 0 }),
      target,
    );
    const brokenPersona: PersonaDefinition = {
      name: 'broken',
      setup: () => {
        throw new Error('no account');
      },
    };
    const throwing = plannedRun(oneStepProbe('throws', '/ok', undefined, { retries: 0 }), target, brokenPersona);
    const runs = [hanging, throwing, get('fine', '/ok')];
    const started = Date.now();
    // One at a time: the run after the hanging one must still get its turn.
    const report = await runAll(runs, runEnv(), { concurrency: 1, targets: [target], reporter: new RecordingReporter() });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.results.map((r) => [r.probe, r.outcome, r.error])).toEqual([
      ['hangs', 'error', "the run did not finish within its 300ms deadline (stuck in step 'get /ok')"],
      ['throws', 'error', 'persona broken setup failed: no account'],
      ['fine', 'pass', undefined],
    ]);
    expect(report.summary).toEqual({ passed: 1, failed: 0, errored: 2, flaky: 0 });
  });

  it('tells the reporter: begin with the total, each run as it ends, then the report', async () => {
    const reporter = new RecordingReporter();
    const targets = [target, { name: 'other', url: 'http://127.0.0.1:1' }];
    const report = await runAll([get('a', '/ok'), get('b', '/ok')], runEnv(), { concurrency: 1, targets, reporter });

    expect(reporter.events).toEqual(['begin 2', 'run a', 'run b', 'end']);
    expect(reporter.begin).toEqual({ startedAt: report.startedAt, total: 2, targets });
    expect(reporter.runs).toEqual(report.results);
    expect(reporter.end).toBe(report);
    expect(report.version).toBe(REPORT_VERSION);
    expect(report.version).toBe(1);
    expect(report.startedAt).toMatch(ISO_TIMESTAMP);
    expect(report.finishedAt).toMatch(ISO_TIMESTAMP);
    expect(Date.parse(report.finishedAt)).toBeGreaterThanOrEqual(Date.parse(report.startedAt));
  });

  it('counts passed, failed, errored and flaky runs in the summary', async () => {
    const runs = [
      get('passes', '/ok'),
      get('fails', '/empty'),
      get('errors', '/reset', { retries: 0 }),
      get('flaky', '/flaky', { retries: 1 }),
    ];
    const reporter = new RecordingReporter();
    const report = await runAll(runs, runEnv(), { concurrency: 4, targets: [target], reporter });
    expect(report.results.map((r) => [r.probe, r.outcome, r.flaky])).toEqual([
      ['passes', 'pass', false],
      ['fails', 'fail', false],
      ['errors', 'error', false],
      ['flaky', 'pass', true],
    ]);
    expect(report.summary).toEqual({ passed: 2, failed: 1, errored: 1, flaky: 1 });
    expect(reporter.end?.summary).toEqual(report.summary);
  });

  it('with no planned runs reports an empty summary', async () => {
    const reporter = new RecordingReporter();
    const report = await runAll([], runEnv(), { concurrency: 2, targets: [target], reporter });
    expect(report.results).toEqual([]);
    expect(report.summary).toEqual({ passed: 0, failed: 0, errored: 0, flaky: 0 });
    expect(reporter.events).toEqual(['begin 0', 'end']);
  });
});

describe('summarize', () => {
  const result = (outcome: RunResult['outcome'], flaky = false): RunResult => ({
    probe: 'p',
    persona: 'anonymous',
    target: 't',
    url: 'http://t',
    outcome,
    flaky,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    attempts: flaky ? 2 : 1,
    steps: [],
    checks: [],
    measures: {},
    artifacts: [],
  });

  it('counts each outcome once and flaky on top of its outcome', () => {
    expect(summarize([result('pass'), result('pass', true), result('fail'), result('fail', true), result('error', true), result('error')])).toEqual({
      passed: 2,
      failed: 2,
      errored: 2,
      flaky: 3,
    });
  });

  it('is all zeros for no results', () => {
    expect(summarize([])).toEqual({ passed: 0, failed: 0, errored: 0, flaky: 0 });
  });
});
