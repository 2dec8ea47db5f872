import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interleave, otherSide } from '../../src/compare/interleave.ts';
import { runCompare, type CompareSettings, type CompareUnit } from '../../src/compare/run-compare.ts';
import type { RateComparisonResult } from '../../src/compare/verdict.ts';
import { ANONYMOUS_PERSONA } from '../../src/config/project.ts';
import { startShop, type RunningShop } from '../../src/demo/shop.ts';
import type { ProbeDefinition } from '../../src/model/definitions.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import { nonEmpty } from '../../src/validate/rules.ts';
import { newUser } from '../../probes/personas.ts';
import recommendations from '../../probes/recommendations.probe.ts';
import { loadedProbe, oneStepProbe, repoSchemas, runEnv } from '../support/runner-fixtures.ts';
import { resetConnection, sendJson, startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

const anonymous = (probe: ProbeDefinition): CompareUnit => ({ probe: loadedProbe(probe), persona: ANONYMOUS_PERSONA });
const items = (name: string, path: string, extra: Partial<ProbeDefinition> = {}) =>
  oneStepProbe(name, path, { rules: [nonEmpty('$.items')] }, extra);

function settings(baseline: string, canary: string, units: CompareUnit[], more: Partial<CompareSettings> = {}): CompareSettings {
  return { baseline: { name: 'baseline', url: baseline }, canary: { name: 'canary', url: canary }, units, runs: 10, warmup: 2, seed: 1, concurrency: 1, ...more };
}

afterAll(async () => {
  await closeHttpClient();
});

describe('runCompare: the order of runs', () => {
  const log: string[] = [];
  let baseline: ScriptedServer;
  let canary: ScriptedServer;
  beforeAll(async () => {
    const answer = (side: string) => startScriptedServer((request, response) => {
      log.push(`${side} ${request.url}`);
      sendJson(response, 200, { items: [1, 2, 3] });
    });
    [baseline, canary] = await Promise.all([answer('baseline'), answer('canary')]);
  });
  afterAll(async () => {
    await Promise.all([baseline.close(), canary.close()]);
  });

  it('runs each pair back to back, in the seeded order of its round, warm-up rounds included', async () => {
    const units = [anonymous(items('a', '/a')), anonymous(items('b', '/b')), anonymous(items('c', '/c'))];
    const report = await runCompare(settings(baseline.url, canary.url, units, { runs: 4, warmup: 1, seed: 17 }), runEnv());
    const paths = ['/a', '/b', '/c'];
    const expected = interleave({ units: 3, rounds: 4, warmup: 1, seed: 17 }).flatMap((round) =>
      round.pairs.flatMap((pair) => [pair.first, otherSide(pair.first)].map((side) => `${side} ${paths[pair.unit]}`)),
    );
    expect(log).toEqual(expected);
    expect(log).toHaveLength(5 * 3 * 2);
    expect(report).toMatchObject({ seed: 17, rounds: 4, warmup: 1, interrupted: false });
    // Warm-up runs are thrown away: four judged runs a side.
    expect(report.groups.map((g) => [g.probe, g.baseline.runs, g.canary.runs])).toEqual([
      ['a', 4, 4],
      ['b', 4, 4],
      ['c', 4, 4],
    ]);
  });
});

describe('runCompare: retries are off', () => {
  let flaky: ScriptedServer;
  let healthy: ScriptedServer;
  beforeAll(async () => {
    flaky = await startScriptedServer((request) => resetConnection(request));
    healthy = await startScriptedServer((_request, response) => sendJson(response, 200, { items: [1] }));
  });
  afterAll(async () => {
    await Promise.all([flaky.close(), healthy.close()]);
  });

  it('a probe that asks for retries still runs once a round on each side', async () => {
    const probe = items('unreachable', '/items', { retries: 3, critical: true });
    const report = await runCompare(settings(healthy.url, flaky.url, [anonymous(probe)]), runEnv());
    expect(flaky.count('/items')).toBe(12);
    expect(healthy.count('/items')).toBe(12);
    expect(report.options.retries).toBe(0);
    expect(report.groups[0]!.canary).toMatchObject({ runs: 10, passed: 0, failed: 0, errored: 10 });
    expect(report.groups[0]!.canary.failures[0]).toMatchObject({ kind: 'transport', outcome: 'error', runs: 10 });
    expect(report.verdict).toBe('FAIL');
    expect(report.reasons[0]).toBe('anonymous unreachable: transport errors 0% → 100%, p < 0.001 (critical)');
  });
});

describe('runCompare on the demo shop', () => {
  let v1: RunningShop;
  let v2: RunningShop;
  const unit: CompareUnit = { probe: loadedProbe(recommendations), persona: newUser };
  let schemas: Awaited<ReturnType<typeof repoSchemas>>;
  beforeAll(async () => {
    [v1, v2, schemas] = await Promise.all([startShop({ version: 'v1' }), startShop({ version: 'v2' }), repoSchemas()]);
  });
  afterAll(async () => {
    await Promise.all([v1.close(), v2.close()]);
  });

  it('fails v2 against v1, naming new-user recommendations, and writes a plain JSON report', async () => {
    const report = await runCompare(settings(v1.url, v2.url, [unit], { seed: 3, advisory: true }), runEnv({ schemas }));
    expect(report.verdict).toBe('FAIL');
    expect(report.reasons).toEqual([
      'new-user recommendations: canary failed critical checks in 10 of 10 runs (baseline 0 of 10)',
      'new-user recommendations: empty rate 0% → 100%, p < 0.001 (critical)',
      'new-user recommendations: median 6 → 0 (shift -6, -100%), p < 0.001 (critical)',
      // Three of the five comparisons regressed: pass rate, empty rate and median.
      'new-user: score 40 is below 75',
    ]);
    expect(report.groups).toEqual([
      {
        probe: 'recommendations',
        persona: 'new-user',
        critical: true,
        baseline: { runs: 10, passed: 10, failed: 0, errored: 0, failures: [] },
        canary: {
          runs: 10,
          passed: 0,
          failed: 10,
          errored: 0,
          failures: [
            {
              check: 'recommendations are never empty',
              kind: 'rule',
              outcome: 'fail',
              step: 'get recommendations',
              runs: 10,
              message: 'expected a non-empty array at $.items, got []',
            },
          ],
        },
      },
    ]);
    expect(report.options).toMatchObject({ probes: ['recommendations'], personas: ['new-user'], concurrency: 1, retries: 0, advisory: true });
    expect(Object.keys(report)).toEqual([
      'version', 'kind', 'startedAt', 'finishedAt', 'baseline', 'canary', 'seed', 'rounds', 'warmup', 'verdict', 'score',
      'personas', 'reasons', 'warnings', 'options', 'comparisons', 'groups', 'interrupted',
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('passes v1 against itself, with a warning that the URLs are the same', async () => {
    const report = await runCompare(settings(v1.url, `${v1.url}/`, [unit]), runEnv({ schemas }));
    expect(report.verdict).toBe('PASS');
    expect(report.warnings).toEqual([`baseline and canary are the same URL (${v1.url}/): the comparison says nothing about a release`]);
  });

  it('too few rounds: INCONCLUSIVE, said before the first run', async () => {
    const begun: string[][] = [];
    const report = await runCompare(settings(v1.url, v2.url, [unit], { runs: 3 }), runEnv({ schemas }), {
      onBegin: (info) => void begun.push([...info.warnings]),
    });
    const warning = '3 rounds are fewer than the 10 runs a side the judge needs: the verdict will be INCONCLUSIVE';
    expect(begun).toEqual([[warning]]);
    expect(report.warnings[0]).toBe(warning);
    // The canary broke a critical rule in every run: that fails it even on 3 runs.
    expect(report.verdict).toBe('FAIL');
    const healthy = await runCompare(settings(v1.url, v1.url, [unit], { runs: 3 }), runEnv({ schemas }));
    expect(healthy.verdict).toBe('INCONCLUSIVE');
  });

  it('an interrupted comparison keeps only the rounds that completed', async () => {
    const stop = new AbortController();
    const report = await runCompare(settings(v1.url, v1.url, [unit]), runEnv({ schemas, signal: stop.signal }), {
      onRoundEnd: (info) => {
        if (info.round === 4) stop.abort(new Error('interrupted'));
      },
    });
    expect(report).toMatchObject({ interrupted: true, rounds: 2, verdict: 'INCONCLUSIVE' });
    expect(report.warnings).toContain('interrupted: 2 of 10 judged rounds completed');
  });

  it('a measure of a run that failed still counts: the empty rate of a 30% share', async () => {
    const canary = await startShop({ faults: ['empty-recs-new-users'], faultShares: { 'empty-recs-new-users': 0.3 }, seed: 4 });
    try {
      const report = await runCompare(settings(v1.url, canary.url, [unit], { runs: 20 }), runEnv({ schemas }));
      const empty = report.comparisons.find((c): c is RateComparisonResult => c.kind === 'empty-rate')!;
      expect(empty.canary.events).toBe(report.groups[0]!.canary.failed);
      expect(empty.canary.n).toBe(20);
      expect(report.verdict).toBe(empty.canary.events > 0 ? 'FAIL' : 'PASS');
    } finally {
      await canary.close();
    }
  });
});
