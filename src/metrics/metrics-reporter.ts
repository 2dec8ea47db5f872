// Every run result as OpenTelemetry measurements. A reporter like the others: it reads
// the result model only, so `run` and the daemon record exactly the same series.
import type { Attributes, Meter } from '@opentelemetry/api';
import { RUN_OUTCOMES, type RunResult } from '../model/results.ts';
import type { Reporter } from '../reporters/reporter.ts';
import { createInstruments, type PayloadwatchInstruments } from './instruments.ts';

export interface MetricsReporterOptions {
  /**
   * Where the probes run from: the `location` attribute of run series.
   * @example 'eu-west-1'
   */
  location: string;
}

/** Which probe × persona × target a scheduled tick belonged to. */
export interface SkippedTick {
  probe: string;
  persona: string;
  target: string;
}

export class MetricsReporter implements Reporter {
  private readonly instruments: PayloadwatchInstruments;
  readonly location: string;

  constructor(meter: Meter, options: MetricsReporterOptions) {
    this.instruments = createInstruments(meter);
    this.location = options.location;
  }

  onRunEnd(result: RunResult): void {
    const { runs, duration, status, checkResults, measure, empty, httpDuration } = this.instruments;
    const { probe, persona, target } = result;
    const location = this.location;
    // Attributes are written out as literals, not spread: this runs for every run of a
    // daemon, and a literal of a fixed shape is the cheapest object to make.

    // Every outcome's series exists from the first run, so a ratio such as the pass rate
    // reads 0 rather than "no data" for a persona that has never passed.
    for (const outcome of RUN_OUTCOMES) runs.add({ probe, persona, target, location, outcome }, outcome === result.outcome ? 1 : 0);
    duration.record(result.durationMs / 1000, { probe, persona, target, location, outcome: result.outcome });
    status.set({ probe, persona, target, location }, result.outcome === 'pass' ? 1 : 0);

    for (const check of result.checks) {
      checkResults.add({ probe, persona, target, step: check.step, check: check.name, kind: check.kind, outcome: check.outcome }, 1);
    }

    for (const name in result.measures) {
      const value = result.measures[name]!;
      if (!Number.isFinite(value)) continue;
      const attributes = { probe, persona, target, measure: name };
      // Histograms take no negative values; a negative measure is no count of items.
      if (value >= 0) measure.record(value, attributes);
      // Adding 0 creates the series, so the zero-result rate reads 0, not "no data", when all is well.
      empty.add(attributes, value === 0 ? 1 : 0);
    }

    for (const step of result.steps) {
      if (step.method === undefined) continue;
      const attributes: Attributes = { 'http.request.method': step.method.toUpperCase() };
      if (step.status !== undefined) attributes['http.response.status_code'] = step.status;
      if (step.serverAddress !== undefined) attributes['server.address'] = step.serverAddress;
      attributes['probe'] = probe;
      httpDuration.record(step.durationMs / 1000, attributes);
    }
  }

  /** A scheduled tick that did not start because the previous run was still going. */
  recordSkippedTick(tick: SkippedTick): void {
    this.instruments.skipped.add(1, { probe: tick.probe, persona: tick.persona, target: tick.target });
  }
}
