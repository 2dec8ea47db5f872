// Ranks as R's rank() gives them by default: ties share the mean of the ranks they span.

/** 1-based mid-ranks of `values`, in their original order. */
export function midRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    start = end;
  }
  return ranks;
}

/** How many values share each distinct value (R's `table(r)` of the ranks). */
export function tieGroupSizes(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.values()];
}

export function hasTies(values: readonly number[]): boolean {
  return new Set(values).size !== values.length;
}

/**
 * The Mann–Whitney statistic of x against y from a joint ranking: the rank sum of x less
 * its minimum, which counts the pairs with x_i > y_j, a tie counting one half (R's W).
 */
export function rankSumStatistic(x: readonly number[], y: readonly number[]): number {
  const ranks = midRanks([...x, ...y]);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += ranks[i]!;
  return sum - (x.length * (x.length + 1)) / 2;
}
