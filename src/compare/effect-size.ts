// Effect sizes: how large a difference is, which a p-value does not say. The gate of a
// comparison needs both a small p-value and a large enough effect in the bad direction.

export interface Proportion {
  /** Runs with the event (a pass, an empty measure, a transport error). */
  events: number;
  trials: number;
}

export function rate({ events, trials }: Proportion): number {
  return trials === 0 ? Number.NaN : events / trials;
}

/** Canary rate minus baseline rate, in [−1, 1]: +0.3 is a rise of 30 percentage points. */
export function differenceInProportions(baseline: Proportion, canary: Proportion): number {
  return rate(canary) - rate(baseline);
}

/**
 * (to − from) / |from|: +1 is a doubling, −1 a drop to zero. From a zero baseline a
 * relative change is unbounded; it is null then (and 0 when both are zero), so callers
 * judge the absolute change instead, and the value stays JSON.
 */
export function relativeChange(from: number, to: number): number | null {
  if (from === 0) return to === 0 ? 0 : null;
  return (to - from) / Math.abs(from);
}

/**
 * The common-language effect size of Mann–Whitney's U (McGraw & Wong 1992; Vargha &
 * Delaney's A): the probability that a random x exceeds a random y, ties counting one
 * half. 0.5 is no effect.
 */
export function commonLanguageEffectSize(u: number, nx: number, ny: number): number {
  return u / (nx * ny);
}

/**
 * The rank-biserial correlation of U (Glass 1965; Kerby 2014): the share of pairs where
 * x is larger minus the share where it is smaller, in [−1, 1]; 0 is no effect.
 */
export function rankBiserial(u: number, nx: number, ny: number): number {
  return (2 * u) / (nx * ny) - 1;
}
