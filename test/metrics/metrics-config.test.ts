// Metrics settings from the OTEL_* variables: off unless asked, every mistake a warning
// that names the variable and falls back, never an exception.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readMetricsConfig } from '../../src/metrics/metrics-config.ts';
import { createMetricsPipeline, type MetricsPipeline } from '../../src/metrics/metrics-pipeline.ts';
import { captureLog } from './support/capture-log.ts';
import { PASSING_RUN } from './support/run-results.ts';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver.ts';

let receiver: OtlpReceiver | undefined;
let pipeline: MetricsPipeline | undefined;
afterEach(async () => {
  await pipeline?.shutdown();
  await receiver?.close();
  pipeline = undefined;
  receiver = undefined;
  vi.unstubAllEnvs();
});

const read = (env: NodeJS.ProcessEnv, mode: 'run' | 'daemon' = 'daemon') => readMetricsConfig(env, mode);
const messages = (env: NodeJS.ProcessEnv, mode: 'run' | 'daemon' = 'daemon') => read(env, mode).warnings.map((w) => w.message);

describe('readMetricsConfig', () => {
  it('turns metrics on only when OTEL_METRICS_EXPORTER names an exporter', () => {
    expect(read({}).config.exporters).toEqual([]);
    expect(read({ OTEL_METRICS_EXPORTER: '' }).config.exporters).toEqual([]);
    expect(read({ OTEL_METRICS_EXPORTER: 'none' }).config.exporters).toEqual([]);
    expect(read({ OTEL_METRICS_EXPORTER: ' OTLP , console,otlp ' }).config.exporters).toEqual(['otlp', 'console']);
    expect(read({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }).config.exporters).toEqual([]);
    expect(read({}).warnings).toEqual([]);
  });

  it('warns about an unknown exporter, naming the known ones, and keeps the rest', () => {
    const { config, warnings } = read({ OTEL_METRICS_EXPORTER: 'jaeger,otlp' });
    expect(config.exporters).toEqual(['otlp']);
    expect(warnings).toEqual([
      { variable: 'OTEL_METRICS_EXPORTER', message: "OTEL_METRICS_EXPORTER: unknown exporter 'jaeger' is ignored; known: otlp, prometheus, console, none" },
    ]);
  });

  it("lets 'none' win over the others, and says so", () => {
    expect(read({ OTEL_METRICS_EXPORTER: 'otlp,none' }).config.exporters).toEqual([]);
    expect(messages({ OTEL_METRICS_EXPORTER: 'otlp,none' })).toEqual(["OTEL_METRICS_EXPORTER: 'none' turns metrics off; 'otlp' ignored"]);
  });

  it('ignores prometheus in `run`, which exits before any scrape, and says why', () => {
    expect(read({ OTEL_METRICS_EXPORTER: 'prometheus,otlp' }, 'run').config.exporters).toEqual(['otlp']);
    expect(read({ OTEL_METRICS_EXPORTER: 'prometheus' }, 'daemon').config.exporters).toEqual(['prometheus']);
    expect(messages({ OTEL_METRICS_EXPORTER: 'prometheus' }, 'run')).toEqual([
      "OTEL_METRICS_EXPORTER: 'prometheus' is ignored by `payloadwatch run`: the process exits before anything could scrape it; use 'otlp' to push, or `payloadwatch daemon` to be scraped",
    ]);
  });

  it('picks the OTLP protocol, the metrics-specific variable first; grpc falls back to http/protobuf with a warning', () => {
    const otlp = { OTEL_METRICS_EXPORTER: 'otlp' };
    expect(read(otlp).config.otlpProtocol).toBe('http/protobuf');
    expect(read({ ...otlp, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).config.otlpProtocol).toBe('http/json');
    expect(read({ ...otlp, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf' }).config.otlpProtocol).toBe(
      'http/protobuf',
    );
    const grpc = read({ ...otlp, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expect(grpc.config.otlpProtocol).toBe('http/protobuf');
    expect(grpc.warnings).toEqual([
      {
        variable: 'OTEL_EXPORTER_OTLP_PROTOCOL',
        message:
          "OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' is not supported; using http/protobuf instead (point the endpoint at the collector's OTLP/HTTP port, usually 4318)",
      },
    ]);
    expect(messages({ ...otlp, OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'thrift' })).toEqual([
      "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: unknown protocol 'thrift'; using http/protobuf; known: http/protobuf, http/json",
    ]);
    // The protocol only matters, and is only checked, when OTLP is on.
    expect(messages({ OTEL_METRICS_EXPORTER: 'console', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toEqual([]);
  });

  it('warns that a delta temporality preference is ignored: exports are always cumulative', () => {
    expect(messages({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta' })).toEqual([
      "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta' is ignored: payloadwatch always exports cumulative sums, so an export missed while the collector is down loses no counts",
    ]);
    expect(messages({ OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'cumulative' })).toEqual([]);
  });

  it('reads the export interval and timeout in milliseconds, clamping the timeout to the interval', () => {
    expect(read({}).config).toMatchObject({ exportIntervalMs: 60_000, exportTimeoutMs: 30_000 });
    expect(read({ OTEL_METRIC_EXPORT_INTERVAL: '15000', OTEL_METRIC_EXPORT_TIMEOUT: '5000' }).config).toMatchObject({
      exportIntervalMs: 15_000,
      exportTimeoutMs: 5_000,
    });
    // The default timeout is longer than a short interval: clamped without a word.
    expect(read({ OTEL_METRIC_EXPORT_INTERVAL: '10000' })).toMatchObject({ config: { exportIntervalMs: 10_000, exportTimeoutMs: 10_000 }, warnings: [] });
    expect(messages({ OTEL_METRIC_EXPORT_INTERVAL: '10000', OTEL_METRIC_EXPORT_TIMEOUT: '20000' })).toEqual([
      'OTEL_METRIC_EXPORT_TIMEOUT: 20000 ms is longer than the export interval (10000 ms); using 10000 ms',
    ]);
    expect(read({ OTEL_METRIC_EXPORT_INTERVAL: '1m' })).toMatchObject({
      config: { exportIntervalMs: 60_000 },
      warnings: [{ message: "OTEL_METRIC_EXPORT_INTERVAL: '1m' is not a positive whole number of milliseconds; using 60000" }],
    });
  });

  it('names the service from OTEL_SERVICE_NAME, else service.name in OTEL_RESOURCE_ATTRIBUTES, else payloadwatch', () => {
    expect(read({}).config.serviceName).toBe('payloadwatch');
    expect(read({ OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attributes' }).config.serviceName).toBe('from-attributes');
    expect(read({ OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attributes', OTEL_SERVICE_NAME: 'shop-monitor' }).config.serviceName).toBe('shop-monitor');
  });

  it('decodes OTEL_RESOURCE_ATTRIBUTES, and discards it whole when one pair is malformed', () => {
    expect(read({ OTEL_RESOURCE_ATTRIBUTES: 'team=checkout%20squad, region=eu-west-1' }).config.resourceAttributes).toEqual({
      team: 'checkout squad',
      region: 'eu-west-1',
    });
    const bad = read({ OTEL_RESOURCE_ATTRIBUTES: 'team=checkout,region' });
    expect(bad.config.resourceAttributes).toEqual({});
    expect(bad.warnings.map((w) => w.message)).toEqual([
      "OTEL_RESOURCE_ATTRIBUTES: 'region' is not key=value (values percent-encoded); the whole variable is ignored",
    ]);
    expect(read({ OTEL_RESOURCE_ATTRIBUTES: 'team=%E0%A4%A' }).config.resourceAttributes).toEqual({});
  });
});

describe('createMetricsPipeline', () => {
  it('is undefined when no exporter is configured, and logs nothing', async () => {
    const log = captureLog();
    expect(await createMetricsPipeline({ env: {}, location: 'local', logger: log.logger, mode: 'run' })).toBeUndefined();
    expect(await createMetricsPipeline({ env: { OTEL_METRICS_EXPORTER: 'none' }, location: 'local', logger: log.logger, mode: 'daemon' })).toBeUndefined();
    expect(log.lines).toEqual([]);
  });

  it('logs every warning and is undefined when only prometheus was asked for in `run`', async () => {
    const log = captureLog();
    const created = await createMetricsPipeline({ env: { OTEL_METRICS_EXPORTER: 'prometheus,zipkin' }, location: 'local', logger: log.logger, mode: 'run' });
    expect(created).toBeUndefined();
    expect(log.warnings().map((w) => [w.component, w.variable, w.msg])).toEqual([
      ['metrics', 'OTEL_METRICS_EXPORTER', "OTEL_METRICS_EXPORTER: unknown exporter 'zipkin' is ignored; known: otlp, prometheus, console, none"],
      ['metrics', 'OTEL_METRICS_EXPORTER', expect.stringContaining("'prometheus' is ignored by `payloadwatch run`")],
    ]);
  });

  it('sends http/protobuf when grpc was asked for', async () => {
    receiver = await startOtlpReceiver();
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', receiver.url);
    const log = captureLog();
    pipeline = await createMetricsPipeline({
      env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      location: 'local',
      logger: log.logger,
      mode: 'run',
    });
    pipeline!.reporter.onRunEnd(PASSING_RUN);
    await pipeline!.shutdown();
    expect(log.warnings().map((w) => w.variable)).toEqual(['OTEL_EXPORTER_OTLP_PROTOCOL']);
    expect(receiver.received.map((r) => r.contentType)).toEqual(['application/x-protobuf']);
  });

  it('puts OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES on the exported resource', async () => {
    receiver = await startOtlpReceiver();
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', receiver.url);
    pipeline = await createMetricsPipeline({
      env: {
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_SERVICE_NAME: 'shop-monitor',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging,payloadwatch.location=ignored',
      },
      location: 'eu-west-1',
      logger: captureLog().logger,
      mode: 'run',
    });
    pipeline!.reporter.onRunEnd(PASSING_RUN);
    await pipeline!.shutdown();
    expect(receiver.received[0]!.exports[0]!.resource).toMatchObject({
      'service.name': 'shop-monitor',
      'deployment.environment.name': 'staging',
      // The resource's location always matches the `location` attribute of the run series.
      'payloadwatch.location': 'eu-west-1',
    });
  });

  it('writes the console exporter as JSON lines to its stream, not to stdout', async () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk) => (text += chunk));
    pipeline = await createMetricsPipeline({
      env: { OTEL_METRICS_EXPORTER: 'console' },
      location: 'local',
      logger: captureLog().logger,
      mode: 'run',
      consoleStream: stream,
    });
    pipeline!.reporter.onRunEnd(PASSING_RUN);
    await pipeline!.shutdown();
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { name: string; dataPoints: Array<{ attributes: object; value: unknown }> });
    expect(lines.map((l) => l.name)).toEqual([
      'payloadwatch.probe.runs',
      'payloadwatch.probe.duration',
      'payloadwatch.probe.status',
      'payloadwatch.check.results',
      'payloadwatch.payload.measure',
      'payloadwatch.payload.empty',
      'http.client.request.duration',
    ]);
    expect(lines[0]!.dataPoints[0]).toEqual({
      attributes: { probe: 'recommendations', persona: 'returning-buyer', target: 'local', location: 'local', outcome: 'pass' },
      value: 1,
    });
  });
});
