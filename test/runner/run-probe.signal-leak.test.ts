// Regression: every run linked to the daemon's shutdown signal with AbortSignal.any, which
// on Node 20 leaves a record on that long-lived signal that is never removed: about 50 bytes
// a run, without end. Runs must let go of the shutdown signal when they are over.
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from '../../src/runner/run-probe.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import { oneStepProbe, plannedRun, runEnv } from '../support/runner-fixtures.ts';
import { delay, sendJson, startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(async (request, response) => {
    if (request.url === '/slow') await delay(300);
    sendJson(response, 200, { items: [1] });
  });
});
afterAll(async () => {
  await server.close();
  await closeHttpClient();
});

/** Node's own record of the signals that follow this one, where this Node version keeps one. */
function dependants(signal: AbortSignal): number {
  const key = Object.getOwnPropertySymbols(signal).find((symbol) => symbol.description === 'kDependantSignals');
  const set = key === undefined ? undefined : (signal as unknown as Record<symbol, Set<unknown> | undefined>)[key];
  return set?.size ?? 0;
}

describe('runProbe and a long-lived shutdown signal (regression: AbortSignal.any leaked on every run)', () => {
  it('keeps nothing on the shutdown signal once runs are over, passed or cut by their deadline', async () => {
    const shutdown = new AbortController();
    const target = { name: 'scripted', url: server.url };
    for (let i = 0; i < 20; i += 1) {
      const result = await runProbe(plannedRun(oneStepProbe('items', '/items'), target), runEnv({ signal: shutdown.signal }));
      expect(result.outcome).toBe('pass');
    }
    const cut = await runProbe(
      plannedRun(oneStepProbe('slow', '/slow', undefined, { retries: 0 }), target),
      runEnv({ signal: shutdown.signal, overrides: { runTimeoutMs: 50 } }),
    );
    expect(cut.outcome).toBe('error');
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
    expect(dependants(shutdown.signal)).toBe(0);
  });
});
