import { describe, expect, it } from 'vitest';
import { interleave, otherSide } from '../../src/compare/interleave.ts';
import { MAX_SEED, mulberry32, randomSeed, shuffled } from '../../src/compare/seeded-random.ts';

/** mulberry32 as its author published it, to hold ours to. */
function reference(a: number): () => number {
  return () => {
    let t = (a += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('mulberry32', () => {
  it('draws what the published generator draws, for small, large and the largest seeds', () => {
    for (const seed of [0, 1, 42, 123456789, MAX_SEED]) {
      const ours = mulberry32(seed);
      const theirs = reference(seed);
      for (let i = 0; i < 1000; i += 1) expect(ours()).toBe(theirs());
    }
  });

  it('draws uniformly from [0, 1)', () => {
    const random = mulberry32(7);
    const deciles = Array.from({ length: 10 }, () => 0);
    let outside = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const x = random();
      if (x < 0 || x >= 1) outside += 1;
      else deciles[Math.floor(x * 10)]! += 1;
    }
    expect(outside).toBe(0);
    for (const count of deciles) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });

  it('makes fresh seeds within 32 bits', () => {
    for (let i = 0; i < 100; i += 1) {
      const seed = randomSeed();
      expect(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED).toBe(true);
    }
  });
});

describe('shuffled', () => {
  it('returns a permutation and leaves the input alone', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const out = shuffled(items, mulberry32(3));
    expect([...out].sort()).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('reaches every order of three items about equally often', () => {
    const random = mulberry32(11);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i += 1) {
      const key = shuffled([1, 2, 3], random).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['123', '132', '213', '231', '312', '321']);
    for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });
});

describe('interleave', () => {
  it('runs every probe × persona once a round, warm-up rounds first', () => {
    const schedule = interleave({ units: 4, rounds: 10, warmup: 2, seed: 5 });
    expect(schedule.map((r) => r.round)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(schedule.map((r) => r.warmup)).toEqual([true, true, ...Array.from({ length: 10 }, () => false)]);
    for (const round of schedule) expect(round.pairs.map((p) => p.unit).sort()).toEqual([0, 1, 2, 3]);
  });

  it('is the same for the same seed and different for another', () => {
    const a = interleave({ units: 5, rounds: 20, warmup: 2, seed: 99 });
    expect(interleave({ units: 5, rounds: 20, warmup: 2, seed: 99 })).toEqual(a);
    expect(interleave({ units: 5, rounds: 20, warmup: 2, seed: 100 })).not.toEqual(a);
  });

  it('varies the order of the pairs and which side goes first', () => {
    const schedule = interleave({ units: 3, rounds: 400, warmup: 0, seed: 1 });
    const orders = new Set(schedule.map((r) => r.pairs.map((p) => p.unit).join('')));
    expect(orders.size).toBe(6);
    const canaryFirst = schedule.flatMap((r) => r.pairs).filter((p) => p.first === 'canary').length;
    // 1200 coin flips: within four standard deviations (±69) of 600.
    expect(Math.abs(canaryFirst - 600)).toBeLessThan(70);
  });

  it('names the other side', () => {
    expect(otherSide('baseline')).toBe('canary');
    expect(otherSide('canary')).toBe('baseline');
  });
});
