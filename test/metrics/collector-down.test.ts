// A collector that is down: flush and shutdown still resolve, the failure is logged once
// (then backs off), nothing queues up, and the first export that gets through carries
// every count recorded meanwhile.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetricsPipeline, type MetricsPipeline } from '../../src/metrics/metrics-pipeline.ts';
import { captureLog, LEVEL } from './support/capture-log.ts';
import { knownRunsMetrics } from './support/known-runs-metrics.ts';
import { metricNamed, startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver.ts';
import { KNOWN_RUNS } from './support/run-results.ts';

let receiver: OtlpReceiver | undefined;
let pipeline: MetricsPipeline | undefined;
afterEach(async () => {
  await pipeline?.shutdown();
  await receiver?.close();
  pipeline = undefined;
  receiver = undefined;
  vi.unstubAllEnvs();
});

/** A loopback port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function pipelineTo(port: number, log: ReturnType<typeof captureLog>): Promise<MetricsPipeline> {
  vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', `http://127.0.0.1:${port}`);
  // A short exporter deadline keeps each failed export quick.
  vi.stubEnv('OTEL_EXPORTER_OTLP_TIMEOUT', '500');
  const created = await createMetricsPipeline({ env: { OTEL_METRICS_EXPORTER: 'otlp' }, location: 'local', logger: log.logger, mode: 'daemon' });
  if (!created) throw new Error('no pipeline');
  pipeline = created;
  return created;
}

function record(metrics: MetricsPipeline): void {
  for (const run of KNOWN_RUNS) metrics.reporter.onRunEnd(run);
}

describe('a collector that is down', () => {
  it('never makes flush reject, warns once, and the next export that gets through carries every count', async () => {
    const port = await closedPort();
    const log = captureLog();
    const metrics = await pipelineTo(port, log);

    record(metrics);
    await expect(metrics.forceFlush()).resolves.toBeUndefined();
    await expect(metrics.forceFlush()).resolves.toBeUndefined();
    await expect(metrics.forceFlush()).resolves.toBeUndefined();

    const warnings = log.warnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      component: 'metrics',
      exporter: 'otlp',
      failedExports: 1,
      nextWarningInMs: 10_000,
      msg: 'metrics export failed; the counts are kept and go out with the next export that gets through',
    });
    expect(JSON.stringify(warnings[0]!.err)).toContain('ECONNREFUSED');

    receiver = await startOtlpReceiver(port);
    record(metrics);
    await metrics.forceFlush();

    // One export, not a backlog of the three that failed: nothing was queued meanwhile.
    expect(receiver.received).toHaveLength(1);
    const expected = knownRunsMetrics(2, 0);
    expect(metricNamed(receiver.received[0]!, 'payloadwatch.probe.runs')).toEqual(expected.get('payloadwatch.probe.runs'));
    expect(metricNamed(receiver.received[0]!, 'payloadwatch.payload.empty')).toEqual(expected.get('payloadwatch.payload.empty'));
    expect(metricNamed(receiver.received[0]!, 'payloadwatch.check.results')).toEqual(expected.get('payloadwatch.check.results'));
    expect(log.lines.filter((l) => l.level === LEVEL.info && l.msg === 'metrics export works again')).toEqual([
      expect.objectContaining({ exporter: 'otlp', failedExports: 3 }),
    ]);
  });

  it('lets shutdown resolve, once, however often it is called', async () => {
    const port = await closedPort();
    const log = captureLog();
    const metrics = await pipelineTo(port, log);
    record(metrics);

    const first = metrics.shutdown();
    const second = metrics.shutdown();
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBeUndefined();
    await expect(metrics.shutdown()).resolves.toBeUndefined();
    await expect(metrics.forceFlush()).resolves.toBeUndefined();
    expect(log.warnings().map((w) => w.msg)).toEqual(['metrics export failed; the counts are kept and go out with the next export that gets through']);
  });
});
