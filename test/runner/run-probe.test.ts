import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { secret } from '../../src/config/define.ts';
import { startShop, type RunningShop } from '../../src/demo/shop.ts';
import type { PersonaDefinition, ProbeDefinition, Rule } from '../../src/model/definitions.ts';
import type { CheckResult } from '../../src/model/results.ts';
import { runProbe } from '../../src/runner/run-probe.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import { measure } from '../../src/validate/measures.ts';
import { custom, equals, nonEmpty, range } from '../../src/validate/rules.ts';
import { newUser } from '../../probes/personas.ts';
import { ISO_TIMESTAMP, oneStepProbe, plannedRun, repoSchemas, runEnv } from '../support/runner-fixtures.ts';
import { delay, resetConnection, sendJson, sendText, startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

const TOKEN = 'tok-very-secret-123';

let server: ScriptedServer;
let target: { name: string; url: string };
/** Requests to /hang whose connection the client gave up. */
let hangsEnded = 0;

async function eventually(condition: () => boolean, withinMs = 5_000): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (!condition() && Date.now() < until) await delay(10);
  return condition();
}

/** Answers keyed by path; `seen` counts earlier requests to the same path. */
beforeAll(async () => {
  server = await startScriptedServer(async (request, response, seen) => {
    const path = (request.url ?? '/').split('?')[0];
    switch (path) {
      case '/items':
        return sendJson(response, 200, { items: [{ id: 'a', price: 3 }] });
      case '/empty':
        return sendJson(response, 200, { items: [] });
      case '/empty-once':
        return sendJson(response, 200, { items: seen === 0 ? [] : ['x'] });
      case '/boom':
      case '/boom-too':
        return sendText(response, 500, 'boom');
      case '/reset-twice':
        return seen < 2 ? resetConnection(request) : sendJson(response, 200, { ok: true });
      case '/reset-always':
        return resetConnection(request);
      case '/reset-then-empty':
        return seen === 0 ? resetConnection(request) : sendJson(response, 200, { items: [] });
      case '/echo-auth':
        return sendJson(response, 200, { auth: request.headers.authorization ?? null, key: request.headers['x-api-key'] ?? null });
      case '/hang':
        response.on('close', () => (hangsEnded += 1));
        return; // never answered
      case '/slow-ok':
        await delay(200);
        return sendJson(response, 200, { ok: true });
      default:
        return sendJson(response, 404, { error: `no route ${path}` });
    }
  });
  target = { name: 'scripted', url: server.url };
  // The first request of a process pays for connection set-up; keep that out of the deadline tests.
  await runProbe(plannedRun(oneStepProbe('warm-up', '/items'), target), runEnv());
});

afterAll(async () => {
  await server.close();
  await closeHttpClient();
});

function requestsTo(path: string): number {
  return server.count(path);
}

const pass = (name: string, kind: CheckResult['kind'], step: string, extra: Partial<CheckResult> = {}): CheckResult => ({
  name,
  kind,
  outcome: 'pass',
  step,
  message: '',
  ...extra,
});

describe('runProbe: a passing run', () => {
  let shop: RunningShop;
  beforeAll(async () => {
    shop = await startShop({ port: 0 });
  });
  afterAll(async () => {
    await shop.close();
  });

  it('reports outcome, attempts, steps with status, every check, measures and timing', async () => {
    const probe: ProbeDefinition = {
      name: 'catalogue',
      steps: [
        {
          name: 'list products',
          api: { path: '/api/products', query: { limit: 2 } },
          expect: {
            status: 200,
            schema: 'products.schema.json',
            rules: [nonEmpty('$.items', { name: 'products listed' }), range('$.items[*].price', { above: 0 }, { name: 'prices are positive' })],
          },
          capture: { productId: '$.items[0].id' },
          measures: { products: measure.count('$.items') },
        },
        {
          name: 'product detail',
          api: { path: '/api/products/{{productId}}' },
          expect: { schema: 'product.schema.json', rules: [equals('$.id', '{{productId}}', { name: 'detail is the product asked for' })] },
        },
      ],
    };
    const before = Date.now();
    const result = await runProbe(plannedRun(probe, { name: 'demo', url: shop.url }), runEnv({ schemas: await repoSchemas() }));

    expect(result).toMatchObject({
      probe: 'catalogue',
      persona: 'anonymous',
      target: 'demo',
      url: shop.url,
      outcome: 'pass',
      flaky: false,
      attempts: 1,
      measures: { products: 2 },
      artifacts: [],
    });
    expect(result).not.toHaveProperty('error');
    expect(result.steps).toEqual([
      { name: 'list products', outcome: 'pass', durationMs: expect.any(Number), method: 'GET', serverAddress: '127.0.0.1', status: 200 },
      { name: 'product detail', outcome: 'pass', durationMs: expect.any(Number), method: 'GET', serverAddress: '127.0.0.1', status: 200 },
    ]);
    expect(result.checks).toEqual([
      pass('status', 'status', 'list products'),
      pass('content-type', 'header', 'list products', { path: 'content-type' }),
      pass('json', 'json', 'list products'),
      pass('schema products.schema.json', 'schema', 'list products'),
      pass('products listed', 'rule', 'list products'),
      pass('prices are positive', 'rule', 'list products'),
      pass('capture productId', 'capture', 'list products', { path: '$.items[0].id' }),
      pass('status', 'status', 'product detail'),
      pass('content-type', 'header', 'product detail', { path: 'content-type' }),
      pass('json', 'json', 'product detail'),
      pass('schema product.schema.json', 'schema', 'product detail'),
      pass('detail is the product asked for', 'rule', 'product detail'),
    ]);
    expect(result.startedAt).toMatch(ISO_TIMESTAMP);
    expect(Date.parse(result.startedAt)).toBeGreaterThanOrEqual(before - 1);
    expect(Number.isInteger(result.durationMs)).toBe(true);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('runs as a persona whose setup creates a user, and the incident fault fails it without a retry', async () => {
    const probe: ProbeDefinition = {
      name: 'recommendations',
      personas: ['new-user'],
      retries: 3,
      steps: [
        {
          name: 'get recommendations',
          api: { path: '/api/recommendations' },
          expect: { rules: [nonEmpty('$.items', { name: 'recommendations are never empty' })] },
          measures: { recommendations: measure.count('$.items') },
        },
      ],
    };
    const run = plannedRun(probe, { name: 'demo', url: shop.url }, newUser);

    shop.setFaults([]);
    const healthy = await runProbe(run, runEnv());
    expect(healthy.outcome).toBe('pass');
    expect(healthy.persona).toBe('new-user');
    expect(healthy.measures.recommendations).toBeGreaterThan(0);

    shop.setFaults(['empty-recs-new-users']);
    try {
      const broken = await runProbe(run, runEnv());
      expect(broken).toMatchObject({ outcome: 'fail', attempts: 1, flaky: false, measures: { recommendations: 0 } });
      expect(broken).not.toHaveProperty('error');
      expect(broken.checks.find((c) => c.outcome !== 'pass')).toEqual({
        name: 'recommendations are never empty',
        kind: 'rule',
        outcome: 'fail',
        step: 'get recommendations',
        message: 'expected a non-empty array at $.items, got []',
        path: '$.items',
        expected: 'non-empty',
        actual: '[]',
      });
    } finally {
      shop.setFaults([]);
    }
  });
});

describe('runProbe: retries', () => {
  it('does not retry a content failure by default', async () => {
    const before = requestsTo('/empty');
    const result = await runProbe(plannedRun(oneStepProbe('empty', '/empty', { rules: [nonEmpty('$.items')] }, { retries: 3 }), target), runEnv());
    expect(result).toMatchObject({ outcome: 'fail', attempts: 1, flaky: false });
    expect(requestsTo('/empty') - before).toBe(1);
  });

  it("retries a content failure with retryOn: 'any', and a changed outcome is flaky", async () => {
    const result = await runProbe(
      plannedRun(oneStepProbe('empty-once', '/empty-once', { rules: [nonEmpty('$.items')] }, { retries: 3, retryOn: 'any' }), target),
      runEnv(),
    );
    expect(result).toMatchObject({ outcome: 'pass', attempts: 2, flaky: true });
    expect(requestsTo('/empty-once')).toBe(2);
  });

  it("stops after `retries` extra attempts when a content failure persists with retryOn: 'any'", async () => {
    const before = requestsTo('/empty');
    const result = await runProbe(
      plannedRun(oneStepProbe('empty', '/empty', { rules: [nonEmpty('$.items')] }, { retries: 2, retryOn: 'any' }), target),
      runEnv(),
    );
    expect(result).toMatchObject({ outcome: 'fail', attempts: 3, flaky: false });
    expect(requestsTo('/empty') - before).toBe(3);
  });

  it('retries an error until it succeeds: pass, N+1 attempts, flaky, only the last attempt reported', async () => {
    const result = await runProbe(plannedRun(oneStepProbe('reset-twice', '/reset-twice', undefined, { retries: 2 }), target), runEnv());
    expect(result).toMatchObject({ outcome: 'pass', attempts: 3, flaky: true });
    expect(result).not.toHaveProperty('error');
    expect(result.checks).toEqual([pass('status', 'status', 'get /reset-twice')]);
    expect(requestsTo('/reset-twice')).toBe(3);
  });

  it('gives up after `retries` extra attempts on a persistent error: error, not flaky', async () => {
    const before = requestsTo('/reset-always');
    const result = await runProbe(plannedRun(oneStepProbe('reset-always', '/reset-always', undefined, { retries: 2 }), target), runEnv());
    expect(result).toMatchObject({ outcome: 'error', attempts: 3, flaky: false });
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]).toMatchObject({ name: 'connection', kind: 'transport', outcome: 'error', step: 'get /reset-always' });
    expect(result.checks[0]!.message).toContain(`(GET ${server.url}/reset-always)`);
    expect(result.error).toBe(result.checks[0]!.message);
    expect(result.steps).toEqual([
      { name: 'get /reset-always', outcome: 'error', durationMs: expect.any(Number), method: 'GET', serverAddress: '127.0.0.1', error: result.checks[0]!.message },
    ]);
    expect(requestsTo('/reset-always') - before).toBe(3);
  });

  it('takes the retry count from the overrides before the probe and the defaults', async () => {
    const before = requestsTo('/reset-always');
    const probe = oneStepProbe('reset-always', '/reset-always', undefined, { retries: 5 });
    const result = await runProbe(plannedRun(probe, target), runEnv({ overrides: { retries: 0 } }));
    expect(result).toMatchObject({ outcome: 'error', attempts: 1 });
    expect(requestsTo('/reset-always') - before).toBe(1);

    const byDefault = await runProbe(plannedRun(oneStepProbe('reset-always', '/reset-always'), target), runEnv());
    expect(byDefault.attempts).toBe(2); // BUILT_IN_DEFAULTS.retries is 1
  });

  it('an error followed by a content failure ends the retries: fail, flaky', async () => {
    const result = await runProbe(
      plannedRun(oneStepProbe('reset-then-empty', '/reset-then-empty', { rules: [nonEmpty('$.items')] }, { retries: 3 }), target),
      runEnv(),
    );
    expect(result).toMatchObject({ outcome: 'fail', attempts: 2, flaky: true });
    expect(requestsTo('/reset-then-empty')).toBe(2);
  });
});

describe('runProbe: steps after a failure', () => {
  const steps = (soft: boolean): ProbeDefinition['steps'] => [
    { name: 'first', api: { path: '/boom' }, ...(soft ? { soft: true } : {}) },
    { name: 'second', api: { path: '/boom-too' } },
    { name: 'third', api: { path: '/items' } },
  ];
  const boomCheck = (step: string): CheckResult => ({
    name: 'status',
    kind: 'status',
    outcome: 'fail',
    step,
    message: 'expected status 2xx, got 500: boom',
    expected: '2xx',
    actual: '500',
  });

  it('skips later steps without requesting them', async () => {
    const before = { boom: requestsTo('/boom'), bt: requestsTo('/boom-too'), items: requestsTo('/items') };
    const result = await runProbe(plannedRun({ name: 'chain', steps: steps(false) }, target), runEnv());
    expect(result.outcome).toBe('fail');
    expect(result.steps).toEqual([
      { name: 'first', outcome: 'fail', durationMs: expect.any(Number), method: 'GET', serverAddress: '127.0.0.1', status: 500, excerpt: 'boom' },
      { name: 'second', outcome: 'skip', durationMs: 0 },
      { name: 'third', outcome: 'skip', durationMs: 0 },
    ]);
    expect(result.checks).toEqual([boomCheck('first')]);
    expect(requestsTo('/boom') - before.boom).toBe(1);
    expect(requestsTo('/boom-too') - before.bt).toBe(0);
    expect(requestsTo('/items') - before.items).toBe(0);
  });

  it('runs the next step after a soft step fails, and skips after a hard one', async () => {
    const before = { boom: requestsTo('/boom'), bt: requestsTo('/boom-too'), items: requestsTo('/items') };
    const result = await runProbe(plannedRun({ name: 'chain', steps: steps(true) }, target), runEnv());
    expect(result.outcome).toBe('fail');
    expect(result.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['first', 'fail'],
      ['second', 'fail'],
      ['third', 'skip'],
    ]);
    expect(result.checks).toEqual([boomCheck('first'), boomCheck('second')]);
    expect(requestsTo('/boom') - before.boom).toBe(1);
    expect(requestsTo('/boom-too') - before.bt).toBe(1);
    expect(requestsTo('/items') - before.items).toBe(0);
  });
});

describe('runProbe: persona problems', () => {
  const twoSteps: ProbeDefinition = {
    name: 'as-persona',
    steps: [
      { name: 'one', api: { path: '/items' } },
      { name: 'two', api: { path: '/items' } },
    ],
  };

  it('a setup that throws errors the run with one setup check, every step skipped, nothing requested', async () => {
    const broken: PersonaDefinition = {
      name: 'broken',
      setup: () => {
        throw new Error('login service down');
      },
    };
    const before = requestsTo('/items');
    const result = await runProbe(plannedRun(twoSteps, target, broken), runEnv());
    const message = 'persona broken setup failed: login service down';
    expect(result).toMatchObject({ persona: 'broken', outcome: 'error', error: message, flaky: false, attempts: 2 });
    expect(result.checks).toEqual([{ name: 'persona setup', kind: 'setup', outcome: 'error', step: '(persona setup)', message }]);
    expect(result.steps).toEqual([
      { name: 'one', outcome: 'skip', durationMs: 0 },
      { name: 'two', outcome: 'skip', durationMs: 0 },
    ]);
    expect(requestsTo('/items') - before).toBe(0);
  });

  it('a setup that rejects with a non-Error still names the persona', async () => {
    const broken: PersonaDefinition = { name: 'odd', setup: () => Promise.reject('no reason given') };
    const result = await runProbe(plannedRun(twoSteps, target, broken), runEnv({ overrides: { retries: 0 } }));
    expect(result.error).toBe('persona odd setup failed: no reason given');
  });

  it('a missing secret errors the run with a message naming the variable', async () => {
    expect(process.env.NOPE_NOT_SET).toBeUndefined();
    const needsSecret: PersonaDefinition = { name: 'keyed', headers: { 'x-api-key': secret('NOPE_NOT_SET') } };
    const before = requestsTo('/items');
    const result = await runProbe(plannedRun(twoSteps, target, needsSecret), runEnv({ overrides: { retries: 0 } }));
    const message = 'secret NOPE_NOT_SET is not set: export the environment variable NOPE_NOT_SET before running';
    expect(result).toMatchObject({ outcome: 'error', error: message, attempts: 1 });
    expect(result.checks).toEqual([{ name: 'persona setup', kind: 'setup', outcome: 'error', step: '(persona setup)', message }]);
    expect(result.steps.map((s) => s.outcome)).toEqual(['skip', 'skip']);
    expect(requestsTo('/items') - before).toBe(0);
  });

  it('a missing secret is not retried: no attempt can change it', async () => {
    const needsSecret: PersonaDefinition = { name: 'keyed', headers: { 'x-api-key': secret('NOPE_NOT_SET') } };
    const result = await runProbe(plannedRun(twoSteps, target, needsSecret), runEnv({ overrides: { retries: 3 } }));
    expect(result).toMatchObject({ outcome: 'error', attempts: 1 });
  });

  it('an unknown variable in a step is not retried either', async () => {
    const probe: ProbeDefinition = { name: 'typo', steps: [{ name: 'get', api: { path: '/items/{{itemId}}' } }] };
    const result = await runProbe(plannedRun(probe, target), runEnv({ overrides: { retries: 3 } }));
    expect(result).toMatchObject({ outcome: 'error', attempts: 1, error: "no variable 'itemId'; the run has no variables" });
  });

  it('a persona setup that fails is retried: a login service may fail once', async () => {
    let calls = 0;
    const flaky: PersonaDefinition = {
      name: 'flaky-login',
      setup: () => {
        calls += 1;
        if (calls === 1) throw new Error('login timed out');
        return {};
      },
    };
    const result = await runProbe(plannedRun(twoSteps, target, flaky), runEnv({ overrides: { retries: 1 } }));
    expect(result).toMatchObject({ outcome: 'pass', attempts: 2, flaky: true });
  });

  it('a secret read inside setup that is missing is reported as is, not wrapped', async () => {
    const needsLogin: PersonaDefinition = {
      name: 'login',
      setup: ({ secret: read }) => ({ variables: { user: read('NOPE_NOT_SET_EITHER') } }),
    };
    const result = await runProbe(plannedRun(twoSteps, target, needsLogin), runEnv({ overrides: { retries: 0 } }));
    expect(result.error).toBe('secret NOPE_NOT_SET_EITHER is not set: export the environment variable NOPE_NOT_SET_EITHER before running');
  });
});

describe('runProbe: the run deadline', () => {
  it('ends a custom rule that never resolves, keeping the checks finished before it', async () => {
    const probe: ProbeDefinition = {
      name: 'stuck',
      steps: [
        { name: 'first', api: { path: '/items' } },
        { name: 'stuck step', api: { path: '/items' }, expect: { rules: [custom('stuck', () => new Promise(() => {}))] } },
        { name: 'never reached', api: { path: '/items' } },
      ],
    };
    const started = Date.now();
    const result = await runProbe(plannedRun(probe, target), runEnv({ overrides: { runTimeoutMs: 300, retries: 0 } }));
    expect(Date.now() - started).toBeLessThan(10_000);

    const message = "the run did not finish within its 300ms deadline (stuck in step 'stuck step')";
    expect(result).toMatchObject({ outcome: 'error', error: message, attempts: 1, flaky: false });
    expect(result.checks).toEqual([
      pass('status', 'status', 'first'),
      { name: 'deadline', kind: 'transport', outcome: 'error', step: 'stuck step', message },
    ]);
    expect(result.steps[0]).toEqual({ name: 'first', outcome: 'pass', durationMs: expect.any(Number), method: 'GET', serverAddress: '127.0.0.1', status: 200 });
    expect(result.steps.slice(1)).toEqual([
      { name: 'stuck step', outcome: 'error', durationMs: 0, error: 'deadline passed' },
      { name: 'never reached', outcome: 'skip', durationMs: 0 },
    ]);
    expect(result.durationMs).toBeGreaterThanOrEqual(299);
  });

  it('ends a persona setup that never returns, and tells it through its signal', async () => {
    let abortedWith: unknown;
    const hanging: PersonaDefinition = {
      name: 'hanging',
      setup: ({ signal }) =>
        new Promise(() => {
          signal.addEventListener('abort', () => (abortedWith = signal.reason));
        }),
    };
    const result = await runProbe(
      plannedRun(oneStepProbe('p', '/items'), target, hanging),
      runEnv({ overrides: { runTimeoutMs: 300, retries: 0 } }),
    );
    const message = "the run did not finish within its 300ms deadline (stuck in step '(persona setup)')";
    expect(result.outcome).toBe('error');
    expect(result.error).toBe(message);
    expect(result.checks).toEqual([{ name: 'deadline', kind: 'transport', outcome: 'error', step: '(persona setup)', message }]);
    expect(await eventually(() => abortedWith !== undefined, 3_000)).toBe(true);
    expect((abortedWith as Error).message).toBe('run deadline of 300ms passed');
  });

  it("takes the probe's own timeout when no override is given", async () => {
    const probe = oneStepProbe('stuck', '/items', { rules: [custom('stuck', () => new Promise(() => {}))] }, { timeout: '250ms', retries: 0 });
    const result = await runProbe(plannedRun(probe, target), runEnv());
    expect(result.error).toBe("the run did not finish within its 250ms deadline (stuck in step 'get /items')");
  });

  it('aborts a request that is still waiting when the deadline passes', async () => {
    const before = requestsTo('/hang');
    const wantEnded = hangsEnded + 1;
    const started = Date.now();
    const result = await runProbe(plannedRun(oneStepProbe('hang', '/hang'), target), runEnv({ overrides: { runTimeoutMs: 300, retries: 0 } }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.error).toBe("the run did not finish within its 300ms deadline (stuck in step 'get /hang')");
    expect(requestsTo('/hang') - before).toBe(1);
    // The abandoned request is cut, not left to its own 10s timeout.
    expect(await eventually(() => hangsEnded >= wantEnded, 3_000)).toBe(true);
  });
});

describe('runProbe: code that breaks', () => {
  it('a custom rule that throws errors the run', async () => {
    const probe = oneStepProbe('throws', '/items', {
      rules: [
        custom('explodes', () => {
          throw new Error('kaboom');
        }),
      ],
    });
    const result = await runProbe(plannedRun(probe, target), runEnv({ overrides: { retries: 0 } }));
    expect(result).toMatchObject({ outcome: 'error', error: 'custom rule threw: kaboom', attempts: 1 });
    expect(result.checks.at(-1)).toEqual({ name: 'explodes', kind: 'rule', outcome: 'error', step: 'get /items', message: 'custom rule threw: kaboom' });
    expect(result.steps).toEqual([
      {
        name: 'get /items',
        outcome: 'error',
        durationMs: expect.any(Number),
        method: 'GET',
        serverAddress: '127.0.0.1',
        status: 200,
        error: 'custom rule threw: kaboom',
        excerpt: JSON.stringify({ items: [{ id: 'a', price: 3 }] }, null, 2),
      },
    ]);
  });

  it('an unexpected exception inside a step costs the run, not the caller', async () => {
    const notAList = { length: 1 } as unknown as readonly Rule[];
    const probe = oneStepProbe('internal', '/items', { rules: notAList });
    const result = await runProbe(plannedRun(probe, target), runEnv({ overrides: { retries: 0 } }));
    expect(result.outcome).toBe('error');
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]).toMatchObject({ name: 'internal', kind: 'transport', outcome: 'error', step: 'get /items' });
    expect(result.checks[0]!.message).toMatch(/^unexpected error: TypeError: /);
    expect(result.error).toBe(result.checks[0]!.message);
  });
});

describe('runProbe: a run that judged nothing', () => {
  it('a probe without steps errors instead of passing', async () => {
    const result = await runProbe(plannedRun({ name: 'empty', steps: [] }, target), runEnv({ overrides: { retries: 0 } }));
    expect(result).toMatchObject({ outcome: 'error', error: 'no checks ran: the probe judged nothing', checks: [], steps: [], attempts: 1 });
  });

  it('a probe whose only step was skipped errors instead of passing', async () => {
    const before = requestsTo('/items');
    const result = await runProbe(plannedRun(oneStepProbe('skipped', '/items'), target), runEnv({ signal: AbortSignal.abort() }));
    expect(result).toMatchObject({ outcome: 'error', error: 'no checks ran: the probe judged nothing', checks: [], attempts: 1 });
    expect(result.steps).toEqual([{ name: 'get /items', outcome: 'skip', durationMs: 0 }]);
    expect(requestsTo('/items') - before).toBe(0);
  });
});

describe('runProbe: redaction', () => {
  it('never shows a persona token in the result, even when the payload echoes it', async () => {
    const withToken: PersonaDefinition = { name: 'tokened', setup: () => ({ variables: { token: TOKEN } }) };
    const probe: ProbeDefinition = {
      name: 'echo',
      steps: [
        {
          name: 'echo auth',
          api: { path: '/echo-auth', headers: { authorization: 'Bearer {{token}}' } },
          expect: {
            rules: [
              equals('$.auth', 'Bearer something-else', { name: 'auth is echoed' }),
              custom('leaks in a message', (ctx) => `saw ${(ctx.json as { auth: string }).auth}`),
            ],
          },
        },
      ],
    };
    const before = server.requests.length;
    const result = await runProbe(plannedRun(probe, target, withToken), runEnv({ overrides: { retries: 0 } }));

    expect(server.requests.slice(before).map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`]);
    expect(result.outcome).toBe('fail');
    expect(result.checks.find((c) => c.name === 'auth is echoed')).toEqual({
      name: 'auth is echoed',
      kind: 'rule',
      outcome: 'fail',
      step: 'echo auth',
      message: '$.auth is "Bearer [REDACTED]", expected "Bearer something-else"',
      path: '$.auth',
      expected: '"Bearer something-else"',
      actual: '"Bearer [REDACTED]"',
    });
    expect(result.checks.find((c) => c.name === 'leaks in a message')?.message).toBe('saw Bearer [REDACTED]');
    const json = JSON.stringify(result);
    expect(json).toContain('[REDACTED]');
    expect(json).not.toContain(TOKEN);
  });

  it('never shows a secret read from the environment', async () => {
    vi.stubEnv('PW_TEST_API_KEY', 'key-abcdef-987654');
    try {
      const keyed: PersonaDefinition = { name: 'keyed', headers: { 'x-api-key': secret('PW_TEST_API_KEY') } };
      const probe = oneStepProbe('echo', '/echo-auth', { rules: [equals('$.key', 'another key', { name: 'key is echoed' })] });
      const result = await runProbe(plannedRun(probe, target, keyed), runEnv({ overrides: { retries: 0 } }));
      expect(result.outcome).toBe('fail');
      expect(result.checks.find((c) => c.name === 'key is echoed')?.actual).toBe('"[REDACTED]"');
      expect(JSON.stringify(result)).not.toContain('key-abcdef-987654');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('runProbe: shutdown', () => {
  it('an external abort ends the run in flight and stops its retries', async () => {
    const shutdown = new AbortController();
    const before = requestsTo('/hang');
    const waitForRequest = (async () => {
      while (requestsTo('/hang') === before) await delay(5);
      shutdown.abort(new Error('shutting down'));
    })();
    const started = Date.now();
    const result = await runProbe(
      plannedRun(oneStepProbe('hang', '/hang', undefined, { retries: 5 }), target),
      runEnv({ signal: shutdown.signal }),
    );
    await waitForRequest;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.outcome).toBe('error');
    expect(result.attempts).toBe(1);
    expect(requestsTo('/hang') - before).toBe(1);
  });

  it('says the request was aborted, not that nothing was judged (regression: shutdown reported as "no checks ran")', async () => {
    const shutdown = new AbortController();
    const before = requestsTo('/hang');
    const waitForRequest = (async () => {
      while (requestsTo('/hang') === before) await delay(5);
      shutdown.abort(new Error('shutting down'));
    })();
    const probe: ProbeDefinition = {
      name: 'hang',
      retries: 0,
      steps: [
        { name: 'waits', api: { path: '/hang' } },
        { name: 'after', api: { path: '/items' } },
      ],
    };
    const result = await runProbe(plannedRun(probe, target), runEnv({ signal: shutdown.signal }));
    await waitForRequest;
    expect(result.error).toBe('request aborted: shutting down');
    expect(result.checks).toEqual([
      { name: 'aborted', kind: 'transport', outcome: 'error', step: 'waits', message: 'request aborted: shutting down' },
    ]);
    expect(result.steps).toEqual([
      {
        name: 'waits',
        outcome: 'error',
        durationMs: expect.any(Number),
        method: 'GET',
        serverAddress: '127.0.0.1',
        error: 'request aborted: shutting down',
      },
      { name: 'after', outcome: 'skip', durationMs: 0 },
    ]);
  });

  it('an abort between attempts stops the retries', async () => {
    const shutdown = new AbortController();
    const before = requestsTo('/reset-always');
    const probe = oneStepProbe('reset-always', '/reset-always', undefined, { retries: 5 });
    const persona: PersonaDefinition = {
      name: 'counts-attempts',
      setup: () => {
        // The second attempt's setup is where shutdown arrives.
        if (requestsTo('/reset-always') - before >= 1) shutdown.abort(new Error('shutting down'));
      },
    };
    const result = await runProbe(plannedRun(probe, target, persona), runEnv({ signal: shutdown.signal }));
    expect(result.attempts).toBe(2);
    expect(result.outcome).toBe('error');
    expect(requestsTo('/reset-always') - before).toBe(1);
  });
});

describe('runProbe: a slow but timely answer', () => {
  it('is not cut by a deadline it fits in', async () => {
    const result = await runProbe(plannedRun(oneStepProbe('slow', '/slow-ok'), target), runEnv({ overrides: { runTimeoutMs: 5_000 } }));
    expect(result.outcome).toBe('pass');
  });
});
