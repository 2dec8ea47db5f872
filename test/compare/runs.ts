// Run observations for verdict tests: ten interleaved rounds a side by default.
import type { Observation } from '../../src/compare/collect-comparisons.ts';

export function runs(
  count: number,
  make: (i: number) => Partial<Observation> & { recommendations?: number },
): Observation[] {
  return Array.from({ length: count }, (_, i) => {
    const { recommendations, ...rest } = make(i);
    return {
      outcome: 'pass',
      durationMs: 100 + ((i * 7) % 30),
      measures: recommendations === undefined ? {} : { recommendations },
      ...rest,
    };
  });
}

/** A healthy recommendations API: 5 to 7 items, 100–129 ms. */
export const healthy = (count = 10) => runs(count, (i) => ({ recommendations: 5 + (i % 3) }));
