// What KNOWN_RUNS (and one skipped tick) must produce, written out series by series.
// `times`: how often the runs were recorded; cumulative sums and counts grow with it.
import { VERSION } from '../../../src/version.ts';
import type { DecodedMetric } from './metric-view.ts';
import { canonical } from './metric-view.ts';

export const PROBE_DURATION_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 15, 30, 60];
export const MEASURE_BOUNDS = [0, 1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000];
export const HTTP_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

export const SCOPE = { name: 'payloadwatch', version: VERSION };

/** Bucket counts for `bounds`: zero everywhere except the given bucket indexes. */
function buckets(bounds: readonly number[], hits: Record<number, number>): number[] {
  return Array.from({ length: bounds.length + 1 }, (_, i) => hits[i] ?? 0);
}

export function knownRunsMetrics(times = 1, skippedTicks = 1): Map<string, DecodedMetric> {
  const recReturning = { probe: 'recommendations', persona: 'returning-buyer', target: 'local' };
  const recNew = { probe: 'recommendations', persona: 'new-user', target: 'local' };
  const searchNew = { probe: 'search', persona: 'new-user', target: 'local' };
  const at = (series: object) => ({ ...series, location: 'local' });
  const run = (series: object, outcome: string, value: number) => ({ attributes: { ...at(series), outcome }, value: value * times });

  const metrics: DecodedMetric[] = [
    {
      name: 'payloadwatch.probe.runs',
      unit: '',
      kind: 'sum',
      monotonic: true,
      temporality: 'cumulative',
      points: [
        run(recReturning, 'pass', 1),
        run(recReturning, 'fail', 0),
        run(recReturning, 'error', 0),
        run(recNew, 'pass', 0),
        run(recNew, 'fail', 1),
        run(recNew, 'error', 0),
        run(searchNew, 'pass', 0),
        run(searchNew, 'fail', 0),
        run(searchNew, 'error', 1),
      ],
    },
    {
      name: 'payloadwatch.probe.duration',
      unit: 's',
      kind: 'histogram',
      temporality: 'cumulative',
      points: [
        { attributes: { ...at(recReturning), outcome: 'pass' }, count: times, sum: 0.25 * times, bounds: PROBE_DURATION_BOUNDS, bucketCounts: buckets(PROBE_DURATION_BOUNDS, { 6: times }) },
        { attributes: { ...at(recNew), outcome: 'fail' }, count: times, sum: 0.18 * times, bounds: PROBE_DURATION_BOUNDS, bucketCounts: buckets(PROBE_DURATION_BOUNDS, { 6: times }) },
        { attributes: { ...at(searchNew), outcome: 'error' }, count: times, sum: 5 * times, bounds: PROBE_DURATION_BOUNDS, bucketCounts: buckets(PROBE_DURATION_BOUNDS, { 11: times }) },
      ],
    },
    {
      name: 'payloadwatch.probe.status',
      unit: '',
      kind: 'gauge',
      points: [
        { attributes: at(recReturning), value: 1 },
        { attributes: at(recNew), value: 0 },
        { attributes: at(searchNew), value: 0 },
      ],
    },
    {
      name: 'payloadwatch.check.results',
      unit: '',
      kind: 'sum',
      monotonic: true,
      temporality: 'cumulative',
      points: [
        { attributes: { ...recReturning, step: 'get recommendations', check: 'status', kind: 'status', outcome: 'pass' }, value: times },
        { attributes: { ...recReturning, step: 'get recommendations', check: 'recommendations are never empty', kind: 'rule', outcome: 'pass' }, value: times },
        { attributes: { ...recNew, step: 'get recommendations', check: 'status', kind: 'status', outcome: 'pass' }, value: times },
        { attributes: { ...recNew, step: 'get recommendations', check: 'recommendations are never empty', kind: 'rule', outcome: 'fail' }, value: times },
        { attributes: { ...searchNew, step: 'search', check: 'timeout', kind: 'transport', outcome: 'error' }, value: times },
        { attributes: { ...searchNew, step: 'open first result', check: 'status', kind: 'status', outcome: 'skip' }, value: times },
      ],
    },
    {
      name: 'payloadwatch.payload.measure',
      unit: '',
      kind: 'histogram',
      temporality: 'cumulative',
      points: [
        { attributes: { ...recReturning, measure: 'recommendations' }, count: times, sum: 6 * times, bounds: MEASURE_BOUNDS, bucketCounts: buckets(MEASURE_BOUNDS, { 5: times }) },
        { attributes: { ...recNew, measure: 'recommendations' }, count: times, sum: 0, bounds: MEASURE_BOUNDS, bucketCounts: buckets(MEASURE_BOUNDS, { 0: times }) },
      ],
    },
    {
      name: 'payloadwatch.payload.empty',
      unit: '',
      kind: 'sum',
      monotonic: true,
      temporality: 'cumulative',
      points: [
        { attributes: { ...recReturning, measure: 'recommendations' }, value: 0 },
        { attributes: { ...recNew, measure: 'recommendations' }, value: times },
      ],
    },
    {
      name: 'http.client.request.duration',
      unit: 's',
      kind: 'histogram',
      temporality: 'cumulative',
      points: [
        {
          attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200, 'server.address': '127.0.0.1', probe: 'recommendations' },
          count: 2 * times,
          sum: 0.16 * times,
          bounds: HTTP_BOUNDS,
          bucketCounts: buckets(HTTP_BOUNDS, { 3: times, 6: times }),
        },
        {
          attributes: { 'http.request.method': 'GET', 'server.address': 'shop.example', probe: 'search' },
          count: times,
          sum: 5 * times,
          bounds: HTTP_BOUNDS,
          bucketCounts: buckets(HTTP_BOUNDS, { 11: times }),
        },
      ],
    },
  ];
  if (skippedTicks > 0) {
    metrics.push({
      name: 'payloadwatch.schedule.skipped',
      unit: '',
      kind: 'sum',
      monotonic: true,
      temporality: 'cumulative',
      points: [{ attributes: { probe: 'recommendations', persona: 'new-user', target: 'local' }, value: skippedTicks }],
    });
  }
  return new Map(metrics.map((m) => [m.name, canonical(m)]));
}
