import { describe, expect, it } from 'vitest';
import { collectComparisons, type ProbePersonaRuns } from '../../src/compare/collect-comparisons.ts';
import type { Comparison } from '../../src/compare/comparison.ts';
import { judgeCanary } from '../../src/compare/judge.ts';
import { DEFAULT_JUDGE_OPTIONS, InvalidJudgeOptionsError, resolveJudgeOptions } from '../../src/compare/judge-options.ts';
import { healthy, runs } from './runs.ts';

const recommendations = (group: Omit<ProbePersonaRuns, 'probe' | 'measures'>) =>
  collectComparisons({ probe: 'recommendations-api', measures: { recommendations: { badDirection: 'lower' } }, ...group });

describe('judgeCanary verdicts', () => {
  it('PASS when nothing changed', () => {
    const verdict = judgeCanary([
      ...recommendations({ persona: 'new-user', baseline: healthy(), canary: healthy() }),
      ...recommendations({ persona: 'returning-buyer', baseline: healthy(), canary: healthy() }),
    ]);
    expect(verdict.verdict).toBe('PASS');
    expect(verdict.score).toBe(100);
    expect(verdict.reasons).toEqual(['all 10 comparisons pass (score 100)']);
    expect(verdict.warnings).toEqual([]);
    expect(verdict.comparisons.every((c) => c.classification === 'pass')).toBe(true);
  });

  it('FAIL when the empty rate jumps, naming the persona, the measure and the change', () => {
    // The silent crash: 200 OK with an empty list for every new user; no check catches it.
    const verdict = judgeCanary([
      ...recommendations({ persona: 'new-user', baseline: healthy(), canary: runs(10, () => ({ recommendations: 0 })) }),
      ...recommendations({ persona: 'returning-buyer', baseline: healthy(), canary: healthy() }),
    ]);
    expect(verdict.verdict).toBe('FAIL');
    expect(verdict.personas).toEqual([
      { persona: 'new-user', score: 60, weight: 1, passed: 3, failed: 2, noData: 0 },
      { persona: 'returning-buyer', score: 100, weight: 1, passed: 5, failed: 0, noData: 0 },
    ]);
    // The mean over personas (80) would look marginal: each persona is judged on its own.
    expect(verdict.score).toBe(80);
    expect(verdict.reasons).toEqual([
      'new-user: score 60 is below 75',
      'new-user recommendations: empty rate 0% → 100%, p < 0.001',
      'new-user recommendations: median 6 → 0 (shift -6, -100%), p < 0.001',
    ]);
    const empty = verdict.comparisons.find((c) => c.persona === 'new-user' && c.kind === 'empty-rate')!;
    expect(empty).toMatchObject({
      classification: 'high',
      changed: 'higher',
      largeEnough: true,
      baseline: { n: 10, events: 0, rate: 0 },
      canary: { n: 10, events: 10, rate: 1 },
      difference: 1,
    });
    // 0 of 10 against 10 of 10: 2 / C(20, 10); the smallest of the run's 10 p-values, so BH multiplies it by 10.
    expect(empty.pValue).toBeCloseTo(2 / 184756, 15);
    expect(empty.adjustedPValue).toBeCloseTo(10 * (2 / 184756), 15);
  });
});

describe('judgeCanary: INCONCLUSIVE, never PASS by default', () => {
  it('too few samples on a side', () => {
    const verdict = judgeCanary(recommendations({ persona: 'new-user', baseline: healthy(4), canary: healthy(10) }));
    expect(verdict.verdict).toBe('INCONCLUSIVE');
    expect(verdict.reasons).toContain(
      'new-user recommendations-api: pass rate: too few samples (baseline 4, canary 10; at least 10 a side)',
    );
    expect(verdict.comparisons.every((c) => c.classification === 'nodata' && c.adjustedPValue === null)).toBe(true);
    expect(verdict.score).toBeNull();
    expect(verdict.reasons).toContain('no comparison could be judged');
  });

  it('a side with no data at all (a measure the canary never took)', () => {
    const verdict = judgeCanary(
      recommendations({ persona: 'new-user', baseline: healthy(), canary: runs(10, () => ({})) }),
    );
    expect(verdict.verdict).toBe('INCONCLUSIVE');
    expect(verdict.reasons).toEqual([
      'new-user recommendations: empty rate: no data (baseline 10, canary 0)',
      'new-user recommendations: median: no data (baseline 10, canary 0)',
    ]);
  });

  it('an unstable baseline: it fails its own checks', () => {
    const flaky = runs(10, (i) => ({ outcome: i % 5 < 2 ? 'fail' : 'pass', recommendations: 5 }));
    const verdict = judgeCanary(recommendations({ persona: 'new-user', baseline: flaky, canary: flaky }));
    expect(verdict.verdict).toBe('INCONCLUSIVE');
    expect(verdict.reasons).toEqual([
      'new-user recommendations-api: unstable baseline: it passes 60% of its runs (at least 90% needed)',
    ]);
  });

  it('an unstable baseline: its latency varies more than its median', () => {
    // Quartiles (R's type 7) 61.25 and 850, median 77.5.
    const noisy = runs(10, (i) => ({ durationMs: [40, 900, 60, 1200, 80, 75, 1500, 50, 700, 65][i]!, recommendations: 5 }));
    const verdict = judgeCanary(recommendations({ persona: 'new-user', baseline: noisy, canary: healthy() }));
    expect(verdict.verdict).toBe('INCONCLUSIVE');
    expect(verdict.reasons).toEqual([
      'new-user recommendations-api: unstable baseline: interquartile range 789 ms is 10.2× the median 77.5 ms (at most 1× allowed)',
    ]);
  });

  it('a stable baseline: a spread wider than its median but below the smallest latency shift that can fail', () => {
    // Runs of a few milliseconds: quartiles 2.25 and 7.5 around a median of 4.5 are relatively wide, yet 5.25 ms cannot hide a 50 ms regression.
    const quick = runs(10, (i) => ({ durationMs: [2, 9, 2, 5, 3, 14, 4, 2, 8, 6][i]!, recommendations: 5 }));
    const verdict = judgeCanary(recommendations({ persona: 'new-user', baseline: quick, canary: quick }));
    expect(verdict.comparisons.find((c) => c.kind === 'latency')!.baseline).toEqual({ n: 10, q1: 2.25, median: 4.5, q3: 7.5 });
    expect(verdict.verdict).toBe('PASS');
    const slowSpread = quick.map((run) => ({ ...run, durationMs: run.durationMs * 10 }));
    expect(judgeCanary(recommendations({ persona: 'new-user', baseline: slowSpread, canary: slowSpread })).reasons).toEqual([
      'new-user recommendations-api: unstable baseline: interquartile range 52.5 ms is 1.17× the median 45 ms (at most 1× allowed)',
    ]);
  });

  it('a marginal score: one of five comparisons regressed, not critical', () => {
    const slow = healthy().map((run) => ({ ...run, durationMs: run.durationMs * 2 }));
    const verdict = judgeCanary(recommendations({ persona: 'new-user', baseline: healthy(), canary: slow }));
    expect(verdict.verdict).toBe('INCONCLUSIVE');
    expect(verdict.score).toBe(80);
    expect(verdict.reasons).toEqual([
      'new-user: score 80 is between 75 and 95',
      'new-user recommendations-api: latency median 113 ms → 226 ms (shift +112 ms, +99%), p < 0.001',
    ]);
  });

  it('nothing to compare', () => {
    expect(judgeCanary([]).verdict).toBe('INCONCLUSIVE');
    expect(judgeCanary([]).reasons).toEqual(['nothing to compare']);
  });
});

describe('judgeCanary: critical comparisons fail on their own', () => {
  // Twenty passing comparisons around one critical one keep the score above 95.
  const bystanders = (persona: string): Comparison[] =>
    Array.from({ length: 20 }, (_, i) => ({
      persona,
      probe: 'catalogue',
      subject: `field-${i}`,
      kind: 'empty-rate' as const,
      baseline: { events: 0, trials: 10 },
      canary: { events: 0, trials: 10 },
    }));

  it('a critical measure that regressed fails the canary despite a passing score', () => {
    const verdict = judgeCanary([
      ...bystanders('returning-buyer'),
      {
        persona: 'returning-buyer',
        probe: 'checkout',
        subject: 'order-total',
        kind: 'distribution',
        critical: true,
        badDirection: 'lower',
        baseline: [100, 102, 98, 101, 99, 103, 97, 100, 104, 96],
        canary: [50, 51, 49, 50, 52, 48, 50, 51, 49, 50],
      },
    ]);
    expect(verdict.score).toBeCloseTo(95.24, 2);
    expect(verdict.verdict).toBe('FAIL');
    // One clear change among 21 comparisons: BH multiplies its p-value by 21.
    expect(verdict.reasons).toEqual([
      'returning-buyer order-total: median 100 → 50 (shift -50, -50%), p = 0.004 (critical)',
    ]);
  });

  it('a canary that breaks a critical check fails even where statistics cannot tell (3 of 10 runs)', () => {
    // The calibration case: 30% of new users get [] and the probe's nonEmpty rule fails.
    const canary = runs(10, (i) => (i % 10 < 3 ? { outcome: 'fail', recommendations: 0 } : { recommendations: 5 + (i % 3) }));
    const verdict = judgeCanary(recommendations({ persona: 'new-user', critical: true, baseline: healthy(), canary }));
    const passRate = verdict.comparisons.find((c) => c.kind === 'pass-rate')!;
    expect(passRate.classification).toBe('pass'); // 10/10 against 7/10 is not significant
    expect(verdict.verdict).toBe('FAIL');
    expect(verdict.reasons).toEqual([
      'new-user recommendations-api: canary failed critical checks in 3 of 10 runs (baseline 0 of 10)',
    ]);
  });

  it('a canary that breaks a critical check fails even when the baseline is broken too', () => {
    const broken = runs(10, () => ({ outcome: 'fail', recommendations: 0 }));
    const verdict = judgeCanary(recommendations({ persona: 'new-user', critical: true, baseline: broken, canary: broken }));
    expect(verdict.verdict).toBe('FAIL');
    expect(verdict.reasons).toEqual([
      'new-user recommendations-api: canary failed critical checks in 10 of 10 runs (baseline 10 of 10)',
    ]);
    expect(verdict.warnings).toEqual([
      'new-user recommendations-api: unstable baseline: it passes 0% of its runs (at least 90% needed)',
    ]);
  });

  it('transport errors are counted apart from content failures', () => {
    const unreachable = runs(10, (i) => (i < 6 ? { outcome: 'error', durationMs: 10_000 } : { recommendations: 6 }));
    const verdict = judgeCanary(recommendations({ persona: 'new-user', critical: true, baseline: healthy(), canary: unreachable }));
    const byKind = Object.fromEntries(verdict.comparisons.filter((c) => c.subject === 'recommendations-api').map((c) => [c.kind, c]));
    expect(byKind['pass-rate']).toMatchObject({ canary: { n: 4, events: 4, rate: 1 }, classification: 'nodata' });
    expect(byKind['transport-error-rate']).toMatchObject({ canary: { n: 10, events: 6 }, classification: 'high' });
    expect(byKind['latency']!.canary.n).toBe(4);
    expect(verdict.verdict).toBe('FAIL');
    // Fisher: the tables with 0 or 6 errors among the canary's 10 are equally unlikely, 2 · C(10, 6) / C(20, 6).
    expect(byKind['transport-error-rate']!.pValue).toBeCloseTo((2 * 210) / 38760, 14);
    expect(verdict.reasons[0]).toBe('new-user recommendations-api: transport errors 0% → 60%, p = 0.011 (critical)');
  });
});

describe('judgeCanary: the gate needs significance, size and a bad direction', () => {
  const pair = (kind: 'empty-rate', baseline: number, canary: number, trials = 10): Comparison => ({
    persona: 'new-user',
    probe: 'recommendations-api',
    subject: 'recommendations',
    kind,
    baseline: { events: baseline, trials },
    canary: { events: canary, trials },
  });

  it('a change in the harmless direction passes, with a warning', () => {
    const verdict = judgeCanary([pair('empty-rate', 10, 0)]);
    expect(verdict.verdict).toBe('PASS');
    expect(verdict.comparisons[0]).toMatchObject({ classification: 'pass', changed: 'lower' });
    expect(verdict.warnings).toEqual(['new-user recommendations: empty rate 100% → 0%, p < 0.001 (not a regression)']);
  });

  it('a large effect without significance passes (0 of 10 against 3 of 10)', () => {
    const result = judgeCanary([pair('empty-rate', 0, 3)]).comparisons[0]!;
    expect(result.largeEnough).toBe(true);
    expect(result.pValue).toBeCloseTo(0.2105263, 7);
    expect(result.classification).toBe('pass');
  });

  it('a significant change smaller than the minimum effect passes', () => {
    // 1000 runs a side: 2% → 6% is clear (p < 0.001) but under 10 percentage points.
    const result = judgeCanary([pair('empty-rate', 20, 60, 1000)]).comparisons[0]!;
    expect(result.adjustedPValue!).toBeLessThan(0.001);
    expect(result.largeEnough).toBe(false);
    expect(result.classification).toBe('pass');
    expect(judgeCanary([pair('empty-rate', 20, 60, 1000)], { minDifference: { 'empty-rate': 0.03 } }).verdict).toBe('FAIL');
  });

  it('a latency shift must pass both the relative and the absolute minimum', () => {
    const base = [100, 104, 98, 101, 99, 103, 97, 100, 102, 96];
    const latency = (canary: number[]): Comparison => ({ persona: 'p', probe: 'x', subject: 'x', kind: 'latency', baseline: base, canary });
    // +30% but only +30 ms: below the 50 ms minimum.
    expect(judgeCanary([latency(base.map((v) => v * 1.3))]).comparisons[0]!.classification).toBe('pass');
    // +60%, +60 ms: a regression.
    expect(judgeCanary([latency(base.map((v) => v * 1.6))]).comparisons[0]!.classification).toBe('high');
    // Faster is never a latency regression.
    expect(judgeCanary([latency(base.map((v) => v * 0.4))]).comparisons[0]!.classification).toBe('pass');
  });

  it('a measure that may move either way fails both ways; from a zero baseline only the absolute minimum applies', () => {
    const zero = Array.from({ length: 10 }, () => 0);
    const three = Array.from({ length: 10 }, (_, i) => 3 + (i % 2));
    const measure = (baseline: number[], canary: number[]): Comparison => ({
      persona: 'p',
      probe: 'x',
      subject: 'banners',
      kind: 'distribution',
      baseline,
      canary,
    });
    const up = judgeCanary([measure(zero, three)]).comparisons[0]!;
    expect(up).toMatchObject({ classification: 'high', shift: { relative: null } });
    expect(up.summary).toBe('p banners: median 0 → 3.5 (shift +3.5, from 0), p < 0.001');
    expect(judgeCanary([measure(three, zero)]).comparisons[0]!.classification).toBe('low');
  });
});

describe('judgeCanary output', () => {
  it('is plain JSON: it survives a round trip unchanged', () => {
    const verdict = judgeCanary([
      ...recommendations({ persona: 'new-user', baseline: healthy(), canary: runs(10, () => ({ recommendations: 0 })) }),
      ...recommendations({ persona: 'returning-buyer', baseline: healthy(4), canary: healthy() }),
    ]);
    expect(JSON.parse(JSON.stringify(verdict))).toEqual(verdict);
  });

  it('weights comparisons within a persona and personas in the overall score', () => {
    const comparison = (persona: string, subject: string, canaryEvents: number, weight?: number): Comparison => ({
      persona,
      probe: 'x',
      subject,
      kind: 'empty-rate',
      baseline: { events: 0, trials: 10 },
      canary: { events: canaryEvents, trials: 10 },
      ...(weight ? { weight } : {}),
    });
    const verdict = judgeCanary(
      [comparison('a', 'broken', 10, 3), comparison('a', 'fine', 0), comparison('b', 'fine', 0)],
      { personaWeights: { b: 3 } },
    );
    expect(verdict.personas.map((p) => [p.persona, p.score])).toEqual([
      ['a', 25],
      ['b', 100],
    ]);
    expect(verdict.score).toBe(81.25);
    expect(verdict.verdict).toBe('FAIL');
  });
});

describe('judge options', () => {
  it('merges a partial input over the defaults', () => {
    const options = resolveJudgeOptions({ alpha: 0.01, minRelativeShift: { latency: 0.5 } });
    expect(options.alpha).toBe(0.01);
    expect(options.minRelativeShift).toEqual({ distribution: 0.2, latency: 0.5 });
    expect(options.minDifference).toEqual(DEFAULT_JUDGE_OPTIONS.minDifference);
  });

  it('names the option that is out of range', () => {
    expect(() => resolveJudgeOptions({ alpha: 1 })).toThrow(new InvalidJudgeOptionsError('alpha', 1, 'between 0 and 1 (exclusive)'));
    expect(() => resolveJudgeOptions({ marginalScore: 99 })).toThrow('marginalScore: 99 is not between 0 and passScore (95) <= 100');
    expect(() => resolveJudgeOptions({ minSamplesPerSide: 0 })).toThrow('minSamplesPerSide: 0 is not a whole number of at least 1');
  });
});
