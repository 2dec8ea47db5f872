// Order statistics used to describe each side of a comparison.

/** The sample quantile as R's default `quantile(type = 7)` computes it. */
export function quantile(values: readonly number[], probability: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export interface Quartiles {
  q1: number;
  median: number;
  q3: number;
}

export function quartiles(values: readonly number[]): Quartiles {
  return { q1: quantile(values, 0.25), median: median(values), q3: quantile(values, 0.75) };
}
