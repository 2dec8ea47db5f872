import { describe, expect, it, vi } from 'vitest';
import { lazyChild } from '../../src/logging/lazy-child.ts';
import { captureLog, LEVEL } from '../metrics/support/capture-log.ts';

describe('lazyChild', () => {
  it('writes enabled lines with the bindings, as a pino child would', () => {
    const { logger, lines } = captureLog('info');
    const log = lazyChild(logger, { probe: 'recommendations', persona: 'new-user' });
    log.info({ outcome: 'pass' }, 'run finished');
    log.warn('slow');
    expect(lines.map(({ level, msg, probe, persona, outcome }) => ({ level, msg, probe, persona, outcome }))).toEqual([
      { level: LEVEL.info, msg: 'run finished', probe: 'recommendations', persona: 'new-user', outcome: 'pass' },
      { level: LEVEL.warn, msg: 'slow', probe: 'recommendations', persona: 'new-user', outcome: undefined },
    ]);
  });

  it('makes no child, and writes nothing, while every call is below the level', () => {
    const { logger, lines } = captureLog('warn');
    const child = vi.spyOn(logger, 'child');
    const log = lazyChild(logger, { probe: 'recommendations' });
    log.debug({ attempt: 1 }, 'attempt finished');
    log.info('run finished');
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    expect(log.level).toBe('warn');
    expect(log.isLevelEnabled('info')).toBe(false);
    log.error('boom');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines.map((l) => [l.msg, l.probe])).toEqual([['boom', 'recommendations']]);
  });

  it('hands grandchildren the bindings of both', () => {
    const { logger, lines } = captureLog('info');
    lazyChild(logger, { probe: 'search' }).child({ step: 'get' }).info('request');
    expect(lines.map((l) => [l.probe, l.step])).toEqual([['search', 'get']]);
  });
});
