// Metrics settings from the standard OTEL_* variables. Reading collects warnings instead
// of throwing: a mistyped variable must never stop a monitor, it falls back and says so.

export const METRICS_EXPORTERS = ['otlp', 'prometheus', 'console', 'none'] as const;
export type MetricsExporterName = Exclude<(typeof METRICS_EXPORTERS)[number], 'none'>;

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

export type MetricsMode = 'run' | 'daemon';

export const DEFAULT_SERVICE_NAME = 'payloadwatch';
export const DEFAULT_EXPORT_INTERVAL_MS = 60_000;
export const DEFAULT_EXPORT_TIMEOUT_MS = 30_000;

export interface MetricsConfig {
  /** Empty: metrics are off. */
  exporters: readonly MetricsExporterName[];
  otlpProtocol: OtlpProtocol;
  exportIntervalMs: number;
  exportTimeoutMs: number;
  serviceName: string;
  /** From OTEL_RESOURCE_ATTRIBUTES, decoded. */
  resourceAttributes: Readonly<Record<string, string>>;
}

export interface MetricsConfigWarning {
  /** The variable the warning is about. */
  variable: string;
  message: string;
}

export function readMetricsConfig(
  env: NodeJS.ProcessEnv,
  mode: MetricsMode,
): { config: MetricsConfig; warnings: MetricsConfigWarning[] } {
  const warnings: MetricsConfigWarning[] = [];
  const warn = (variable: string, message: string) => warnings.push({ variable, message: `${variable}: ${message}` });

  const exporters = readExporters(env, mode, warn);
  const otlpProtocol = exporters.includes('otlp') ? readProtocol(env, warn) : 'http/protobuf';
  const temporality = value(env, 'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE');
  if (exporters.includes('otlp') && temporality !== undefined && temporality.toLowerCase() !== 'cumulative') {
    warn(
      'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE',
      `'${temporality}' is ignored: payloadwatch always exports cumulative sums, so an export missed while the collector is down loses no counts`,
    );
  }

  const interval = readMilliseconds(env, 'OTEL_METRIC_EXPORT_INTERVAL', DEFAULT_EXPORT_INTERVAL_MS, warn);
  let timeout = readMilliseconds(env, 'OTEL_METRIC_EXPORT_TIMEOUT', DEFAULT_EXPORT_TIMEOUT_MS, warn);
  if (timeout.ms > interval.ms) {
    if (timeout.explicit) {
      warn('OTEL_METRIC_EXPORT_TIMEOUT', `${timeout.ms} ms is longer than the export interval (${interval.ms} ms); using ${interval.ms} ms`);
    }
    timeout = { ms: interval.ms, explicit: timeout.explicit };
  }

  const resourceAttributes = readResourceAttributes(env, warn);
  const serviceName = value(env, 'OTEL_SERVICE_NAME') ?? resourceAttributes['service.name'] ?? DEFAULT_SERVICE_NAME;

  return {
    config: { exporters, otlpProtocol, exportIntervalMs: interval.ms, exportTimeoutMs: timeout.ms, serviceName, resourceAttributes },
    warnings,
  };
}

type Warn = (variable: string, message: string) => void;

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function readExporters(env: NodeJS.ProcessEnv, mode: MetricsMode, warn: Warn): MetricsExporterName[] {
  if (value(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return [];
  const raw = value(env, 'OTEL_METRICS_EXPORTER');
  if (raw === undefined) return [];
  const names = [...new Set(raw.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean))];

  const chosen: MetricsExporterName[] = [];
  for (const name of names) {
    if (!(METRICS_EXPORTERS as readonly string[]).includes(name)) {
      warn('OTEL_METRICS_EXPORTER', `unknown exporter '${name}' is ignored; known: ${METRICS_EXPORTERS.join(', ')}`);
    } else if (name !== 'none') {
      chosen.push(name as MetricsExporterName);
    }
  }
  if (names.includes('none')) {
    if (chosen.length > 0) warn('OTEL_METRICS_EXPORTER', `'none' turns metrics off; ${chosen.map((n) => `'${n}'`).join(', ')} ignored`);
    return [];
  }
  if (mode === 'run' && chosen.includes('prometheus')) {
    warn(
      'OTEL_METRICS_EXPORTER',
      "'prometheus' is ignored by `payloadwatch run`: the process exits before anything could scrape it; use 'otlp' to push, or `payloadwatch daemon` to be scraped",
    );
    return chosen.filter((name) => name !== 'prometheus');
  }
  return chosen;
}

function readProtocol(env: NodeJS.ProcessEnv, warn: Warn): OtlpProtocol {
  const variable = value(env, 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL') !== undefined ? 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL' : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const raw = value(env, variable)?.toLowerCase();
  if (raw === undefined) return 'http/protobuf';
  if ((OTLP_PROTOCOLS as readonly string[]).includes(raw)) return raw as OtlpProtocol;
  if (raw === 'grpc') {
    warn(variable, "'grpc' is not supported; using http/protobuf instead (point the endpoint at the collector's OTLP/HTTP port, usually 4318)");
  } else {
    warn(variable, `unknown protocol '${raw}'; using http/protobuf; known: ${OTLP_PROTOCOLS.join(', ')}`);
  }
  return 'http/protobuf';
}

function readMilliseconds(env: NodeJS.ProcessEnv, variable: string, fallback: number, warn: Warn): { ms: number; explicit: boolean } {
  const raw = value(env, variable);
  if (raw === undefined) return { ms: fallback, explicit: false };
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0) {
    warn(variable, `'${raw}' is not a positive whole number of milliseconds; using ${fallback}`);
    return { ms: fallback, explicit: false };
  }
  return { ms, explicit: true };
}

/**
 * `key=value` pairs separated by commas, values percent-encoded (W3C Baggage style). As the
 * OpenTelemetry specification asks, a value that does not decode is discarded whole.
 */
function readResourceAttributes(env: NodeJS.ProcessEnv, warn: Warn): Record<string, string> {
  const raw = value(env, 'OTEL_RESOURCE_ATTRIBUTES');
  if (raw === undefined) return {};
  const attributes: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    if (!pair.trim()) continue;
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    let decoded: string | undefined;
    try {
      decoded = eq > 0 ? decodeURIComponent(pair.slice(eq + 1).trim()) : undefined;
    } catch {
      decoded = undefined;
    }
    if (!key || decoded === undefined) {
      warn('OTEL_RESOURCE_ATTRIBUTES', `'${pair.trim()}' is not key=value (values percent-encoded); the whole variable is ignored`);
      return {};
    }
    attributes[key] = decoded;
  }
  return attributes;
}
