import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { linkedSignal } from '../../src/steps/linked-signal.ts';

describe('linkedSignal', () => {
  it('aborts with the reason of the first source that aborts', () => {
    const a = new AbortController();
    const b = new AbortController();
    const { signal } = linkedSignal(a.signal, undefined, b.signal);
    expect(signal.aborted).toBe(false);
    b.abort(new Error('b first'));
    a.abort(new Error('a later'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('b first');
  });

  it('is aborted from the start when a source already is', () => {
    const { signal } = linkedSignal(new AbortController().signal, AbortSignal.abort('gone'));
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('gone');
  });

  it('links more runs in flight to one shutdown signal than Node warns about, without a warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const shutdown = new AbortController();
      const links = Array.from({ length: 32 }, () => linkedSignal(shutdown.signal, new AbortController().signal));
      expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(32);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
      for (const link of links) link.dispose();
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('leaves no listener on its sources once disposed, or once one of them aborted', () => {
    const long = new AbortController();
    for (let i = 0; i < 100; i += 1) linkedSignal(long.signal, new AbortController().signal).dispose();
    expect(getEventListeners(long.signal, 'abort')).toHaveLength(0);

    const other = new AbortController();
    linkedSignal(long.signal, other.signal);
    other.abort();
    expect(getEventListeners(long.signal, 'abort')).toHaveLength(0);
  });

  it('no longer follows a source after dispose', () => {
    const source = new AbortController();
    const linked = linkedSignal(source.signal);
    linked.dispose();
    source.abort();
    expect(linked.signal.aborted).toBe(false);
  });

  it('aborts itself when told, with that reason, and lets go of its sources', () => {
    const shutdown = new AbortController();
    const linked = linkedSignal(shutdown.signal);
    linked.abort(new Error('run deadline of 30s passed'));
    expect(linked.signal.aborted).toBe(true);
    expect((linked.signal.reason as Error).message).toBe('run deadline of 30s passed');
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
    shutdown.abort(new Error('shutdown'));
    expect((linked.signal.reason as Error).message).toBe('run deadline of 30s passed');
  });

  it('is a plain abortable signal without sources', () => {
    const linked = linkedSignal(undefined);
    expect(linked.signal.aborted).toBe(false);
    linked.abort('timeout');
    expect(linked.signal.reason).toBe('timeout');
  });
});
