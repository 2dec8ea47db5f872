// The three alternative hypotheses of R's tests, spelled as R spells them so a reader can
// check a result against `fisher.test(..., alternative = 'less')` without translating.

export const ALTERNATIVES = ['two.sided', 'greater', 'less'] as const;
/** `greater`: the first sample (or the odds ratio) is larger than under the null hypothesis. */
export type Alternative = (typeof ALTERNATIVES)[number];
