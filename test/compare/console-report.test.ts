import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectComparisons, type Observation } from '../../src/compare/collect-comparisons.ts';
import type { CompareBeginInfo } from '../../src/compare/compare-reporter.ts';
import type { CompareReport, SideRuns } from '../../src/compare/compare-report.ts';
import { CompareConsoleReporter } from '../../src/compare/console-report.ts';
import { judgeCanary } from '../../src/compare/judge.ts';
import { healthy, runs } from './runs.ts';

function capture(isTTY = false) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean };
  stream.isTTY = isTTY;
  let text = '';
  stream.on('data', (chunk) => (text += chunk));
  return { stream, text: () => text };
}

const side = (runs: number, failed = 0, failures: SideRuns['failures'] = []): SideRuns => ({
  runs,
  passed: runs - failed,
  failed,
  errored: 0,
  failures,
});

const begin: CompareBeginInfo = {
  startedAt: '2030-01-10T00:00:00.000Z',
  baseline: { name: 'stable', url: 'https://stable.example.com' },
  canary: { name: 'canary.example.com', url: 'https://canary.example.com' },
  units: [
    { probe: 'recommendations', persona: 'new-user' },
    { probe: 'recommendations', persona: 'returning-buyer' },
  ],
  rounds: 10,
  warmup: 2,
  seed: 42,
  warnings: [],
};

function report(groups: Array<{ persona: string; baseline: Observation[]; canary: Observation[]; canarySide?: SideRuns }>, extra: Partial<CompareReport> = {}): CompareReport {
  const comparisons = groups.flatMap((g) =>
    collectComparisons({ probe: 'recommendations', persona: g.persona, critical: true, baseline: g.baseline, canary: g.canary }),
  );
  const verdict = judgeCanary(comparisons);
  return {
    version: 1,
    kind: 'compare',
    startedAt: begin.startedAt,
    finishedAt: '2030-01-10T00:00:05.000Z',
    baseline: begin.baseline,
    canary: begin.canary,
    seed: 42,
    rounds: 10,
    warmup: 2,
    verdict: verdict.verdict,
    score: verdict.score,
    personas: verdict.personas,
    reasons: verdict.reasons,
    warnings: verdict.warnings,
    options: { probes: ['recommendations'], personas: groups.map((g) => g.persona), concurrency: 1, retries: 0, advisory: false, judge: verdict.options },
    comparisons: verdict.comparisons,
    groups: groups.map((g) => ({
      probe: 'recommendations',
      persona: g.persona,
      critical: true,
      baseline: side(g.baseline.length),
      canary: g.canarySide ?? side(g.canary.length),
    })),
    interrupted: false,
    ...extra,
  };
}

const emptyForNewUsers = () => runs(10, () => ({ outcome: 'fail', recommendations: 0 }));
const EMPTY_FAILURE = {
  check: 'recommendations are never empty',
  kind: 'rule' as const,
  outcome: 'fail' as const,
  step: 'get recommendations',
  runs: 10,
  message: 'expected a non-empty array at $.items, got []',
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('CompareConsoleReporter', () => {
  it('prints what changed, the broken runs, the scores, the reasons and the verdict', () => {
    const out = capture();
    const reporter = new CompareConsoleReporter(out.stream);
    reporter.onBegin(begin);
    reporter.onEnd(
      report([
        { persona: 'new-user', baseline: healthy(), canary: emptyForNewUsers(), canarySide: side(10, 10, [EMPTY_FAILURE]) },
        { persona: 'returning-buyer', baseline: healthy(), canary: healthy() },
      ]),
    );
    expect(out.text()).toBe(
      [
        'payloadwatch compare: baseline stable (https://stable.example.com), canary https://canary.example.com',
        '2 probe × persona pairs, 10 rounds after 2 warm-up rounds, seed 42, retries off',
        '',
        'What changed (3 of 10 comparisons):',
        '  probe · persona             metric                      baseline → canary  effect      adjusted p  classification',
        '  recommendations · new-user  pass rate                   100% → 0%          -100 pp     p < 0.001   low, critical',
        '  recommendations · new-user  recommendations empty rate  0% → 100%          +100 pp     p < 0.001   high, critical',
        '  recommendations · new-user  recommendations median      6 → 0              -6 (-100%)  p < 0.001   low, critical',
        '',
        'Runs that did not pass:',
        '  recommendations · new-user on the canary: 10 failed of 10 runs',
        '    rule "recommendations are never empty" failed in 10 runs: expected a non-empty array at $.items, got []',
        '',
        'Scores: new-user 40, returning-buyer 100 (overall 70)',
        '',
        'Reasons:',
        '  - new-user recommendations: canary failed critical checks in 10 of 10 runs (baseline 0 of 10)',
        '  - new-user recommendations: empty rate 0% → 100%, p < 0.001 (critical)',
        '  - new-user recommendations: median 6 → 0 (shift -6, -100%), p < 0.001 (critical)',
        '  - new-user: score 40 is below 75',
        '',
        'FAIL: the canary regressed',
        '',
      ].join('\n'),
    );
  });

  it('says when nothing changed, and that an advisory gate lets the release through', () => {
    const out = capture();
    const reporter = new CompareConsoleReporter(out.stream);
    const passing = report([{ persona: 'new-user', baseline: healthy(), canary: healthy() }]);
    reporter.onEnd({ ...passing, options: { ...passing.options, advisory: true } });
    expect(out.text()).toBe(
      [
        '',
        'Nothing changed significantly (5 comparisons).',
        '',
        'Scores: new-user 100 (overall 100)',
        '',
        'Reasons:',
        '  - all 5 comparisons pass (score 100)',
        '',
        'PASS: the canary is no worse than the baseline (advisory: the gate lets the release through anyway)',
        '',
      ].join('\n'),
    );
  });

  it('counts comparisons without enough samples instead of naming each, and prints warnings known at the start once', () => {
    const out = capture();
    const reporter = new CompareConsoleReporter(out.stream);
    const early = '3 rounds are fewer than the 10 runs a side the judge needs: the verdict will be INCONCLUSIVE';
    reporter.onBegin({ ...begin, rounds: 3, warnings: [early] });
    const few = report(
      [
        { persona: 'new-user', baseline: healthy(3), canary: healthy(3) },
        { persona: 'returning-buyer', baseline: healthy(3), canary: healthy(3) },
      ],
      { rounds: 3 },
    );
    reporter.onEnd({ ...few, warnings: [early, ...few.warnings] });
    expect(out.text()).toContain(`seed 42, retries off\nwarning: ${early}\n`);
    expect(out.text().split(early)).toHaveLength(2);
    expect(out.text()).toContain(
      [
        'Scores: new-user n/a, returning-buyer n/a (overall n/a)',
        '',
        'Reasons:',
        '  - 10 comparisons: too few samples (baseline 3, canary 3; at least 10 a side)',
        '  - no comparison could be judged',
        '',
        'INCONCLUSIVE: not enough evidence to pass or fail the canary',
      ].join('\n'),
    );
  });

  it('shows the pass rate of a critical probe whose canary broke its checks, even when the change is not significant', () => {
    const out = capture();
    const canary = runs(10, (i) => (i < 3 ? { outcome: 'fail', recommendations: 0 } : { recommendations: 5 + (i % 3) }));
    new CompareConsoleReporter(out.stream).onEnd(
      report([{ persona: 'new-user', baseline: healthy(), canary, canarySide: side(10, 3, [{ ...EMPTY_FAILURE, runs: 3 }]) }]),
    );
    expect(out.text()).toContain(
      [
        'What changed (1 of 5 comparisons):',
        '  probe · persona             metric     baseline → canary  effect  adjusted p  classification',
        '  recommendations · new-user  pass rate  100% → 70%         -30 pp  p = 0.372   pass, critical',
      ].join('\n'),
    );
    expect(out.text()).toContain('  recommendations · new-user on the canary: 3 failed of 10 runs\n');
    expect(out.text()).toMatch(/\nFAIL: the canary regressed\n$/);
  });

  it('colours the verdict and the regressions on a terminal, unless NO_COLOR is set', () => {
    vi.stubEnv('NO_COLOR', '');
    const tty = capture(true);
    new CompareConsoleReporter(tty.stream).onEnd(report([{ persona: 'new-user', baseline: healthy(), canary: emptyForNewUsers() }]));
    expect(tty.text()).toContain('\u001b[31mFAIL: the canary regressed\u001b[39m');
    expect(tty.text()).toContain('  \u001b[31mrecommendations · new-user  recommendations empty rate');
    vi.stubEnv('NO_COLOR', '1');
    const plain = capture(true);
    new CompareConsoleReporter(plain.stream).onEnd(report([{ persona: 'new-user', baseline: healthy(), canary: emptyForNewUsers() }]));
    expect(plain.text()).not.toContain('\u001b[');
  });
});
