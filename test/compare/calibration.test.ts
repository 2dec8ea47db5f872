// Calibration of the canary gate on the demo shop, in-process: how often does it fail a
// healthy canary (A/A), and how often does it catch a canary that gives 30% of new users an
// empty list, with 10 runs a side? The rule that decides the second is "a critical probe's
// checks must pass in every canary run": no two-sample test can tell 3 of 10 from 0 of 10
// (Fisher: p = 0.21), but one broken run of 10 is missed only with probability 0.7^10 ≈ 2.8%.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareReport } from '../../src/compare/compare-report.ts';
import { runCompare, type CompareUnit } from '../../src/compare/run-compare.ts';
import type { Verdict } from '../../src/compare/verdict.ts';
import { startShop, type ShopOptions } from '../../src/demo/shop.ts';
import type { RunEnvironment } from '../../src/runner/run-probe.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import { newUser } from '../../probes/personas.ts';
import recommendations from '../../probes/recommendations.probe.ts';
import { loadedProbe, repoSchemas, runEnv } from '../support/runner-fixtures.ts';

const TRIALS = 100;
const RUNS = 10;
const EMPTY_SHARE = 0.3;

const unit: CompareUnit = { probe: loadedProbe(recommendations), persona: newUser };
let env: RunEnvironment;

beforeAll(async () => {
  env = runEnv({ schemas: await repoSchemas() });
});
afterAll(async () => {
  await closeHttpClient();
});

/** One seeded trial: fresh shops, so a trial's outcome depends on its seed alone. */
async function trial(seed: number, canaryShop: ShopOptions): Promise<CompareReport> {
  const baseline = await startShop();
  const canary = await startShop({ ...canaryShop, seed });
  try {
    return await runCompare(
      {
        baseline: { name: 'baseline', url: baseline.url },
        canary: { name: 'canary', url: canary.url },
        units: [unit],
        runs: RUNS,
        warmup: 2,
        seed,
        concurrency: 1,
      },
      env,
    );
  } finally {
    await Promise.all([baseline.close(), canary.close()]);
  }
}

async function trials(canaryShop: ShopOptions): Promise<CompareReport[]> {
  const reports: CompareReport[] = [];
  for (let seed = 1; seed <= TRIALS; seed += 1) reports.push(await trial(seed, canaryShop));
  return reports;
}

function tally(reports: readonly CompareReport[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { PASS: 0, FAIL: 0, INCONCLUSIVE: 0 };
  for (const report of reports) counts[report.verdict] += 1;
  return counts;
}

describe('calibration: recommendations × new-user, 10 runs a side, 100 seeded trials each', () => {
  it('A/A: a healthy canary against a healthy baseline fails in at most 2% of trials', async () => {
    const reports = await trials({});
    const counts = tally(reports);
    console.log(`A/A: FAIL in ${counts.FAIL} of ${TRIALS} trials (${(100 * counts.FAIL) / TRIALS}%); verdicts ${JSON.stringify(counts)}`);
    expect(counts.FAIL / TRIALS).toBeLessThanOrEqual(0.02);
    expect(reports.every((r) => r.rounds === RUNS && r.groups[0]!.canary.runs === RUNS)).toBe(true);
  });

  it('30% of new users get [] on the canary: FAIL in at least 95% of trials, exactly when a canary run broke the rule', async () => {
    const reports = await trials({ faults: ['empty-recs-new-users'], faultShares: { 'empty-recs-new-users': EMPTY_SHARE } });
    const counts = tally(reports);
    const emptyRuns = reports.reduce((sum, r) => sum + r.groups[0]!.canary.failed, 0);
    console.log(
      `30% empty share: FAIL in ${counts.FAIL} of ${TRIALS} trials (${(100 * counts.FAIL) / TRIALS}%); verdicts ${JSON.stringify(counts)}; ` +
        `canary runs with [] ${emptyRuns} of ${TRIALS * RUNS}`,
    );
    expect(counts.FAIL / TRIALS).toBeGreaterThanOrEqual(0.95);
    // The fault does reach about 30% of new users, decided per user.
    expect(emptyRuns / (TRIALS * RUNS)).toBeGreaterThan(0.25);
    expect(emptyRuns / (TRIALS * RUNS)).toBeLessThan(0.35);
    for (const report of reports) {
      const broken = report.groups[0]!.canary.failed;
      expect(report.verdict === 'FAIL').toBe(broken > 0);
      if (broken > 0) {
        expect(report.reasons[0]).toBe(`new-user recommendations: canary failed critical checks in ${broken} of ${RUNS} runs (baseline 0 of ${RUNS})`);
      }
    }
  });
});
