// Metric recording as `run` and the daemon do it, minus the export: a MetricsReporter on
// a MeterProvider whose only reader keeps everything in memory until collected.
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { payloadwatchMeter } from '../../src/metrics/instruments.ts';
import { MetricsReporter } from '../../src/metrics/metrics-reporter.ts';

class InMemoryReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

export interface InMemoryMetrics {
  reporter: MetricsReporter;
  /** How many runs the `payloadwatch.probe.runs` counter holds, all outcomes together. */
  countedRuns(): Promise<number>;
  shutdown(): Promise<void>;
}

export function inMemoryMetrics(): InMemoryMetrics {
  const reader = new InMemoryReader();
  const provider = new MeterProvider({ readers: [reader] });
  return {
    reporter: new MetricsReporter(payloadwatchMeter(provider), { location: 'bench' }),
    async countedRuns() {
      const { resourceMetrics } = await reader.collect();
      let total = 0;
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          if (metric.descriptor.name !== 'payloadwatch.probe.runs') continue;
          for (const point of metric.dataPoints) total += point.value as number;
        }
      }
      return total;
    },
    shutdown: () => provider.shutdown(),
  };
}
