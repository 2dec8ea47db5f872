// The canary judge: every comparison of a run is tested, the p-values adjusted together,
// each comparison classified, the classifications scored per persona (Kayenta's
// NetflixACAJudge), and the run given a verdict with its reasons.
//
// Precedence: FAIL > INCONCLUSIVE > PASS. A canary is never passed by default: a verdict
// is PASS only when every comparison could be judged on enough samples, against a stable
// baseline, and every persona's score reaches the pass threshold. Kayenta thresholds the
// weighted mean of its groups; here each persona is held to the thresholds on its own,
// because failures hide in segments: one broken persona averaged with healthy ones would
// look marginal.
import { analyseComparison, type Analysis } from './analyse-comparison.ts';
import { baselineInstability } from './baseline-stability.ts';
import { benjaminiHochberg } from './benjamini-hochberg.ts';
import { classify, isBadChange } from './classify.ts';
import type { Comparison } from './comparison.ts';
import { comparisonName, countOf } from './describe-comparison.ts';
import { resolveJudgeOptions, type JudgeOptions, type JudgeOptionsInput } from './judge-options.ts';
import { overallScore, personaScores } from './score.ts';
import type { CanaryVerdict, ComparisonResult, PersonaScore, RateComparisonResult, Verdict } from './verdict.ts';

export function judgeCanary(comparisons: readonly Comparison[], input: JudgeOptionsInput = {}): CanaryVerdict {
  const options = resolveJudgeOptions(input);
  const analyses = comparisons.map((comparison) => analyseComparison(comparison, options));
  const judged = analyses.filter((analysis) => analysis.samples === 'enough');
  // One family: every comparison judged in this run, whatever its persona or kind.
  const adjusted = new Map<Analysis, number>(
    benjaminiHochberg(judged.map((analysis) => analysis.result.pValue!)).map((p, i) => [judged[i]!, p]),
  );
  const results = analyses.map((analysis) => classify(analysis, adjusted.get(analysis) ?? null, options));
  const personas = personaScores(results, options.personaWeights);
  const score = overallScore(personas);

  const fail = failReasons(results, personas, options);
  const inconclusive = inconclusiveReasons(results, analyses, personas, options);
  const verdict: Verdict = fail.length > 0 ? 'FAIL' : inconclusive.length > 0 ? 'INCONCLUSIVE' : 'PASS';
  const reasons = verdict === 'FAIL' ? fail : verdict === 'INCONCLUSIVE' ? inconclusive : passReasons(results, score);
  const warnings = [...(verdict === 'FAIL' ? inconclusive : []), ...otherChanges(results, reasons)];
  return { verdict, score, personas, comparisons: results, reasons, warnings, options };
}

function regressed(result: ComparisonResult): boolean {
  return result.classification === 'high' || result.classification === 'low';
}

/** A critical probe's checks must pass in every canary run, whatever the baseline did. */
function brokeCriticalChecks(result: ComparisonResult): result is RateComparisonResult {
  return result.critical && result.kind === 'pass-rate' && result.canary.n > 0 && result.canary.events < result.canary.n;
}

function failReasons(
  results: readonly ComparisonResult[],
  personas: readonly PersonaScore[],
  options: JudgeOptions,
): string[] {
  const reasons: string[] = [];
  for (const result of results.filter(brokeCriticalChecks)) {
    const { canary, baseline } = result;
    const failedRuns = countOf(canary.n - canary.events, canary.n);
    const baselineRuns = baseline.n > 0 ? `baseline ${countOf(baseline.n - baseline.events, baseline.n)}` : 'no judged baseline runs';
    reasons.push(`${comparisonName(result)}: canary failed critical checks in ${failedRuns} runs (${baselineRuns})`);
  }
  for (const result of results) {
    if (result.critical && regressed(result) && !brokeCriticalChecks(result)) reasons.push(`${result.summary} (critical)`);
  }
  for (const persona of personas) {
    if (persona.score === null || persona.score >= options.marginalScore) continue;
    reasons.push(`${persona.persona}: score ${persona.score} is below ${options.marginalScore}`);
    reasons.push(...regressedNonCritical(results, persona.persona));
  }
  return reasons;
}

function inconclusiveReasons(
  results: readonly ComparisonResult[],
  analyses: readonly Analysis[],
  personas: readonly PersonaScore[],
  options: JudgeOptions,
): string[] {
  if (results.length === 0) return ['nothing to compare'];
  const reasons = results.filter((_, i) => analyses[i]!.samples !== 'enough').map((r) => r.summary);
  for (const result of results) {
    if (result.classification === 'nodata') continue;
    const instability = baselineInstability(result, options);
    if (instability) reasons.push(instability);
  }
  if (personas.every((persona) => persona.score === null)) reasons.push('no comparison could be judged');
  for (const persona of personas) {
    if (persona.score === null || persona.score < options.marginalScore || persona.score >= options.passScore) continue;
    reasons.push(`${persona.persona}: score ${persona.score} is between ${options.marginalScore} and ${options.passScore}`);
    reasons.push(...regressedNonCritical(results, persona.persona));
  }
  return reasons;
}

function regressedNonCritical(results: readonly ComparisonResult[], persona: string): string[] {
  return results.filter((r) => r.persona === persona && regressed(r) && !r.critical).map((r) => r.summary);
}

function passReasons(results: readonly ComparisonResult[], score: number | null): string[] {
  const failing = results.filter(regressed).length;
  return failing === 0
    ? [`all ${results.length} comparisons pass (score ${score})`]
    : [`score ${score}: ${failing} of ${results.length} comparisons regressed, within the pass threshold`];
}

/** Changes the reasons do not already name: regressions that did not decide the verdict, and improvements. */
function otherChanges(results: readonly ComparisonResult[], reasons: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const result of results) {
    if (result.changed && !isBadChange(result.changed, result.badDirection)) warnings.push(`${result.summary} (not a regression)`);
    else if (regressed(result) && !brokeCriticalChecks(result) && !reasons.some((reason) => reason.startsWith(result.summary))) {
      // A critical probe's broken checks are already a reason, in other words.
      warnings.push(result.summary);
    }
  }
  return warnings;
}
