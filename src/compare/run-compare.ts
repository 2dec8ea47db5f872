// `payloadwatch compare` without the command line: run the selected probes × personas on the
// baseline and on the canary in interleaved rounds, throw the warm-up rounds away, and judge.
//
// Retries are off: a canary that fails a third of its runs and passes on a retry would look
// healthy, and that flakiness is exactly what the gate must see.
import pLimit from 'p-limit';
import type { LoadedProbe } from '../config/project.ts';
import type { PersonaDefinition } from '../model/definitions.ts';
import type { RunResult } from '../model/results.ts';
import type { Target } from '../runner/plan.ts';
import { runProbe, type RunEnvironment } from '../runner/run-probe.ts';
import { collectComparisons } from './collect-comparisons.ts';
import { COMPARE_REPORT_VERSION, type CompareGroup, type CompareReport } from './compare-report.ts';
import type { CompareReporter } from './compare-reporter.ts';
import { interleave, otherSide, type ScheduledPair, type Side } from './interleave.ts';
import { judgeCanary } from './judge.ts';
import { resolveJudgeOptions, type JudgeOptions, type JudgeOptionsInput } from './judge-options.ts';
import { summarizeSide } from './side-runs.ts';

/** One probe as one persona: compared on its own. */
export interface CompareUnit {
  probe: LoadedProbe;
  persona: PersonaDefinition;
}

export interface CompareSettings {
  baseline: Target;
  canary: Target;
  units: readonly CompareUnit[];
  /** Judged rounds: runs a side of each probe × persona. */
  runs: number;
  /** Rounds run first and thrown away (connection set-up, caches, JIT). */
  warmup: number;
  seed: number;
  /** Pairs run at once within a round; rounds never overlap. */
  concurrency: number;
  /** Recorded in the report; the exit code is the caller's business. */
  advisory?: boolean;
  judge?: JudgeOptionsInput;
}


export async function runCompare(
  settings: CompareSettings,
  env: RunEnvironment,
  reporter: CompareReporter = {},
): Promise<CompareReport> {
  const judgeOptions = resolveJudgeOptions(settings.judge);
  const startedAt = new Date().toISOString();
  const { units, runs, warmup, seed } = settings;
  const warnings = preflightWarnings(settings, judgeOptions);
  await reporter.onBegin?.({
    startedAt,
    baseline: settings.baseline,
    canary: settings.canary,
    units: units.map(unitNames),
    rounds: runs,
    warmup,
    seed,
    warnings: [...warnings],
  });

  const compareEnv: RunEnvironment = { ...env, overrides: { ...env.overrides, retries: 0 } };
  const targets: Record<Side, Target> = { baseline: settings.baseline, canary: settings.canary };
  const observed = units.map(() => ({ baseline: [] as RunResult[], canary: [] as RunResult[] }));
  const runPair = async ({ unit, first }: ScheduledPair) => {
    const results = {} as Record<Side, RunResult>;
    for (const side of [first, otherSide(first)]) {
      results[side] = await runProbe({ ...units[unit]!, target: targets[side] }, compareEnv);
    }
    return { unit, results };
  };

  const schedule = interleave({ units: units.length, rounds: runs, warmup, seed });
  const limit = pLimit(Math.max(1, settings.concurrency));
  let judgedRounds = 0;
  let interrupted = false;
  for (const round of schedule) {
    if (env.signal?.aborted) {
      interrupted = true;
      break;
    }
    const pairs = await Promise.all(round.pairs.map((pair) => limit(() => runPair(pair))));
    // Runs cut short by the abort errored for a reason of ours, not the targets': the round is dropped.
    if (env.signal?.aborted) {
      interrupted = true;
      break;
    }
    if (!round.warmup) {
      for (const { unit, results } of pairs) {
        observed[unit]!.baseline.push(results.baseline);
        observed[unit]!.canary.push(results.canary);
      }
      judgedRounds += 1;
    }
    await reporter.onRoundEnd?.({ round: round.round, total: schedule.length, warmup: round.warmup });
  }
  if (interrupted) warnings.push(`interrupted: ${judgedRounds} of ${runs} judged rounds completed`);

  const comparisons = units.flatMap((unit, i) =>
    collectComparisons({
      ...unitNames(unit),
      critical: unit.probe.definition.critical ?? false,
      baseline: observed[i]!.baseline,
      canary: observed[i]!.canary,
    }),
  );
  const verdict = judgeCanary(comparisons, judgeOptions);
  const groups: CompareGroup[] = units.map((unit, i) => ({
    ...unitNames(unit),
    critical: unit.probe.definition.critical ?? false,
    baseline: summarizeSide(observed[i]!.baseline),
    canary: summarizeSide(observed[i]!.canary),
  }));
  const report: CompareReport = {
    version: COMPARE_REPORT_VERSION,
    kind: 'compare',
    startedAt,
    finishedAt: new Date().toISOString(),
    baseline: settings.baseline,
    canary: settings.canary,
    seed,
    rounds: judgedRounds,
    warmup,
    verdict: verdict.verdict,
    score: verdict.score,
    personas: verdict.personas,
    reasons: verdict.reasons,
    warnings: [...warnings, ...verdict.warnings],
    options: {
      probes: [...new Set(units.map((u) => u.probe.definition.name))],
      personas: [...new Set(units.map((u) => u.persona.name))],
      concurrency: Math.max(1, settings.concurrency),
      retries: 0,
      advisory: settings.advisory ?? false,
      judge: verdict.options,
    },
    comparisons: verdict.comparisons,
    groups,
    interrupted,
  };
  await reporter.onEnd?.(report);
  return report;
}

function unitNames(unit: CompareUnit): { probe: string; persona: string } {
  return { probe: unit.probe.definition.name, persona: unit.persona.name };
}

/** What is wrong with the comparison before it starts; it runs anyway and the verdict says the rest. */
function preflightWarnings(settings: CompareSettings, judge: JudgeOptions): string[] {
  const warnings: string[] = [];
  if (sameUrl(settings.baseline.url, settings.canary.url)) {
    warnings.push(`baseline and canary are the same URL (${settings.canary.url}): the comparison says nothing about a release`);
  }
  if (settings.runs < judge.minSamplesPerSide) {
    warnings.push(
      `${settings.runs} rounds are fewer than the ${judge.minSamplesPerSide} runs a side the judge needs: the verdict will be INCONCLUSIVE`,
    );
  }
  return warnings;
}

function sameUrl(a: string, b: string): boolean {
  const normal = (url: string) => {
    try {
      return new URL(url).href.replace(/\/+$/, '');
    } catch {
      return url.replace(/\/+$/, '');
    }
  };
  return normal(a) === normal(b);
}
