import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/results.ts';
import { JsonReporter, reportDocument } from '../../src/reporters/json-reporter.ts';
import { ReporterMultiplexer } from '../../src/reporters/reporter.ts';
import { runAll } from '../../src/runner/run-all.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import { measure } from '../../src/validate/measures.ts';
import { nonEmpty } from '../../src/validate/rules.ts';
import { oneStepProbe, plannedRun, runEnv } from '../support/runner-fixtures.ts';
import { sendJson, startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pw-json-reporter-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const REPORT: Report = {
  version: 1,
  startedAt: '2026-03-01T10:00:00.000Z',
  finishedAt: '2026-03-01T10:00:01.500Z',
  summary: { passed: 0, failed: 1, errored: 0, flaky: 0 },
  results: [
    {
      probe: 'recommendations',
      persona: 'new-user',
      target: 'production',
      url: 'https://shop.example.com',
      outcome: 'fail',
      flaky: false,
      startedAt: '2026-03-01T10:00:00.010Z',
      durationMs: 120,
      attempts: 1,
      steps: [{ name: 'get recommendations', outcome: 'fail', durationMs: 118.25, status: 200 }],
      checks: [
        { name: 'status', kind: 'status', outcome: 'pass', step: 'get recommendations', message: '' },
        {
          name: 'recommendations are never empty',
          kind: 'rule',
          outcome: 'fail',
          step: 'get recommendations',
          message: 'expected a non-empty array at $.items, got []',
          path: '$.items',
          expected: 'non-empty',
          actual: '[]',
        },
      ],
      measures: { recommendations: 0 },
      artifacts: [],
    },
  ],
};

describe('JsonReporter', () => {
  it('writes the report to its file, creating the folders, as indented JSON ending in a newline', async () => {
    const file = join(dir, 'nested', 'deeper', 'report.json');
    const reporter = new JsonReporter(file);
    expect(reporter.file).toBe(file);
    await reporter.onEnd(REPORT);
    const text = await readFile(file, 'utf8');
    expect(text).toBe(`${JSON.stringify(reportDocument(REPORT), null, 2)}\n`);
    expect(JSON.parse(text)).toEqual(reportDocument(REPORT));
    // Every check carries every field of the contract; a passing one has nulls where a failure has values.
    expect(JSON.parse(text).results[0].checks[0]).toEqual({
      name: 'status', kind: 'status', outcome: 'pass', step: 'get recommendations', message: '', path: null, expected: null, actual: null,
    });
  });

  it('replaces a report left by an earlier run', async () => {
    const file = join(dir, 'again', 'report.json');
    await mkdir(join(dir, 'again'), { recursive: true });
    await writeFile(file, '{"version":0,"stale":true,"padding":"' + 'x'.repeat(10_000) + '"}');
    await new JsonReporter(file).onEnd(REPORT);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(reportDocument(REPORT));
  });

  it('writes nothing before the end', async () => {
    const file = join(dir, 'early', 'report.json');
    const reporter = new JsonReporter(file);
    expect((reporter as { onBegin?: unknown }).onBegin).toBeUndefined();
    expect((reporter as { onRunEnd?: unknown }).onRunEnd).toBeUndefined();
    await expect(readFile(file, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('JsonReporter: the report contract of a real run', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer((request, response) => {
      sendJson(response, 200, { items: request.url === '/full' ? [1, 2, 3] : [] });
    });
  });
  afterAll(async () => {
    await server.close();
    await closeHttpClient();
  });

  it('has version 1, the summary and every documented field of results and checks', async () => {
    const target = { name: 'scripted', url: server.url };
    const step = (path: string) =>
      oneStepProbe(path.slice(1), path, { rules: [nonEmpty('$.items', { name: 'items present' })] }, { retries: 0 });
    const withMeasure = (path: string) => {
      const probe = step(path);
      return { ...probe, steps: [{ ...probe.steps[0]!, measures: { items: measure.count('$.items') } }] };
    };
    const file = join(dir, 'contract', 'report.json');
    const errors: unknown[] = [];
    const reporter = new ReporterMultiplexer([new JsonReporter(file)], (error) => errors.push(error));
    const report = await runAll([plannedRun(withMeasure('/full'), target), plannedRun(withMeasure('/empty'), target)], runEnv(), {
      concurrency: 2,
      targets: [target],
      reporter,
    });
    expect(errors).toEqual([]);

    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(written).toEqual(JSON.parse(JSON.stringify(reportDocument(report))));
    expect(Object.keys(written).sort()).toEqual(['finishedAt', 'results', 'startedAt', 'summary', 'version']);
    expect(written.version).toBe(1);
    expect(written.summary).toEqual({ passed: 1, failed: 1, errored: 0, flaky: 0 });

    const results = written.results as Array<Record<string, unknown>>;
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(Object.keys(result)).toEqual(
        expect.arrayContaining(['probe', 'persona', 'target', 'outcome', 'durationMs', 'attempts', 'checks', 'measures', 'artifacts']),
      );
      expect(Number.isInteger(result.durationMs)).toBe(true);
      expect(result.artifacts).toEqual([]);
      for (const check of result.checks as Array<Record<string, unknown>>) {
        expect(Object.keys(check)).toEqual(expect.arrayContaining(['name', 'kind', 'outcome', 'message', 'path', 'expected', 'actual']));
      }
    }
    expect(results.map((r) => [r.probe, r.persona, r.target, r.outcome, r.attempts, r.measures])).toEqual([
      ['full', 'anonymous', 'scripted', 'pass', 1, { items: 3 }],
      ['empty', 'anonymous', 'scripted', 'fail', 1, { items: 0 }],
    ]);
    const failed = (results[1]!.checks as Array<Record<string, unknown>>).find((c) => c.outcome === 'fail');
    expect(failed).toEqual({
      name: 'items present',
      kind: 'rule',
      outcome: 'fail',
      step: 'get /empty',
      message: 'expected a non-empty array at $.items, got []',
      path: '$.items',
      expected: 'non-empty',
      actual: '[]',
    });
  });
});
