// Kayenta's weighted-sum scoring: within each group (here a persona) the score is the
// weighted share of judged comparisons that pass; comparisons without data are left out
// of the denominator, and the overall score is the weighted mean of the group scores.
import type { ComparisonResult, PersonaScore } from './verdict.ts';

export function personaScores(
  results: readonly ComparisonResult[],
  personaWeights: Readonly<Record<string, number>>,
): PersonaScore[] {
  const personas = [...new Set(results.map((r) => r.persona))];
  return personas.map((persona) => {
    const own = results.filter((r) => r.persona === persona);
    const judged = own.filter((r) => r.classification !== 'nodata');
    const passed = judged.filter((r) => r.classification === 'pass');
    const total = judged.reduce((sum, r) => sum + r.weight, 0);
    const passing = passed.reduce((sum, r) => sum + r.weight, 0);
    return {
      persona,
      score: total > 0 ? round(100 * (passing / total)) : null,
      weight: personaWeights[persona] ?? 1,
      passed: passed.length,
      failed: judged.length - passed.length,
      noData: own.length - judged.length,
    };
  });
}

export function overallScore(personas: readonly PersonaScore[]): number | null {
  const scored = personas.filter((p) => p.score !== null && p.weight > 0);
  const weight = scored.reduce((sum, p) => sum + p.weight, 0);
  if (weight === 0) return null;
  return round(scored.reduce((sum, p) => sum + p.score! * p.weight, 0) / weight);
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}
