// The instruments of DESIGN.md's metrics table, on one Meter. Histogram boundaries are
// given as advice so every reader (Prometheus, OTLP) gets buckets that fit the values.
// Counters and the gauge a run touches are asynchronous, over values kept in
// SeriesValues (see there why); histograms cannot be, and a skipped tick is rare.
import { ValueType, type Counter, type Histogram, type Meter, type MeterProvider } from '@opentelemetry/api';
import { VERSION } from '../version.ts';
import { SeriesValues } from './series-values.ts';

export const METER_NAME = 'payloadwatch';

/** Seconds, from a fast API answer to a run at its default 60 s deadline. */
export const PROBE_DURATION_BOUNDARIES: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 15, 30, 60,
];

/** Item counts; `0` has a bucket of its own so empty answers stand apart. */
export const MEASURE_BOUNDARIES: readonly number[] = [0, 1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000];

/** The OpenTelemetry HTTP semantic conventions' boundaries for `http.client.request.duration`. */
export const HTTP_DURATION_BOUNDARIES: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

export const METRIC_NAMES = {
  runs: 'payloadwatch.probe.runs',
  duration: 'payloadwatch.probe.duration',
  status: 'payloadwatch.probe.status',
  checkResults: 'payloadwatch.check.results',
  measure: 'payloadwatch.payload.measure',
  empty: 'payloadwatch.payload.empty',
  httpDuration: 'http.client.request.duration',
  skipped: 'payloadwatch.schedule.skipped',
} as const;

export interface PayloadwatchInstruments {
  runs: SeriesValues;
  duration: Histogram;
  status: SeriesValues;
  checkResults: SeriesValues;
  measure: Histogram;
  empty: SeriesValues;
  httpDuration: Histogram;
  skipped: Counter;
}

/** The payloadwatch Meter of a provider: named `payloadwatch`, versioned with the package. */
export function payloadwatchMeter(provider: MeterProvider): Meter {
  return provider.getMeter(METER_NAME, VERSION);
}

export function createInstruments(meter: Meter): PayloadwatchInstruments {
  const observed = (kind: 'counter' | 'gauge', name: string, description: string): SeriesValues => {
    const values = new SeriesValues();
    const options = { description, valueType: ValueType.INT };
    const instrument = kind === 'counter' ? meter.createObservableCounter(name, options) : meter.createObservableGauge(name, options);
    instrument.addCallback(values.observe);
    return values;
  };
  // Created in the order of DESIGN.md's table, which is the order exporters list them in.
  const runs = observed('counter', METRIC_NAMES.runs, 'Probe runs by outcome (pass, fail, error)');
  const duration = meter.createHistogram(METRIC_NAMES.duration, {
    description: 'Duration of a whole probe run, persona setup and retries included',
    unit: 's',
    advice: { explicitBucketBoundaries: [...PROBE_DURATION_BOUNDARIES] },
  });
  const status = observed('gauge', METRIC_NAMES.status, 'Outcome of the latest run of a probe × persona × target: 1 pass, 0 fail or error');
  const checkResults = observed('counter', METRIC_NAMES.checkResults, 'Check results by step, check, kind and outcome (pass, fail, warn, error, skip)');
  const measure = meter.createHistogram(METRIC_NAMES.measure, {
    description: "Values of a probe's measures, e.g. the number of recommendations returned",
    advice: { explicitBucketBoundaries: [...MEASURE_BOUNDARIES] },
  });
  const empty = observed('counter', METRIC_NAMES.empty, 'Measures whose value was 0: the zero-result signal');
  const httpDuration = meter.createHistogram(METRIC_NAMES.httpDuration, {
    description: 'Duration of HTTP client requests made by API steps',
    unit: 's',
    advice: { explicitBucketBoundaries: [...HTTP_DURATION_BOUNDARIES] },
  });
  const skipped = meter.createCounter(METRIC_NAMES.skipped, {
    description: 'Scheduled ticks skipped because the previous run of the same probe × persona × target was still going',
    valueType: ValueType.INT,
  });
  return { runs, duration, status, checkResults, measure, empty, httpDuration, skipped };
}
