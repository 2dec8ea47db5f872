// The OpenTelemetry SDK as payloadwatch runs it: a MeterProvider with the exporters the
// OTEL_* variables ask for, and a reporter that records every run result into it.
// Flushing and shutting down never reject: metrics are never the reason a command fails.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IMetricReader } from '@opentelemetry/sdk-metrics';
import type { Logger } from '../logging/logger.ts';
import { ExportHealth } from './export-health.ts';
import { payloadwatchMeter } from './instruments.ts';
import { readMetricsConfig, type MetricsConfig, type MetricsExporterName, type MetricsMode, type OtlpProtocol } from './metrics-config.ts';
import { MetricsReporter } from './metrics-reporter.ts';

export interface MetricsPipeline {
  reporter: MetricsReporter;
  /** Serves Prometheus text at /metrics when the prometheus exporter is on (daemon); else undefined. */
  prometheusHandler?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Exports what has been recorded now; never rejects. */
  forceFlush(): Promise<void>;
  /** Flushes, then stops every exporter; never rejects; a second call waits for the first. */
  shutdown(): Promise<void>;
}

export interface MetricsPipelineOptions {
  /**
   * Where payloadwatch reads OTEL_METRICS_EXPORTER, the protocol, interval, timeout,
   * service name and resource attributes. Default `process.env`. The OTLP exporters read
   * their connection settings (OTEL_EXPORTER_OTLP_[METRICS_]ENDPOINT, _HEADERS, _TIMEOUT,
   * _COMPRESSION, certificates) from `process.env` themselves, as they always do.
   * @example { OTEL_METRICS_EXPORTER: 'otlp', OTEL_SERVICE_NAME: 'shop-monitor' }
   */
  env?: NodeJS.ProcessEnv;
  /** Where the probes run from: the `location` attribute and the `payloadwatch.location` resource attribute. */
  location: string;
  logger: Logger;
  /** `run` pushes once before exiting, so the prometheus exporter is ignored there. */
  mode: MetricsMode;
  /** Where the `console` exporter writes. Default stderr: stdout belongs to the reporters. */
  consoleStream?: NodeJS.WritableStream;
}

/** The pipeline, or undefined when no exporter is configured (OTEL_METRICS_EXPORTER unset or `none`). */
export async function createMetricsPipeline(options: MetricsPipelineOptions): Promise<MetricsPipeline | undefined> {
  const log = options.logger.child({ component: 'metrics' });
  const { config, warnings } = readMetricsConfig(options.env ?? process.env, options.mode);
  for (const warning of warnings) log.warn({ variable: warning.variable }, warning.message);
  if (config.exporters.length === 0) return undefined;

  // The SDK loads only when metrics are on: a plain `run` does not pay for it.
  const [{ diag, DiagLogLevel }, { buildResource }] = await Promise.all([import('@opentelemetry/api'), import('./resource.ts')]);

  const health = new ExportHealth(log);
  // OpenTelemetry reports export errors through its global diag logger; without one they
  // would go nowhere, with a plain one a dead collector would flood the logs.
  diag.setLogger(health.diagLogger(), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });

  const readers: IMetricReader[] = [];
  const started: MetricsExporterName[] = [];
  let prometheusHandler: MetricsPipeline['prometheusHandler'];
  for (const name of config.exporters) {
    try {
      const made = await createReader(name, config, health, options.consoleStream ?? process.stderr);
      readers.push(made.reader);
      started.push(name);
      prometheusHandler ??= made.prometheusHandler;
    } catch (error) {
      log.warn({ err: error, exporter: name }, `metrics exporter '${name}' could not be set up; it stays off`);
    }
  }
  if (readers.length === 0) return undefined;

  const { MeterProvider } = await import('@opentelemetry/sdk-metrics');
  const provider = new MeterProvider({ resource: buildResource(config, options.location), readers });
  const reporter = new MetricsReporter(payloadwatchMeter(provider), { location: options.location });
  log.info(
    { exporters: started, ...(started.includes('otlp') ? { protocol: config.otlpProtocol } : {}), intervalMs: config.exportIntervalMs },
    'metrics on',
  );

  // Long enough for an export that times out on its own; short enough that nothing hangs.
  const deadline = { timeoutMillis: config.exportTimeoutMs + 1_000 };
  let stopped: Promise<void> | undefined;
  return {
    reporter,
    ...(prometheusHandler ? { prometheusHandler } : {}),
    async forceFlush() {
      if (stopped) return;
      try {
        await provider.forceFlush(deadline);
      } catch (error) {
        log.warn({ err: error }, 'metrics flush did not finish; the counts are kept for the next export');
      }
    },
    shutdown() {
      // The provider's shutdown flushes each reader before stopping it.
      stopped ??= provider.shutdown(deadline).catch((error: unknown) => {
        log.warn({ err: error, failedExports: health.failures }, 'metrics shutdown did not finish cleanly; the last counts may not have been sent');
      });
      return stopped;
    },
  };
}

async function createReader(
  name: MetricsExporterName,
  config: MetricsConfig,
  health: ExportHealth,
  consoleStream: NodeJS.WritableStream,
): Promise<{ reader: IMetricReader; prometheusHandler?: MetricsPipeline['prometheusHandler'] }> {
  if (name === 'prometheus') {
    const { PrometheusExporter } = await import('@opentelemetry/exporter-prometheus');
    // The daemon serves /metrics on its own server; the exporter must not open a port.
    const prometheus = new PrometheusExporter({ preventServerStart: true });
    return { reader: prometheus, prometheusHandler: (req, res) => prometheus.getMetricsRequestHandler(req, res) };
  }
  const [{ PeriodicExportingMetricReader }, { ObservedExporter }] = await Promise.all([
    import('@opentelemetry/sdk-metrics'),
    import('./observed-exporter.ts'),
  ]);
  const exporter =
    name === 'otlp' ? await createOtlpExporter(config.otlpProtocol) : new (await import('./stream-exporter.ts')).StreamMetricExporter(consoleStream);
  const reader = new PeriodicExportingMetricReader({
    exporter: new ObservedExporter(name, exporter, health),
    exportIntervalMillis: config.exportIntervalMs,
    exportTimeoutMillis: config.exportTimeoutMs,
  });
  return { reader };
}

async function createOtlpExporter(protocol: OtlpProtocol) {
  const { AggregationTemporalityPreference } = await import('@opentelemetry/exporter-metrics-otlp-http');
  const options = { temporalityPreference: AggregationTemporalityPreference.CUMULATIVE };
  if (protocol === 'http/json') {
    const { OTLPMetricExporter } = await import('@opentelemetry/exporter-metrics-otlp-http');
    return new OTLPMetricExporter(options);
  }
  const { OTLPMetricExporter } = await import('@opentelemetry/exporter-metrics-otlp-proto');
  return new OTLPMetricExporter(options);
}
