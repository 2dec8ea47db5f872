import { describe, expect, it } from 'vitest';
import { Lifecycle } from '../../src/daemon/lifecycle.ts';
import { LEVEL, memoryLogger } from '../scheduler/fake-ticks.ts';

describe('Lifecycle', () => {
  it('starts tasks in order and tears them down in reverse', async () => {
    const events: string[] = [];
    const { logger } = memoryLogger();
    const lifecycle = new Lifecycle(logger);
    await lifecycle.start(
      ['project', 'metrics', 'server', 'scheduler'].map((name) => ({
        name,
        setup: () => {
          events.push(`start ${name}`);
          return name === 'project' ? undefined : () => void events.push(`stop ${name}`);
        },
      })),
      1_000,
    );
    const report = await lifecycle.stop(1_000);
    expect(events).toEqual(['start project', 'start metrics', 'start server', 'start scheduler', 'stop scheduler', 'stop server', 'stop metrics']);
    expect(report).toEqual({ done: ['scheduler', 'server', 'metrics'], failed: [], timedOut: [] });
    expect(await lifecycle.stop(1_000)).toBe(report);
    expect(events).toHaveLength(7);
  });

  it('a start-up failure undoes what was started, then rethrows', async () => {
    const events: string[] = [];
    const { logger } = memoryLogger();
    const lifecycle = new Lifecycle(logger);
    const failure = new Error('port in use');
    await expect(
      lifecycle.start(
        [
          { name: 'metrics', setup: () => () => void events.push('stop metrics') },
          { name: 'server', setup: () => Promise.reject(failure) },
          { name: 'scheduler', setup: () => void events.push('start scheduler') },
        ],
        1_000,
      ),
    ).rejects.toBe(failure);
    expect(events).toEqual(['stop metrics']);
  });

  it('a teardown that fails or hangs costs its share of the deadline; the ones after it still run', async () => {
    const events: string[] = [];
    const { logger, lines } = memoryLogger();
    const lifecycle = new Lifecycle(logger);
    await lifecycle.start(
      [
        { name: 'metrics', setup: () => () => void events.push('stop metrics') },
        { name: 'collector', setup: () => () => new Promise<void>(() => {}) },
        { name: 'server', setup: () => () => Promise.reject(new Error('already closed')) },
      ],
      1_000,
    );
    const started = Date.now();
    const report = await lifecycle.stop(300);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(report).toEqual({ done: ['metrics'], failed: ['server'], timedOut: ['collector'] });
    expect(events).toEqual(['stop metrics']);
    expect(lines.filter((l) => l.level === LEVEL.warn).map((l) => l.msg)).toEqual(['shut-down task did not finish before the deadline; moving on']);
    expect(lines.filter((l) => l.level === LEVEL.error).map((l) => l.msg)).toEqual(['shut-down task failed; carrying on with the rest']);
  });
});
