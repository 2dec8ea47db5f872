import { it } from 'vitest';
import { runProbe } from '../../src/runner/run-probe.ts';
import { oneStepProbe, plannedRun, runEnv } from '../support/runner-fixtures.ts';
import { startScriptedServer } from '../support/scripted-server.ts';
it('peek', async () => {
  const s = await startScriptedServer(() => {});
  const c = new AbortController();
  setTimeout(() => c.abort(new Error('shutting down')), 200);
  const r = await runProbe(plannedRun(oneStepProbe('hang', '/hang'), { name: 't', url: s.url }), runEnv({ signal: c.signal }));
  console.log(JSON.stringify(r, null, 1));
  await s.close();
});
