// MetricsReporter against the SDK's in-memory exporter: every instrument's name, unit,
// attributes and values for a known set of runs, and sums that keep adding up.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/model/results.ts';
import { inMemoryMetrics, type InMemoryMetrics } from './support/in-memory-metrics.ts';
import { knownRunsMetrics, SCOPE } from './support/known-runs-metrics.ts';
import { EMPTY_RECOMMENDATIONS_RUN, KNOWN_RUNS, PASSING_RUN, SKIPPED_TICK } from './support/run-results.ts';

let metrics: InMemoryMetrics;
afterEach(async () => {
  await metrics?.shutdown();
});

function record(runs: readonly RunResult[]): void {
  for (const run of runs) metrics.reporter.onRunEnd(run);
}

describe('MetricsReporter', () => {
  it('records every instrument of a pass, a fail with a zero measure, a transport error and a skipped tick', async () => {
    metrics = inMemoryMetrics('local');
    record(KNOWN_RUNS);
    metrics.reporter.recordSkippedTick(SKIPPED_TICK);

    const { exports, byName } = await metrics.collect();
    expect(exports.map((e) => e.scope)).toEqual([SCOPE]);
    const expected = knownRunsMetrics(1, 1);
    expect([...byName.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, metric] of expected) expect(byName.get(name), name).toEqual(metric);
  });

  it('keeps cumulative sums across collections, the status gauge at the latest outcome', async () => {
    metrics = inMemoryMetrics('local');
    record(KNOWN_RUNS);
    metrics.reporter.recordSkippedTick(SKIPPED_TICK);
    const first = await metrics.collect();
    expect(first.byName.get('payloadwatch.probe.runs')).toEqual(knownRunsMetrics(1).get('payloadwatch.probe.runs'));

    record(KNOWN_RUNS);
    metrics.reporter.recordSkippedTick(SKIPPED_TICK);
    const { byName } = await metrics.collect();
    const expected = knownRunsMetrics(2, 2);
    for (const [name, metric] of expected) expect(byName.get(name), name).toEqual(metric);
  });

  it('sets the status gauge from the latest run of each series', async () => {
    metrics = inMemoryMetrics('eu-west-1');
    record([PASSING_RUN, { ...PASSING_RUN, outcome: 'fail' }]);
    const { byName } = await metrics.collect();
    expect(byName.get('payloadwatch.probe.status')?.points).toEqual([
      { attributes: { probe: 'recommendations', persona: 'returning-buyer', target: 'local', location: 'eu-west-1' }, value: 0 },
    ]);
  });

  it('counts only zero measures as empty, and keeps negative and non-finite values out of the histogram', async () => {
    metrics = inMemoryMetrics();
    record([{ ...EMPTY_RECOMMENDATIONS_RUN, measures: { recommendations: 0, delta: -3, broken: Number.NaN, total: 12.5 } }]);
    const { byName } = await metrics.collect();
    const series = (measure: string) => ({ probe: 'recommendations', persona: 'new-user', target: 'local', measure });
    expect(byName.get('payloadwatch.payload.empty')?.points).toEqual([
      { attributes: series('delta'), value: 0 },
      { attributes: series('recommendations'), value: 1 },
      { attributes: series('total'), value: 0 },
    ]);
    expect(byName.get('payloadwatch.payload.measure')?.points.map((p) => [p.attributes.measure, p.count, p.sum])).toEqual([
      ['recommendations', 1, 0],
      ['total', 1, 12.5],
    ]);
  });

  it('records no HTTP duration for steps that made no request', async () => {
    metrics = inMemoryMetrics();
    record([{ ...PASSING_RUN, steps: [{ name: 'skipped', outcome: 'skip', durationMs: 0 }] }]);
    const { byName } = await metrics.collect();
    expect(byName.has('http.client.request.duration')).toBe(false);
    expect(byName.get('payloadwatch.probe.runs')?.points).toHaveLength(3);
  });
});
