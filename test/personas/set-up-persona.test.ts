import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { secret } from '../../src/config/define.ts';
import { BUILT_IN_DEFAULTS, type ResolvedDefaults } from '../../src/config/project.ts';
import { startShop, type RunningShop } from '../../src/demo/shop.ts';
import { DEMO_BUYER } from '../../src/demo/store.ts';
import type { HttpResponseData, PersonaDefinition } from '../../src/model/definitions.ts';
import { REDACTED, Redactor } from '../../src/personas/redaction.ts';
import { SecretMissingError } from '../../src/personas/secrets.ts';
import { PersonaSetupError, setUpPersona, type PersonaSetupOptions } from '../../src/personas/set-up-persona.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import { echoHandler, startTestServer, type RecordedRequest, type TestServer } from '../support/http-server.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const TRACE_ID = '11112222333344445555666677778888';

let shop: RunningShop;
let echo: TestServer;

beforeAll(async () => {
  shop = await startShop();
  echo = await startTestServer((request, response, recorded) => {
    if (request.url === '/hang') return;
    if (request.url === '/plain') {
      response.writeHead(202, { 'content-type': 'text/plain', 'x-answer': 'yes' });
      return void response.end('not json');
    }
    echoHandler(request, response, recorded);
  });
});

afterAll(async () => {
  await shop.close();
  await echo.close();
  await closeHttpClient();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function options(url: string, overrides: Partial<PersonaSetupOptions> & { defaults?: ResolvedDefaults } = {}): PersonaSetupOptions {
  return {
    probe: 'persona-test',
    target: { name: 'test', url },
    traceId: TRACE_ID,
    defaults: BUILT_IN_DEFAULTS,
    redactor: new Redactor(),
    signal: new AbortController().signal,
    remainingMs: () => 60_000,
    ...overrides,
  };
}

async function setUpError(persona: PersonaDefinition, opts: PersonaSetupOptions): Promise<Error> {
  try {
    await setUpPersona(persona, opts);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`persona ${persona.name} set up without an error`);
}

describe('setUpPersona against the demo shop', () => {
  it('creates a user and returns its variables and authorization header, with the token redacted', async () => {
    const persona: PersonaDefinition = {
      name: 'new-user',
      async setup({ request, runId }) {
        const res = await request({ method: 'POST', path: '/api/users', body: { name: `probe ${runId.slice(0, 8)}` } });
        if (res.status !== 201) throw new Error(`POST /api/users answered ${res.status}, expected 201`);
        const user = res.json as { id: string; token: string };
        return { variables: { userId: user.id, token: user.token }, headers: { Authorization: `Bearer ${user.token}` } };
      },
    };
    const redactor = new Redactor();
    const session = await setUpPersona(persona, options(shop.url, { redactor }));
    const token = session.variables['token'] as string;
    const userId = session.variables['userId'] as string;
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(userId).toMatch(/^u-\d+$/);
    expect(session.headers).toEqual({ authorization: `Bearer ${token}` });
    expect(redactor.text(token)).toBe(REDACTED);
    expect(redactor.text(`user ${userId}`)).toBe(`user ${userId}`);

    // The session works: the shop knows the user by that token.
    const recs = await fetch(`${shop.url}/api/recommendations`, { headers: session.headers });
    expect(recs.status).toBe(200);
    expect(((await recs.json()) as { userId: string }).userId).toBe(userId);
  });

  it('logs a returning buyer in with credentials from the environment, all of them redacted', async () => {
    vi.stubEnv('PW_TEST_BUYER_EMAIL', DEMO_BUYER.email);
    vi.stubEnv('PW_TEST_BUYER_PASSWORD', DEMO_BUYER.password);
    const persona: PersonaDefinition = {
      name: 'returning-buyer',
      async setup({ request, secret: read }) {
        const res = await request({ method: 'POST', path: '/api/login', body: { email: read('PW_TEST_BUYER_EMAIL'), password: read('PW_TEST_BUYER_PASSWORD') } });
        if (res.status !== 200) throw new Error(`POST /api/login answered ${res.status}, expected 200`);
        const login = res.json as { token: string; user: { id: string } };
        return { variables: { userId: login.user.id, sessionToken: login.token }, headers: { authorization: `Bearer ${login.token}` } };
      },
    };
    const redactor = new Redactor();
    const session = await setUpPersona(persona, options(shop.url, { redactor }));
    expect(session.variables['userId']).toBe('u-1000');
    expect(redactor.text(`${DEMO_BUYER.email} ${DEMO_BUYER.password} ${session.variables['sessionToken'] as string}`)).toBe(
      `${REDACTED} ${REDACTED} ${REDACTED}`,
    );
  });

  it('wraps a setup that throws in PersonaSetupError, keeping the cause', async () => {
    const cause = new Error('POST /api/login answered 401, expected 200');
    const error = await setUpError(
      {
        name: 'locked-out',
        setup: () => {
          throw cause;
        },
      },
      options(shop.url),
    );
    expect(error).toBeInstanceOf(PersonaSetupError);
    expect(error.name).toBe('PersonaSetupError');
    expect(error.message).toBe('persona locked-out setup failed: POST /api/login answered 401, expected 200');
    expect(error.cause).toBe(cause);
  });

  it('describes a thrown non-error by its text', async () => {
    const error = await setUpError({ name: 'odd', setup: () => Promise.reject('no account today') }, options(shop.url));
    expect(error.message).toBe('persona odd setup failed: no account today');
  });

  it('lets a missing secret through as SecretMissingError, unwrapped', async () => {
    vi.stubEnv('PW_TEST_MISSING_PASSWORD', '');
    const error = await setUpError(
      {
        name: 'returning-buyer',
        async setup({ secret: read }) {
          read('PW_TEST_MISSING_PASSWORD');
          return {};
        },
      },
      options(shop.url),
    );
    expect(error).toBeInstanceOf(SecretMissingError);
    expect(error.message).toBe('secret PW_TEST_MISSING_PASSWORD is not set: export the environment variable PW_TEST_MISSING_PASSWORD before running');
  });

  it('fails before any setup when a static header names a missing secret', async () => {
    vi.stubEnv('PW_TEST_MISSING_KEY', '');
    const setup = vi.fn(() => ({}));
    const error = await setUpError({ name: 'keyed', headers: { 'x-api-key': secret('PW_TEST_MISSING_KEY') }, setup }, options(shop.url));
    expect(error).toBeInstanceOf(SecretMissingError);
    expect((error as SecretMissingError).variable).toBe('PW_TEST_MISSING_KEY');
    expect(setup).not.toHaveBeenCalled();
  });

  it('reports a setup request that times out with the request and the transport message', async () => {
    const error = await setUpError(
      {
        name: 'slow',
        async setup({ request }) {
          await request({ path: '/hang' });
        },
      },
      options(echo.url, { defaults: { ...BUILT_IN_DEFAULTS, timeoutMs: 300 } }),
    );
    expect(error).toBeInstanceOf(PersonaSetupError);
    expect(error.message).toBe(`persona slow setup failed: GET /hang: no complete response within 300ms (GET ${echo.url}/hang)`);
  });

  it('bounds a setup request by the time left in the run', async () => {
    const error = await setUpError(
      {
        name: 'slow',
        async setup({ request }) {
          await request({ method: 'POST', path: '/hang', body: {} });
        },
      },
      options(echo.url, { remainingMs: () => 150 }),
    );
    expect(error.message).toBe(`persona slow setup failed: POST /hang: no complete response within 150ms (POST ${echo.url}/hang)`);
  });
});

describe('setUpPersona: headers and cookies', () => {
  it('returns static headers with secret references read and redacted', async () => {
    vi.stubEnv('PW_TEST_STATIC_KEY', 'static-key-777');
    const redactor = new Redactor();
    const session = await setUpPersona({ name: 'keyed', headers: { 'x-api-key': secret('PW_TEST_STATIC_KEY'), 'x-tenant': 'eu' } }, options(echo.url, { redactor }));
    expect(session).toEqual({ variables: {}, headers: { 'x-api-key': 'static-key-777', 'x-tenant': 'eu' }, cookies: {} });
    expect(redactor.text('static-key-777')).toBe(REDACTED);
  });

  it('joins static and setup cookies into one cookie header, redacting the setup ones', async () => {
    vi.stubEnv('PW_TEST_SESSION', 'sess-abc-123');
    const redactor = new Redactor();
    const session = await setUpPersona(
      {
        name: 'cookied',
        cookies: { session: secret('PW_TEST_SESSION'), theme: 'dark' },
        setup: () => ({ cookies: { cart: 'cart-0042' } }),
      },
      options(echo.url, { redactor }),
    );
    expect(session.headers).toEqual({ cookie: 'session=sess-abc-123; theme=dark; cart=cart-0042' });
    // Page steps set the same cookies in the browser, one by one.
    expect(session.cookies).toEqual({ session: 'sess-abc-123', theme: 'dark', cart: 'cart-0042' });
    expect(redactor.text('sess-abc-123 cart-0042 dark')).toBe(`${REDACTED} ${REDACTED} dark`);
  });

  it('passes a storage state on to page steps, its values redacted', async () => {
    const redactor = new Redactor();
    const storageState = {
      cookies: [{ name: 'consent', value: 'consent-5678', url: 'https://shop.example.com' }],
      origins: [{ origin: 'https://shop.example.com', localStorage: [{ name: 'jwt', value: 'jwt-value-9012' }] }],
    };
    const session = await setUpPersona({ name: 'stored', setup: () => ({ storageState }) }, options(echo.url, { redactor }));
    expect(session.storageState).toEqual(storageState);
    expect(redactor.text('consent-5678 jwt-value-9012')).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('sends no cookie header without cookies', async () => {
    const session = await setUpPersona({ name: 'plain', setup: () => ({ variables: { region: 'eu' } }) }, options(echo.url));
    expect(session).toEqual({ variables: { region: 'eu' }, headers: {}, cookies: {} });
  });

  it('redacts variables whose names are sensitive or that the setup names, and header values without their scheme', async () => {
    const redactor = new Redactor();
    await setUpPersona(
      {
        name: 'many',
        setup: () => ({
          variables: { userId: 'u-5555', accountNo: 'acct-9999', apiKey: 'key-1111', count: 1234 },
          sensitive: ['accountNo'],
          headers: { 'X-Auth-Token': 'Token tok-2222', 'X-Trace': 'trace-3333' },
        }),
      },
      options(echo.url, { redactor }),
    );
    expect(redactor.text('u-5555 acct-9999 key-1111 1234 tok-2222 trace-3333 Token')).toBe(`u-5555 ${REDACTED} ${REDACTED} 1234 ${REDACTED} trace-3333 Token`);
  });
});

describe('setUpPersona: ctx.request', () => {
  it('sends the tagging, static and cookie headers and returns status, headers, text and json', async () => {
    vi.stubEnv('PW_TEST_REQ_KEY', 'req-key-4444');
    let response: HttpResponseData | undefined;
    await setUpPersona(
      {
        name: 'echoed',
        headers: { 'X-Api-Key': secret('PW_TEST_REQ_KEY') },
        cookies: { theme: 'dark' },
        async setup({ request }) {
          response = await request({ method: 'POST', path: '/api/echo', query: { n: 2, ok: true }, headers: { 'x-step': 'login' }, body: { name: 'x' } });
        },
      },
      options(echo.url),
    );
    expect(response!.status).toBe(200);
    expect(response!.headers['content-type']).toBe('application/json');
    expect(response!.durationMs).toBeGreaterThan(0);
    const seen = response!.json as RecordedRequest;
    expect(JSON.parse(response!.text)).toEqual(seen);
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/api/echo?n=2&ok=true');
    expect(seen.body).toBe('{"name":"x"}');
    expect(seen.headers).toMatchObject({
      'x-api-key': 'req-key-4444',
      cookie: 'theme=dark',
      'x-step': 'login',
      'content-type': 'application/json',
      'user-agent': `payloadwatch/${VERSION} (synthetic probe)`,
      'x-payloadwatch-probe': 'persona-test',
      'x-payloadwatch-persona': 'echoed',
    });
    expect(seen.headers['traceparent']).toMatch(/^00-11112222333344445555666677778888-[0-9a-f]{16}-01$/);
  });

  it('gives json undefined for a body that is not JSON', async () => {
    let response: HttpResponseData | undefined;
    await setUpPersona(
      {
        name: 'plain',
        async setup({ request }) {
          response = await request({ path: '/plain' });
        },
      },
      options(echo.url),
    );
    expect(response).toEqual({ status: 202, headers: expect.objectContaining({ 'x-answer': 'yes', 'content-type': 'text/plain' }), text: 'not json', json: undefined, durationMs: expect.any(Number) });
  });

  it('gives each setup a fresh run id and the target', async () => {
    const seen: Array<{ runId: string; target: { name: string; url: string } }> = [];
    const persona: PersonaDefinition = { name: 'ids', setup: ({ runId, target }) => void seen.push({ runId, target }) };
    await setUpPersona(persona, options(echo.url));
    await setUpPersona(persona, options(echo.url));
    expect(seen[0]!.runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seen[0]!.runId).not.toBe(seen[1]!.runId);
    expect(seen[0]!.target).toEqual({ name: 'test', url: echo.url });
  });
});
