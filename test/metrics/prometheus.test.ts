// The Prometheus exporter as the daemon serves it: no port of its own, a handler, and the
// metric names and series lines the README and the alert rules rely on.
import { Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetricsPipeline, type MetricsPipeline } from '../../src/metrics/metrics-pipeline.ts';
import { VERSION } from '../../src/version.ts';
import { captureLog } from './support/capture-log.ts';
import { KNOWN_RUNS, SKIPPED_TICK } from './support/run-results.ts';
import { scrape } from './support/scrape.ts';

const SCOPE_LABELS = `otel_scope_name="payloadwatch",otel_scope_version="${VERSION}"`;
const REC_NEW = 'probe="recommendations",persona="new-user",target="local"';
const REC_RETURNING = 'probe="recommendations",persona="returning-buyer",target="local"';

let pipeline: MetricsPipeline | undefined;
afterEach(async () => {
  await pipeline?.shutdown();
  pipeline = undefined;
});

async function prometheusPipeline(env: NodeJS.ProcessEnv = {}): Promise<MetricsPipeline> {
  const created = await createMetricsPipeline({
    env: { OTEL_METRICS_EXPORTER: 'prometheus', ...env },
    location: 'local',
    logger: captureLog().logger,
    mode: 'daemon',
  });
  if (!created) throw new Error('no pipeline');
  pipeline = created;
  return created;
}

function seriesLines(text: string, metric: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `));
}

describe('the Prometheus exporter', () => {
  it('serves the known runs under the names the README lists', async () => {
    const metrics = await prometheusPipeline();
    for (const run of KNOWN_RUNS) metrics.reporter.onRunEnd(run);
    metrics.reporter.recordSkippedTick(SKIPPED_TICK);

    const { status, contentType, text } = await scrape(metrics);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain/);

    const families = text.split('\n').filter((l) => l.startsWith('# TYPE ')).map((l) => l.slice('# TYPE '.length));
    expect(families).toEqual([
      'target_info gauge',
      'payloadwatch_probe_runs_total counter',
      'payloadwatch_probe_duration histogram',
      'payloadwatch_probe_status gauge',
      'payloadwatch_check_results_total counter',
      'payloadwatch_payload_measure histogram',
      'payloadwatch_payload_empty_total counter',
      'http_client_request_duration histogram',
      'payloadwatch_schedule_skipped_total counter',
    ]);
    expect(text).toContain('# UNIT payloadwatch_probe_duration s\n');

    expect(seriesLines(text, 'payloadwatch_probe_runs_total').filter((l) => l.includes('persona="new-user",target="local",location'))).toEqual([
      `payloadwatch_probe_runs_total{${REC_NEW},location="local",outcome="pass",${SCOPE_LABELS}} 0`,
      `payloadwatch_probe_runs_total{${REC_NEW},location="local",outcome="fail",${SCOPE_LABELS}} 1`,
      `payloadwatch_probe_runs_total{${REC_NEW},location="local",outcome="error",${SCOPE_LABELS}} 0`,
      `payloadwatch_probe_runs_total{probe="search",persona="new-user",target="local",location="local",outcome="pass",${SCOPE_LABELS}} 0`,
      `payloadwatch_probe_runs_total{probe="search",persona="new-user",target="local",location="local",outcome="fail",${SCOPE_LABELS}} 0`,
      `payloadwatch_probe_runs_total{probe="search",persona="new-user",target="local",location="local",outcome="error",${SCOPE_LABELS}} 1`,
    ]);
    expect(seriesLines(text, 'payloadwatch_payload_empty_total')).toEqual([
      `payloadwatch_payload_empty_total{${REC_RETURNING},measure="recommendations",${SCOPE_LABELS}} 0`,
      `payloadwatch_payload_empty_total{${REC_NEW},measure="recommendations",${SCOPE_LABELS}} 1`,
    ]);
    expect(seriesLines(text, 'payloadwatch_payload_measure_bucket').filter((l) => l.includes('new-user') && /le="(0|1|\+Inf)"/.test(l))).toEqual([
      `payloadwatch_payload_measure_bucket{${REC_NEW},measure="recommendations",${SCOPE_LABELS},le="0"} 1`,
      `payloadwatch_payload_measure_bucket{${REC_NEW},measure="recommendations",${SCOPE_LABELS},le="1"} 1`,
      `payloadwatch_payload_measure_bucket{${REC_NEW},measure="recommendations",${SCOPE_LABELS},le="+Inf"} 1`,
    ]);
    expect(seriesLines(text, 'payloadwatch_payload_measure_count')).toEqual([
      `payloadwatch_payload_measure_count{${REC_RETURNING},measure="recommendations",${SCOPE_LABELS}} 1`,
      `payloadwatch_payload_measure_count{${REC_NEW},measure="recommendations",${SCOPE_LABELS}} 1`,
    ]);
    const searchBucket = (bound: string) =>
      seriesLines(text, 'payloadwatch_probe_duration_bucket').find((l) => l.includes('probe="search"') && l.includes(`le="${bound}"}`));
    expect(searchBucket('2.5')).toBe(`payloadwatch_probe_duration_bucket{probe="search",persona="new-user",target="local",location="local",outcome="error",${SCOPE_LABELS},le="2.5"} 0`);
    expect(searchBucket('5')).toBe(`payloadwatch_probe_duration_bucket{probe="search",persona="new-user",target="local",location="local",outcome="error",${SCOPE_LABELS},le="5"} 1`);
    expect(seriesLines(text, 'payloadwatch_probe_status')).toEqual([
      `payloadwatch_probe_status{${REC_RETURNING},location="local",${SCOPE_LABELS}} 1`,
      `payloadwatch_probe_status{${REC_NEW},location="local",${SCOPE_LABELS}} 0`,
      `payloadwatch_probe_status{probe="search",persona="new-user",target="local",location="local",${SCOPE_LABELS}} 0`,
    ]);
    expect(seriesLines(text, 'http_client_request_duration_count')).toEqual([
      `http_client_request_duration_count{http_request_method="GET",http_response_status_code="200",server_address="127.0.0.1",probe="recommendations",${SCOPE_LABELS}} 2`,
      `http_client_request_duration_count{http_request_method="GET",server_address="shop.example",probe="search",${SCOPE_LABELS}} 1`,
    ]);
    expect(seriesLines(text, 'payloadwatch_check_results_total')).toContain(
      `payloadwatch_check_results_total{${REC_NEW},step="get recommendations",check="recommendations are never empty",kind="rule",outcome="fail",${SCOPE_LABELS}} 1`,
    );
    expect(seriesLines(text, 'payloadwatch_schedule_skipped_total')).toEqual([
      `payloadwatch_schedule_skipped_total{${REC_NEW},${SCOPE_LABELS}} 1`,
    ]);
  });

  it('puts the resource on target_info: service name, version, instance, location and OTEL_RESOURCE_ATTRIBUTES', async () => {
    const metrics = await prometheusPipeline({
      OTEL_SERVICE_NAME: 'shop-monitor',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging,team=checkout%20squad',
    });
    metrics.reporter.onRunEnd(KNOWN_RUNS[0]!);
    const { text } = await scrape(metrics);
    const [targetInfo] = seriesLines(text, 'target_info');
    expect(targetInfo).toMatch(/^target_info\{.*\} 1$/);
    const labels = Object.fromEntries([...targetInfo!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    expect(labels).toMatchObject({
      service_name: 'shop-monitor',
      service_version: VERSION,
      service_instance_id: expect.stringMatching(new RegExp(`-${process.pid}$`)),
      payloadwatch_location: 'local',
      deployment_environment_name: 'staging',
      team: 'checkout squad',
      telemetry_sdk_name: 'opentelemetry',
    });
    // Resource attributes stay on target_info, not on every series.
    expect(seriesLines(text, 'payloadwatch_probe_runs_total')[0]).not.toContain('service_name');
  });

  it('opens no port of its own', async () => {
    const listen = vi.spyOn(Server.prototype, 'listen');
    try {
      await prometheusPipeline();
      expect(listen).not.toHaveBeenCalled();
    } finally {
      listen.mockRestore();
    }
  });
});
