import { describe, expect, it } from 'vitest';
import { shortestIntervalMs } from '../../src/scheduler/cron-interval.ts';
import { jitterBoundMs, jitterMs, MAX_JITTER_MS } from '../../src/scheduler/jitter.ts';

describe('jitter', () => {
  it('is bounded by 10% of the interval and by 5 s', () => {
    expect(jitterBoundMs(1_000)).toBe(100);
    expect(jitterBoundMs(30_000)).toBe(3_000);
    expect(jitterBoundMs(60_000)).toBe(MAX_JITTER_MS);
    expect(jitterBoundMs(3_600_000)).toBe(5_000);
    expect(jitterBoundMs(0)).toBe(0);
    expect(jitterBoundMs(Number.POSITIVE_INFINITY)).toBe(0);
    for (const interval of [1_000, 5_000, 30_000, 300_000, 86_400_000]) {
      for (let i = 0; i < 200; i += 1) {
        const value = jitterMs(`probe-${i}|new-user|production`, interval);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThan(jitterBoundMs(interval));
        expect(Number.isInteger(value)).toBe(true);
      }
    }
  });

  it('is deterministic per probe|persona|target, and spreads different schedules apart', () => {
    const id = 'recommendations|new-user|production';
    expect(jitterMs(id, 30_000)).toBe(jitterMs(id, 30_000));
    expect(jitterMs(id, 30_000)).toBe(583); // fixed by the hash: a change here moves every schedule's phase
    const values = new Set(['new-user', 'returning-buyer', 'anonymous', 'partner'].map((p) => jitterMs(`recommendations|${p}|production`, 30_000)));
    expect(values.size).toBe(4);
    const spread = Array.from({ length: 100 }, (_, i) => jitterMs(`p${i}|anonymous|t`, 30_000));
    expect(Math.min(...spread)).toBeLessThan(600);
    expect(Math.max(...spread)).toBeGreaterThan(2_400);
  });
});

describe('shortestIntervalMs', () => {
  it('reads the interval from the cron expression, seconds field included', () => {
    expect(shortestIntervalMs('* * * * * *')).toBe(1_000);
    expect(shortestIntervalMs('*/30 * * * * *')).toBe(30_000);
    expect(shortestIntervalMs('0 */5 * * * *')).toBe(300_000);
    expect(shortestIntervalMs('*/5 * * * *')).toBe(300_000);
    expect(shortestIntervalMs('0 0 9,17 * * *', 'UTC')).toBe(8 * 3_600_000);
  });
});
