import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompareReport } from '../../src/compare/compare-report.ts';
import { CompareReporterMultiplexer } from '../../src/compare/compare-reporter.ts';
import { GateRequestError, startCompareGate, targetsOf, type GateTargets, type RunningGate } from '../../src/compare/gate-server.ts';
import { CompareJsonReporter } from '../../src/compare/json-report.ts';
import { DEFAULT_JUDGE_OPTIONS } from '../../src/compare/judge-options.ts';
import type { Verdict } from '../../src/compare/verdict.ts';

function fakeReport(verdict: Verdict, targets: GateTargets, advisory = false): CompareReport {
  return {
    version: 1,
    kind: 'compare',
    startedAt: '2030-01-10T00:00:00.000Z',
    finishedAt: '2030-01-10T00:00:05.000Z',
    baseline: { name: 'baseline', url: targets.baseline ?? 'http://stable' },
    canary: { name: 'canary', url: targets.canary ?? 'http://canary' },
    seed: 7,
    rounds: 20,
    warmup: 2,
    verdict,
    score: verdict === 'PASS' ? 100 : 40,
    personas: [],
    reasons: [`${verdict.toLowerCase()} reason`],
    warnings: [],
    options: { probes: [], personas: [], concurrency: 1, retries: 0, advisory, judge: { ...DEFAULT_JUDGE_OPTIONS } },
    comparisons: [],
    groups: [],
    interrupted: false,
  };
}

const gates: RunningGate[] = [];
afterEach(async () => {
  await Promise.all(gates.splice(0).map((gate) => gate.close()));
});

async function gate(compare: (targets: GateTargets) => Promise<CompareReport>, errors: unknown[] = []): Promise<RunningGate> {
  const started = await startCompareGate({ host: '127.0.0.1', port: 0, compare, onError: (error) => errors.push(error) });
  gates.push(started);
  return started;
}

async function post(url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('the compare gate (Flagger webhook)', () => {
  it('answers 200 on PASS and 500 on FAIL or INCONCLUSIVE, with the verdict and its reasons', async () => {
    const seen: GateTargets[] = [];
    const verdicts: Verdict[] = ['PASS', 'FAIL', 'INCONCLUSIVE'];
    const { url } = await gate(async (targets) => {
      seen.push(targets);
      return fakeReport(verdicts[seen.length - 1]!, targets);
    });
    const flagger = { name: 'shop', namespace: 'prod', phase: 'Progressing', metadata: { baseline: 'http://shop-primary:8080', canary: 'http://shop-canary:8080' } };
    expect(await post(`${url}/gate`, flagger)).toEqual({
      status: 200,
      json: {
        verdict: 'PASS',
        advisory: false,
        score: 100,
        reasons: ['pass reason'],
        warnings: [],
        baseline: 'http://shop-primary:8080',
        canary: 'http://shop-canary:8080',
        seed: 7,
        rounds: 20,
      },
    });
    expect((await post(`${url}/gate`, flagger)).status).toBe(500);
    const inconclusive = await post(url, '');
    expect(inconclusive.status).toBe(500);
    expect(inconclusive.json['verdict']).toBe('INCONCLUSIVE');
    expect(seen).toEqual([flagger.metadata, flagger.metadata, {}]);
  });

  it('answers 200 in advisory mode whatever the verdict', async () => {
    const { url } = await gate(async (targets) => fakeReport('FAIL', targets, true));
    const answer = await post(`${url}/gate`, {});
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ verdict: 'FAIL', advisory: true });
  });

  it('a retried webhook joins the comparison in flight for the same targets', async () => {
    let calls = 0;
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const { url } = await gate(async (targets) => {
      calls += 1;
      await held;
      return fakeReport('FAIL', targets);
    });
    const body = { metadata: { baseline: 'http://a', canary: 'http://b' } };
    const first = post(`${url}/gate`, body);
    const second = post(`${url}/gate`, body);
    await new Promise((resolve) => setTimeout(resolve, 100));
    finish();
    expect((await Promise.all([first, second])).map((a) => a.status)).toEqual([500, 500]);
    expect(calls).toBe(1);
    await post(`${url}/gate`, body);
    expect(calls).toBe(2);
  });

  it('400 for a request it cannot run, 500 when the comparison breaks, 404 and 405 elsewhere, 200 on /healthz', async () => {
    const errors: unknown[] = [];
    const { url } = await gate(async (targets) => {
      if (targets.canary === 'nowhere') throw new GateRequestError("unknown target 'nowhere'");
      throw new Error('disk full');
    }, errors);
    expect(await post(`${url}/gate`, '{not json')).toEqual({
      status: 400,
      json: { error: 'the body is not JSON; send {"metadata": {"baseline": URL, "canary": URL}} or nothing' },
    });
    expect(await post(`${url}/gate`, { metadata: { canary: 'nowhere' } })).toEqual({ status: 400, json: { error: "unknown target 'nowhere'" } });
    expect(await post(`${url}/gate`, { metadata: { canary: 3 } })).toEqual({
      status: 400,
      json: { error: 'canary: expected a URL or a target name, got 3' },
    });
    expect(await post(`${url}/gate`, {})).toEqual({ status: 500, json: { error: 'the comparison could not run: disk full' } });
    expect(errors).toHaveLength(1);
    const healthz = await fetch(`${url}/healthz`);
    expect([healthz.status, await healthz.json()]).toEqual([200, { status: 'ok' }]);
    const getGate = await fetch(`${url}/gate`);
    expect([getGate.status, getGate.headers.get('allow')]).toEqual([405, 'POST']);
    expect((await fetch(`${url}/other`, { method: 'POST' })).status).toBe(404);
  });

  it('reads targets from Flagger metadata first, then from the top level', () => {
    expect(targetsOf('{"baseline": "a", "canary": "b"}')).toEqual({ baseline: 'a', canary: 'b' });
    expect(targetsOf('{"canary": "b", "metadata": {"canary": "c"}}')).toEqual({ canary: 'c' });
    expect(targetsOf('[]')).toEqual({});
    expect(targetsOf('  ')).toEqual({});
  });
});

describe('compare reporters', () => {
  it('the JSON reporter writes the report as it is, creating its folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'payloadwatch-compare-'));
    try {
      const file = path.join(dir, 'nested', 'compare.json');
      const report = fakeReport('FAIL', {});
      await new CompareJsonReporter(file).onEnd(report);
      const text = await readFile(file, 'utf8');
      expect(JSON.parse(text)).toEqual(report);
      expect(text.endsWith('}\n')).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('one failing reporter does not silence the others', async () => {
    const ended: string[] = [];
    const failures: string[] = [];
    const hub = new CompareReporterMultiplexer(
      [
        { onEnd: () => void ended.push('first') },
        {
          onEnd: () => {
            throw new Error('disk full');
          },
        },
        { onEnd: async () => void ended.push('third') },
      ],
      (error, hook) => failures.push(`${hook}: ${(error as Error).message}`),
    );
    await hub.onBegin({ startedAt: '', baseline: { name: 'a', url: 'a' }, canary: { name: 'b', url: 'b' }, units: [], rounds: 1, warmup: 0, seed: 1, warnings: [] });
    await hub.onRoundEnd({ round: 1, total: 1, warmup: false });
    await hub.onEnd(fakeReport('PASS', {}));
    expect(ended).toEqual(['first', 'third']);
    expect(failures).toEqual(['onEnd: disk full']);
  });
});
