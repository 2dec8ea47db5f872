// Counter totals and gauge values kept by payloadwatch itself, under a plain string key,
// and handed to an asynchronous instrument when a reader collects. A run records about
// fifteen points; through synchronous instruments each one paid for the SDK's attribute
// hashing (sorting the keys, JSON-encoding the pairs) and cost more than judging the
// payload did. The exported series are the same: an observable counter is a monotonic
// cumulative sum, an observable gauge a last value.
import type { Attributes, ObservableResult } from '@opentelemetry/api';

interface Series {
  attributes: Attributes;
  value: number;
}

export class SeriesValues {
  private readonly series = new Map<string, Series>();

  /** Adds to the series' total; adding 0 creates the series, so it reads 0 rather than "no data". */
  add(attributes: Attributes, value: number): void {
    this.entry(attributes).value += value;
  }

  /** Sets the series' value: a gauge's latest reading. */
  set(attributes: Attributes, value: number): void {
    this.entry(attributes).value = value;
  }

  /** Every series: an instrument's callback, bound so it can be handed over as is. */
  readonly observe = (result: ObservableResult): void => {
    for (const { attributes, value } of this.series.values()) result.observe(value, attributes);
  };

  get size(): number {
    return this.series.size;
  }

  private entry(attributes: Attributes): Series {
    // Each instrument builds its attributes at one place, always in the same key order, so
    // the values alone name a series.
    let key = '';
    for (const name in attributes) key += `${String(attributes[name])}\u0000`;
    let entry = this.series.get(key);
    if (!entry) {
      entry = { attributes, value: 0 };
      this.series.set(key, entry);
    }
    return entry;
  }
}
