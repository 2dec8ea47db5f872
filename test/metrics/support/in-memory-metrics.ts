// A MetricsReporter on a real MeterProvider whose reader exports to the SDK's in-memory
// exporter, collected whenever the test asks.
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { payloadwatchMeter } from '../../../src/metrics/instruments.ts';
import { MetricsReporter } from '../../../src/metrics/metrics-reporter.ts';
import { fromResourceMetrics, metricsByName, type DecodedExport, type DecodedMetric } from './metric-view.ts';

export interface InMemoryMetrics {
  reporter: MetricsReporter;
  /** Exports now and returns what this export carried. */
  collect(): Promise<{ exports: DecodedExport[]; byName: Map<string, DecodedMetric> }>;
  shutdown(): Promise<void>;
}

export function inMemoryMetrics(location = 'local'): InMemoryMetrics {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Exports only when collected: the interval never comes round during a test.
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  const reporter = new MetricsReporter(payloadwatchMeter(provider), { location });
  return {
    reporter,
    async collect() {
      exporter.reset();
      await reader.forceFlush();
      const exports = exporter.getMetrics().flatMap(fromResourceMetrics);
      return { exports, byName: metricsByName(exports) };
    },
    shutdown: () => provider.shutdown(),
  };
}
