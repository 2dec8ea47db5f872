import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { watchSignals } from '../../src/daemon/signals.ts';

function fakeProcess() {
  return new EventEmitter() as EventEmitter & Pick<NodeJS.Process, 'on' | 'off'>;
}

describe('watchSignals', () => {
  it('first SIGTERM/SIGINT stops, a second exits at once; SIGHUP reloads until stopping', () => {
    const events: string[] = [];
    const proc = fakeProcess();
    const unwatch = watchSignals(
      { stop: (s) => events.push(`stop ${s}`), exitNow: (s) => events.push(`exit ${s}`), reload: () => events.push('reload') },
      proc,
    );
    proc.emit('SIGHUP');
    proc.emit('SIGHUP');
    proc.emit('SIGTERM', 'SIGTERM');
    proc.emit('SIGHUP');
    proc.emit('SIGINT', 'SIGINT');
    expect(events).toEqual(['reload', 'reload', 'stop SIGTERM', 'exit SIGINT']);
    unwatch();
    expect(proc.listenerCount('SIGTERM') + proc.listenerCount('SIGINT') + proc.listenerCount('SIGHUP')).toBe(0);
  });
});
