// A push exporter seen through its results: failure is a value the exporter hands back,
// and this is where it reaches the logs. It also pins cumulative temporality, whatever the
// wrapped exporter would pick, so an export missed while a collector is down loses no counts:
// the next one carries the totals, and nothing queues up meanwhile.
import { AggregationTemporality, type InstrumentType, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ExportHealth } from './export-health.ts';
import { EXPORT_FAILED, EXPORT_SUCCESS, type ExportResult } from './export-result.ts';

export class ObservedExporter implements PushMetricExporter {
  constructor(
    readonly name: string,
    private readonly inner: PushMetricExporter,
    private readonly health: ExportHealth,
  ) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    let reported = false;
    const report = (result: ExportResult) => {
      if (reported) return;
      reported = true;
      if (result.code === EXPORT_SUCCESS) this.health.exportSucceeded(this.name);
      else this.health.exportFailed(this.name, result.error ?? new Error('the exporter gave no reason'));
      resultCallback(result);
    };
    try {
      this.inner.export(metrics, report);
    } catch (error) {
      report({ code: EXPORT_FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  selectAggregationTemporality(_instrumentType: InstrumentType): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}
