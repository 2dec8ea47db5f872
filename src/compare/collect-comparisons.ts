// From the runs of one probe × persona on each target to the comparisons the judge needs:
// the pass rate (content failures only), transport errors counted apart, latency, and for
// every measure its empty rate and its distribution.
import type { RunOutcome } from '../model/results.ts';
import type { BadDirection, Comparison } from './comparison.ts';

/** What the judge reads of a run; a RunResult fits. */
export interface Observation {
  outcome: RunOutcome;
  durationMs: number;
  measures: Readonly<Record<string, number>>;
}

export interface MeasureJudgement {
  /** Which way a change of the measure is a regression (`lower` for a recommendations count). */
  badDirection?: BadDirection;
  critical?: boolean;
}

export interface ProbePersonaRuns {
  probe: string;
  persona: string;
  /**
   * The probe fails the verdict on its own: its checks must pass in every canary run, and a
   * regression of its pass rate, transport errors or measures fails the canary. Latency is
   * left out: timing noise alone should not stop a release.
   */
  critical?: boolean;
  baseline: readonly Observation[];
  canary: readonly Observation[];
  /** How to judge each measure; a measure not listed may move either way. */
  measures?: Readonly<Record<string, MeasureJudgement>>;
}

export function collectComparisons(group: ProbePersonaRuns): Comparison[] {
  const { probe, persona, baseline, canary } = group;
  const critical = group.critical ?? false;
  const base = { probe, persona };
  const count = (runs: readonly Observation[], outcome: RunOutcome) => runs.filter((r) => r.outcome === outcome).length;
  const judged = (runs: readonly Observation[]) => ({ events: count(runs, 'pass'), trials: runs.length - count(runs, 'error') });
  const errors = (runs: readonly Observation[]) => ({ events: count(runs, 'error'), trials: runs.length });
  // An errored run's duration is a timeout or a refused connection, not the service's latency.
  const durations = (runs: readonly Observation[]) => runs.filter((r) => r.outcome !== 'error').map((r) => r.durationMs);

  const comparisons: Comparison[] = [
    { ...base, subject: probe, kind: 'pass-rate', critical, baseline: judged(baseline), canary: judged(canary) },
    { ...base, subject: probe, kind: 'transport-error-rate', critical, baseline: errors(baseline), canary: errors(canary) },
    { ...base, subject: probe, kind: 'latency', baseline: durations(baseline), canary: durations(canary), unit: 'ms' },
  ];
  const names = [...new Set([...baseline, ...canary].flatMap((r) => Object.keys(r.measures)))].sort();
  for (const name of names) {
    const judgement = group.measures?.[name] ?? {};
    const values = (runs: readonly Observation[]) =>
      runs.map((r) => r.measures[name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const empties = (runs: readonly Observation[]) => {
      const taken = values(runs);
      return { events: taken.filter((v) => v === 0).length, trials: taken.length };
    };
    const measureCritical = judgement.critical ?? critical;
    comparisons.push(
      { ...base, subject: name, kind: 'empty-rate', critical: measureCritical, baseline: empties(baseline), canary: empties(canary) },
      {
        ...base,
        subject: name,
        kind: 'distribution',
        critical: measureCritical,
        baseline: values(baseline),
        canary: values(canary),
        ...(judgement.badDirection ? { badDirection: judgement.badDirection } : {}),
      },
    );
  }
  return comparisons;
}
