// The `console` exporter: every metric of an export as one JSON line on a stream (stderr by
// default). The SDK's own console exporter writes to stdout, which belongs to the reporters.
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { EXPORT_FAILED, EXPORT_SUCCESS, type ExportResult } from './export-result.ts';

export class StreamMetricExporter implements PushMetricExporter {
  private stopped = false;

  constructor(private readonly stream: NodeJS.WritableStream = process.stderr) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({ code: EXPORT_FAILED, error: new Error('the console metrics exporter is shut down') });
      return;
    }
    let text = '';
    for (const scope of metrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        const { name, unit, description } = metric.descriptor;
        const points = metric.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value }));
        text += `${JSON.stringify({ scope: scope.scope.name, name, unit, description, dataPoints: points })}\n`;
      }
    }
    this.stream.write(text);
    resultCallback({ code: EXPORT_SUCCESS });
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {
    this.stopped = true;
  }
}
