// The order of compare's runs. Each round runs every probe × persona once on each side, the
// two runs of a pair back to back, so slow minutes, cache warm-ups and noisy neighbours fall
// on both sides alike. The pairs' order and which side goes first are drawn afresh each round.
import { mulberry32, shuffled } from './seeded-random.ts';

export const SIDES = ['baseline', 'canary'] as const;
export type Side = (typeof SIDES)[number];

export interface ScheduledPair {
  /** Index of the probe × persona in the list given. */
  unit: number;
  /** The side that runs first; the other follows at once. */
  first: Side;
}

export interface ScheduledRound {
  /** 1-based, warm-up rounds included. */
  round: number;
  /** Warm-up rounds are run and thrown away. */
  warmup: boolean;
  pairs: ScheduledPair[];
}

export interface InterleaveOptions {
  units: number;
  /** Judged rounds. */
  rounds: number;
  warmup: number;
  seed: number;
}

export function interleave({ units, rounds, warmup, seed }: InterleaveOptions): ScheduledRound[] {
  const random = mulberry32(seed);
  const indices = Array.from({ length: units }, (_, i) => i);
  return Array.from({ length: warmup + rounds }, (_, i) => ({
    round: i + 1,
    warmup: i < warmup,
    pairs: shuffled(indices, random).map((unit): ScheduledPair => ({ unit, first: random() < 0.5 ? 'baseline' : 'canary' })),
  }));
}

export function otherSide(side: Side): Side {
  return side === 'baseline' ? 'canary' : 'baseline';
}
