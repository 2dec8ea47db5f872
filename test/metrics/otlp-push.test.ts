// OTLP push end to end: a loopback receiver decodes what the exporter really sends
// (http/protobuf and http/json) and the test reads names, attributes and values back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetricsPipeline, type MetricsPipeline } from '../../src/metrics/metrics-pipeline.ts';
import { VERSION } from '../../src/version.ts';
import { captureLog } from './support/capture-log.ts';
import { knownRunsMetrics, SCOPE } from './support/known-runs-metrics.ts';
import { metricsByName } from './support/metric-view.ts';
import { metricNamed, startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver.ts';
import { KNOWN_RUNS, SKIPPED_TICK } from './support/run-results.ts';

let receiver: OtlpReceiver | undefined;
let pipeline: MetricsPipeline | undefined;
afterEach(async () => {
  await pipeline?.shutdown();
  await receiver?.close();
  pipeline = undefined;
  receiver = undefined;
  vi.unstubAllEnvs();
});

async function otlpPipeline(env: NodeJS.ProcessEnv): Promise<MetricsPipeline> {
  const created = await createMetricsPipeline({
    env: { OTEL_METRICS_EXPORTER: 'otlp', ...env },
    location: 'local',
    logger: captureLog().logger,
    mode: 'daemon',
  });
  if (!created) throw new Error('no pipeline');
  pipeline = created;
  return created;
}

function recordKnownRuns(metrics: MetricsPipeline): void {
  for (const run of KNOWN_RUNS) metrics.reporter.onRunEnd(run);
  metrics.reporter.recordSkippedTick(SKIPPED_TICK);
}

describe('OTLP push', () => {
  it('sends every series as http/protobuf, and shutdown() flushes before it resolves', async () => {
    receiver = await startOtlpReceiver();
    // The base endpoint: the exporter adds /v1/metrics itself.
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', receiver.url);
    const metrics = await otlpPipeline({});
    expect(metrics.prometheusHandler).toBeUndefined();
    recordKnownRuns(metrics);
    expect(receiver.received).toHaveLength(0);

    await metrics.shutdown();
    expect(receiver.received).toHaveLength(1);
    const [sent] = receiver.received;
    expect(sent!.path).toBe('/v1/metrics');
    expect(sent!.contentType).toBe('application/x-protobuf');
    expect(sent!.exports.map((e) => e.scope)).toEqual([SCOPE]);
    expect(sent!.exports[0]!.resource).toMatchObject({
      'service.name': 'payloadwatch',
      'service.version': VERSION,
      'service.instance.id': expect.stringMatching(new RegExp(`-${process.pid}$`)),
      'payloadwatch.location': 'local',
    });
    const byName = metricsByName(sent!.exports);
    const expected = knownRunsMetrics(1, 1);
    expect([...byName.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, metric] of expected) expect(byName.get(name), name).toEqual(metric);
  });

  it('sends http/json when asked, to the metrics endpoint as given', async () => {
    receiver = await startOtlpReceiver();
    vi.stubEnv('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', `${receiver.url}/collect/metrics`);
    const metrics = await otlpPipeline({ OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json' });
    recordKnownRuns(metrics);
    await metrics.forceFlush();

    expect(receiver.received).toHaveLength(1);
    const [sent] = receiver.received;
    expect(sent!.path).toBe('/collect/metrics');
    expect(sent!.contentType).toBe('application/json');
    const expected = knownRunsMetrics(1, 1);
    for (const name of ['payloadwatch.probe.runs', 'payloadwatch.payload.empty', 'payloadwatch.payload.measure', 'http.client.request.duration']) {
      expect(metricNamed(sent!, name), name).toEqual(expected.get(name));
    }
  });

  it('sends cumulative totals: a second flush carries the first runs too', async () => {
    receiver = await startOtlpReceiver();
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', receiver.url);
    const metrics = await otlpPipeline({});
    recordKnownRuns(metrics);
    await metrics.forceFlush();
    recordKnownRuns(metrics);
    await metrics.forceFlush();

    expect(receiver.received).toHaveLength(2);
    expect(metricNamed(receiver.received[1]!, 'payloadwatch.probe.runs')).toEqual(knownRunsMetrics(2, 2).get('payloadwatch.probe.runs'));
    expect(metricNamed(receiver.received[1]!, 'payloadwatch.payload.empty')).toEqual(knownRunsMetrics(2, 2).get('payloadwatch.payload.empty'));
  });

  it('exports on its own every OTEL_METRIC_EXPORT_INTERVAL', async () => {
    receiver = await startOtlpReceiver();
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', receiver.url);
    const metrics = await otlpPipeline({ OTEL_METRIC_EXPORT_INTERVAL: '200', OTEL_METRIC_EXPORT_TIMEOUT: '150' });
    recordKnownRuns(metrics);
    const started = Date.now();
    const sent = await receiver.waitFor(() => true, 5_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(metricNamed(sent, 'payloadwatch.probe.runs')).toEqual(knownRunsMetrics(1).get('payloadwatch.probe.runs'));
  });
});
