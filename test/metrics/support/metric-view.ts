// One plain shape for metrics, whichever way they were read (the SDK's in-memory exporter,
// OTLP protobuf, OTLP JSON), so every test states its expectations the same way.
import { AggregationTemporality, DataPointType, type ResourceMetrics } from '@opentelemetry/sdk-metrics';

export type AttributeValue = string | number | boolean;

export interface DecodedPoint {
  attributes: Record<string, AttributeValue>;
  /** Sums and gauges. */
  value?: number;
  /** Histograms. */
  count?: number;
  sum?: number;
  bucketCounts?: number[];
  bounds?: number[];
}

export interface DecodedMetric {
  name: string;
  unit: string;
  kind: 'sum' | 'gauge' | 'histogram';
  monotonic?: boolean;
  temporality?: 'delta' | 'cumulative';
  points: DecodedPoint[];
}

export interface DecodedExport {
  resource: Record<string, AttributeValue>;
  scope: { name: string; version: string };
  metrics: DecodedMetric[];
}

export function fromResourceMetrics(resourceMetrics: ResourceMetrics): DecodedExport[] {
  return resourceMetrics.scopeMetrics.map((scope) => ({
    resource: resourceMetrics.resource.attributes as Record<string, AttributeValue>,
    scope: { name: scope.scope.name, version: scope.scope.version ?? '' },
    metrics: scope.metrics.map((metric): DecodedMetric => {
      const head = { name: metric.descriptor.name, unit: metric.descriptor.unit };
      const temporality = metric.aggregationTemporality === AggregationTemporality.CUMULATIVE ? 'cumulative' : 'delta';
      const attributes = (point: { attributes: object }) => point.attributes as Record<string, AttributeValue>;
      switch (metric.dataPointType) {
        case DataPointType.SUM:
          return { ...head, kind: 'sum', monotonic: metric.isMonotonic, temporality, points: metric.dataPoints.map((p) => ({ attributes: attributes(p), value: p.value })) };
        case DataPointType.GAUGE:
          return { ...head, kind: 'gauge', points: metric.dataPoints.map((p) => ({ attributes: attributes(p), value: p.value })) };
        case DataPointType.HISTOGRAM:
          return {
            ...head,
            kind: 'histogram',
            temporality,
            points: metric.dataPoints.map((p) => ({
              attributes: attributes(p),
              count: p.value.count,
              sum: p.value.sum ?? 0,
              bucketCounts: p.value.buckets.counts,
              bounds: p.value.buckets.boundaries,
            })),
          };
        default:
          throw new Error(`metric ${metric.descriptor.name}: unexpected data point type ${metric.dataPointType}`);
      }
    }),
  }));
}

/** Points in a stable order (by their attributes), sums rounded to hide float noise. */
export function canonical(metric: DecodedMetric): DecodedMetric {
  const key = (p: DecodedPoint) => JSON.stringify(Object.entries(p.attributes).sort(([a], [b]) => a.localeCompare(b)));
  const points = [...metric.points]
    .map((p) => (p.sum === undefined ? p : { ...p, sum: Math.round(p.sum * 1e9) / 1e9 }))
    .sort((a, b) => key(a).localeCompare(key(b)));
  return { ...metric, points };
}

/** Every metric of the exports, by name, canonical. */
export function metricsByName(exports: readonly DecodedExport[]): Map<string, DecodedMetric> {
  const byName = new Map<string, DecodedMetric>();
  for (const e of exports) for (const m of e.metrics) byName.set(m.name, canonical(m));
  return byName;
}
