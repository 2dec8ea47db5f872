// A small seeded generator for the order of compare's rounds: the same seed gives the same
// order, so a verdict can be reproduced, and the seed is recorded in the report.
import { randomInt } from 'node:crypto';

/** Seeds are 32-bit unsigned integers. */
export const MAX_SEED = 2 ** 32 - 1;

export type Random = () => number;

/** Tommy Ettinger's mulberry32: uniform in [0, 1), a period of 2^32, fast and good enough to shuffle. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A fresh seed when the user gives none. */
export function randomSeed(): number {
  return randomInt(0, MAX_SEED);
}

/** A uniformly shuffled copy (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
