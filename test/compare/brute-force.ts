// Independent reference implementations by enumeration, for small samples: every table
// with the observed margins (Fisher) and every split of the pooled values into the two
// samples (Mann–Whitney). They compute the definitions R's functions implement, with none
// of the code under test.

function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}

/** Fisher's p-value over all 2×2 tables with the margins of [[a, b], [c, d]], in exact integer arithmetic. */
export function fisherByEnumeration(a: number, b: number, c: number, d: number, alternative: 'two.sided' | 'greater' | 'less'): number {
  const m = a + c;
  const n = b + d;
  const k = a + b;
  // P(X = x) = C(m, x) C(n, k − x) / C(m + n, k); compare the numerators exactly.
  const weight = (x: number) => choose(m, x) * choose(n, k - x);
  const observed = weight(a);
  let sum = 0n;
  for (let x = Math.max(0, k - n); x <= Math.min(k, m); x++) {
    const include = alternative === 'less' ? x <= a : alternative === 'greater' ? x >= a : weight(x) <= observed;
    if (include) sum += weight(x);
  }
  return Number(sum) / Number(choose(m + n, k));
}

function* combinations(size: number, of: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === size) {
    yield prefix;
    return;
  }
  for (let i = start; i <= of - (size - prefix.length); i++) yield* combinations(size, of, i + 1, [...prefix, i]);
}

/** W of x against y by its definition: pairs with x_i > y_j, ties counting one half. */
export function pairCount(x: readonly number[], y: readonly number[]): number {
  let w = 0;
  for (const xi of x) for (const yj of y) w += xi > yj ? 1 : xi === yj ? 0.5 : 0;
  return w;
}

/** Every value W takes over all C(N, m) equally likely splits of the pooled values. */
export function permutationStatistics(x: readonly number[], y: readonly number[]): number[] {
  const pooled = [...x, ...y];
  const statistics: number[] = [];
  for (const chosen of combinations(x.length, pooled.length)) {
    const inX = new Set(chosen);
    statistics.push(pairCount(chosen.map((i) => pooled[i]!), pooled.filter((_, i) => !inX.has(i))));
  }
  return statistics;
}

/** The exact permutation p-value of W, two-sided as R defines it (twice the smaller tail, at most 1). */
export function mannWhitneyByEnumeration(x: readonly number[], y: readonly number[], alternative: 'two.sided' | 'greater' | 'less'): number {
  const w = pairCount(x, y);
  const all = permutationStatistics(x, y);
  const share = (keep: (s: number) => boolean) => all.filter(keep).length / all.length;
  const upper = share((s) => s >= w);
  const lower = share((s) => s <= w);
  if (alternative === 'greater') return upper;
  if (alternative === 'less') return lower;
  return Math.min(1, 2 * (w > (x.length * y.length) / 2 ? upper : lower));
}

/** P(|W − mn/2| >= |w − mn/2|): the "as or more extreme" two-sided p-value. */
export function twoSidedByDistance(x: readonly number[], y: readonly number[]): number {
  const centre = (x.length * y.length) / 2;
  const distance = Math.abs(pairCount(x, y) - centre);
  const all = permutationStatistics(x, y);
  return all.filter((s) => Math.abs(s - centre) >= distance - 1e-9).length / all.length;
}
