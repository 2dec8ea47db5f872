import { describe, expect, it } from 'vitest';
import { collectComparisons } from '../../src/compare/collect-comparisons.ts';
import { runs } from './runs.ts';

describe('collectComparisons', () => {
  const baseline = runs(4, (i) => ({ recommendations: i }));
  const canary = [
    ...runs(2, () => ({ outcome: 'fail', recommendations: 0, durationMs: 90 })),
    ...runs(1, () => ({ outcome: 'error', durationMs: 10_000 })),
    ...runs(1, () => ({ recommendations: 3, durationMs: 95 })),
  ];

  it('compares the pass rate, transport errors, latency, and each measure’s empty rate and distribution', () => {
    const comparisons = collectComparisons({
      probe: 'recommendations-api',
      persona: 'new-user',
      critical: true,
      baseline,
      canary,
      measures: { recommendations: { badDirection: 'lower' } },
    });
    const common = { probe: 'recommendations-api', persona: 'new-user' };
    expect(comparisons).toEqual([
      // Errors are not judged runs: 1 pass of 3 judged in the canary.
      { ...common, subject: 'recommendations-api', kind: 'pass-rate', critical: true, baseline: { events: 4, trials: 4 }, canary: { events: 1, trials: 3 } },
      { ...common, subject: 'recommendations-api', kind: 'transport-error-rate', critical: true, baseline: { events: 0, trials: 4 }, canary: { events: 1, trials: 4 } },
      // An errored run's duration is not the service's latency; latency is never critical by itself.
      { ...common, subject: 'recommendations-api', kind: 'latency', baseline: [100, 107, 114, 121], canary: [90, 90, 95], unit: 'ms' },
      { ...common, subject: 'recommendations', kind: 'empty-rate', critical: true, baseline: { events: 1, trials: 4 }, canary: { events: 2, trials: 3 } },
      { ...common, subject: 'recommendations', kind: 'distribution', critical: true, baseline: [0, 1, 2, 3], canary: [0, 0, 3], badDirection: 'lower' },
    ]);
  });

  it('lets a measure override the probe’s criticality, and leaves its direction open by default', () => {
    const comparisons = collectComparisons({
      probe: 'p',
      persona: 'q',
      critical: true,
      baseline,
      canary,
      measures: { recommendations: { critical: false } },
    });
    const distribution = comparisons.find((c) => c.kind === 'distribution')!;
    expect(distribution.critical).toBe(false);
    expect(distribution.badDirection).toBeUndefined();
  });
});
