// Decodes what an OTLP/HTTP metrics exporter sends, protobuf or JSON, into one plain shape
// the tests compare. The protobuf schema below is the subset of OTLP metrics v1
// (ExportMetricsServiceRequest) that payloadwatch's instruments produce, with the field
// numbers of the OTLP specification.
import protobuf from 'protobufjs';
import type { AttributeValue, DecodedExport, DecodedMetric, DecodedPoint } from './metric-view.ts';

const SCHEMA = `
syntax = "proto3";
package otlp;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
  }
}
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; }

message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; string schema_url = 3; }
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; string schema_url = 3; }
message Metric {
  string name = 1;
  string description = 2;
  string unit = 3;
  oneof data { Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; }
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message NumberDataPoint {
  repeated KeyValue attributes = 7;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  oneof value { double as_double = 4; sfixed64 as_int = 6; }
}
message HistogramDataPoint {
  repeated KeyValue attributes = 9;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  double sum = 5;
  repeated fixed64 bucket_counts = 6;
  repeated double explicit_bounds = 7;
  double min = 11;
  double max = 12;
}
`;

const requestType = protobuf.parse(SCHEMA).root.lookupType('otlp.ExportMetricsServiceRequest');

export function decodeProtobufRequest(body: Uint8Array): DecodedExport[] {
  const message = requestType.decode(body);
  const plain = requestType.toObject(message, { longs: Number, defaults: false, arrays: true, oneofs: false });
  return normalize(plain);
}

export function decodeJsonRequest(body: string): DecodedExport[] {
  return normalize(JSON.parse(body));
}

// Both decoders meet here: protobufjs's objects and OTLP/JSON share camelCase field names;
// OTLP/JSON may carry 64-bit integers as strings.
type Loose = any;

function normalize(request: Loose): DecodedExport[] {
  const out: DecodedExport[] = [];
  for (const rm of request.resourceMetrics ?? []) {
    for (const sm of rm.scopeMetrics ?? []) {
      out.push({
        resource: attributes(rm.resource?.attributes),
        scope: { name: sm.scope?.name ?? '', version: sm.scope?.version ?? '' },
        metrics: (sm.metrics ?? []).map(metric),
      });
    }
  }
  return out;
}

function metric(m: Loose): DecodedMetric {
  const head = { name: m.name, unit: m.unit ?? '' };
  if (m.sum) {
    return {
      ...head,
      kind: 'sum',
      monotonic: Boolean(m.sum.isMonotonic),
      temporality: temporality(m.sum.aggregationTemporality),
      points: (m.sum.dataPoints ?? []).map(numberPoint),
    };
  }
  if (m.gauge) return { ...head, kind: 'gauge', points: (m.gauge.dataPoints ?? []).map(numberPoint) };
  if (m.histogram) {
    return {
      ...head,
      kind: 'histogram',
      temporality: temporality(m.histogram.aggregationTemporality),
      points: (m.histogram.dataPoints ?? []).map((p: Loose) => ({
        attributes: attributes(p.attributes),
        count: Number(p.count ?? 0),
        sum: Number(p.sum ?? 0),
        bucketCounts: (p.bucketCounts ?? []).map(Number),
        bounds: (p.explicitBounds ?? []).map(Number),
      })),
    };
  }
  throw new Error(`metric ${m.name}: no sum, gauge or histogram data`);
}

// OTLP: 1 delta, 2 cumulative; OTLP/JSON may also spell the enum's name.
function temporality(value: Loose): 'delta' | 'cumulative' | undefined {
  if (value === 2 || value === 'AGGREGATION_TEMPORALITY_CUMULATIVE') return 'cumulative';
  if (value === 1 || value === 'AGGREGATION_TEMPORALITY_DELTA') return 'delta';
  return undefined;
}

function numberPoint(p: Loose): DecodedPoint {
  return { attributes: attributes(p.attributes), value: Number(p.asInt ?? p.asDouble ?? 0) };
}

function attributes(list: Loose[] | undefined): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const { key, value } of list ?? []) {
    if (value?.stringValue !== undefined) out[key] = value.stringValue;
    else if (value?.intValue !== undefined) out[key] = Number(value.intValue);
    else if (value?.doubleValue !== undefined) out[key] = Number(value.doubleValue);
    else if (value?.boolValue !== undefined) out[key] = Boolean(value.boolValue);
  }
  return out;
}
