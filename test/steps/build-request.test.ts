import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { secret } from '../../src/config/define.ts';
import type { ApiRequest } from '../../src/model/definitions.ts';
import { REDACTED, Redactor } from '../../src/personas/redaction.ts';
import { SecretMissingError } from '../../src/personas/secrets.ts';
import { buildRequest, joinUrl, type RequestIdentity } from '../../src/steps/api/build-request.ts';
import { closeHttpClient, exchange } from '../../src/steps/api/http-client.ts';
import { newTraceId, taggingHeaders } from '../../src/steps/api/tagging.ts';
import { UnknownVariableError } from '../../src/steps/template.ts';
import { echoHandler, startTestServer, type RecordedRequest, type TestServer } from '../support/http-server.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = /^00-4bf92f3577b34da6a3ce929d0e0e4736-([0-9a-f]{16})-01$/;

const identity: RequestIdentity = { probe: 'recommendations', persona: 'new-user', traceId: TRACE_ID, headers: {} };
const variables = { userId: 'u-1001', limit: 5, inStock: true };

function build(api: ApiRequest, options: { base?: string; vars?: Record<string, unknown>; id?: Partial<RequestIdentity>; redactor?: Redactor } = {}) {
  return buildRequest(api, options.base ?? 'https://shop.example', options.vars ?? variables, { ...identity, ...options.id }, options.redactor ?? new Redactor());
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('joinUrl', () => {
  it.each([
    ['https://h/shop', '/api/x', 'https://h/shop/api/x'],
    ['https://h/shop/', '/api/x', 'https://h/shop/api/x'],
    ['https://h/shop', 'api/x', 'https://h/shop/api/x'],
    ['https://h/shop//', '//api/x', 'https://h/shop/api/x'],
    ['https://h', '/api/x', 'https://h/api/x'],
    ['https://h/', '/', 'https://h/'],
    ['http://127.0.0.1:8080/v1', '/api/search?q=shoes', 'http://127.0.0.1:8080/v1/api/search?q=shoes'],
  ])('%s + %s = %s', (base, path, url) => {
    expect(joinUrl(base, path).toString()).toBe(url);
  });
});

describe('buildRequest', () => {
  it('sends a GET with exactly the default, persona-free and tagging headers', () => {
    const built = build({ path: '/api/products' });
    expect(built).toEqual({
      method: 'GET',
      url: 'https://shop.example/api/products',
      headers: {
        accept: 'application/json',
        'accept-encoding': 'gzip, deflate, br',
        'user-agent': `payloadwatch/${VERSION} (synthetic probe)`,
        traceparent: expect.stringMatching(TRACEPARENT),
        'x-payloadwatch-probe': 'recommendations',
        'x-payloadwatch-persona': 'new-user',
      },
    });
    expect(built.headers['user-agent']).toMatch(/^payloadwatch\/\d+\.\d+\.\d+ \(synthetic probe\)$/);
  });

  it('joins the path onto a base URL that has a path of its own', () => {
    expect(build({ path: '/api/x' }, { base: 'https://h/shop' }).url).toBe('https://h/shop/api/x');
  });

  it('appends the query, encoded, after any query in the path', () => {
    const built = build({ path: '/api/search?sort=price', query: { q: 'shoes & socks/50%', limit: 5, inStock: true, user: '{{userId}}' } });
    expect(built.url).toBe('https://shop.example/api/search?sort=price&q=shoes+%26+socks%2F50%25&limit=5&inStock=true&user=u-1001');
  });

  it('fills variables in the path, query and headers, writing non-strings as JSON', () => {
    const built = build({
      path: '/api/users/{{userId}}/orders',
      query: { limit: '{{limit}}' },
      headers: { 'X-User': 'user {{userId}}', 'X-Stock': '{{inStock}}' },
    });
    expect(built.url).toBe('https://shop.example/api/users/u-1001/orders?limit=5');
    expect(built.headers['x-user']).toBe('user u-1001');
    expect(built.headers['x-stock']).toBe('true');
  });

  it('sends a body as JSON where a lone placeholder keeps its type, and adds content-type', () => {
    const built = build({
      method: 'POST',
      path: '/api/cart/items',
      body: { productId: 'p-1013', quantity: '{{limit}}', note: 'for {{userId}} ({{limit}})', flags: ['{{inStock}}', null, 3] },
    });
    expect(built.method).toBe('POST');
    expect(built.body).toBe('{"productId":"p-1013","quantity":5,"note":"for u-1001 (5)","flags":[true,null,3]}');
    expect(built.headers['content-type']).toBe('application/json');
  });

  it('keeps a content-type the step sets for its body', () => {
    const built = build({ method: 'PATCH', path: '/x', headers: { 'Content-Type': 'application/merge-patch+json' }, body: { a: 1 } });
    expect(built.headers['content-type']).toBe('application/merge-patch+json');
    expect(Object.keys(built.headers).filter((name) => name === 'content-type')).toHaveLength(1);
  });

  it('sends no body and no content-type without a body; an empty string body is still a body', () => {
    const none = build({ path: '/x' });
    expect('body' in none).toBe(false);
    expect(none.headers['content-type']).toBeUndefined();
    expect(build({ method: 'POST', path: '/x', body: '' }).body).toBe('""');
  });

  it.each<[string, ApiRequest]>([
    ['path', { path: '/api/carts/{{cartId}}' }],
    ['query', { path: '/x', query: { cart: '{{cartId}}' } }],
    ['header', { path: '/x', headers: { 'x-cart': '{{ cartId }}' } }],
    ['body', { path: '/x', method: 'POST', body: { items: [{ cart: '{{cartId}}' }] } }],
  ])('throws on an unknown variable in the %s, naming the known ones', (_where, api) => {
    expect(() => build(api)).toThrow(UnknownVariableError);
    expect(() => build(api)).toThrow("no variable 'cartId'; available: inStock, limit, userId");
  });

  it('reads secret references in headers and query from the environment and registers them for redaction', () => {
    vi.stubEnv('PW_TEST_API_KEY', 'key-0123456789');
    vi.stubEnv('PW_TEST_QUERY_TOKEN', 'qtok-abcdef');
    const redactor = new Redactor();
    const built = build({ path: '/x', headers: { 'X-Api-Key': secret('PW_TEST_API_KEY') }, query: { token: secret('PW_TEST_QUERY_TOKEN') } }, { redactor });
    expect(built.headers['x-api-key']).toBe('key-0123456789');
    expect(built.url).toBe('https://shop.example/x?token=qtok-abcdef');
    expect(redactor.text(`${built.url} ${built.headers['x-api-key']}`)).toBe(`https://shop.example/x?token=${REDACTED} ${REDACTED}`);
  });

  it('hides a query secret in the URL however the query encodes it', () => {
    vi.stubEnv('PW_TEST_QUERY_SECRET', 'my key (v2)!');
    const redactor = new Redactor();
    const built = build({ path: '/x', query: { key: secret('PW_TEST_QUERY_SECRET') } }, { redactor });
    expect(built.url).toBe('https://shop.example/x?key=my+key+%28v2%29%21');
    expect(redactor.text(`GET ${built.url}`)).toBe(`GET https://shop.example/x?key=${REDACTED}`);
  });

  it('reads secret references anywhere in a body and registers them for redaction', () => {
    vi.stubEnv('PW_TEST_EMAIL', 'buyer@example.test');
    vi.stubEnv('PW_TEST_PASSWORD', 'pa"ss word');
    const redactor = new Redactor();
    const built = build(
      { method: 'POST', path: '/api/login', body: { email: secret('PW_TEST_EMAIL'), factors: [{ password: secret('PW_TEST_PASSWORD') }], user: '{{userId}}' } },
      { redactor },
    );
    expect(built.body).toBe('{"email":"buyer@example.test","factors":[{"password":"pa\\"ss word"}],"user":"u-1001"}');
    expect(redactor.text(built.body!)).toBe(`{"email":"${REDACTED}","factors":[{"password":"${REDACTED}"}],"user":"u-1001"}`);
  });

  it('fails with SecretMissingError for a secret that is not set', () => {
    vi.stubEnv('PW_TEST_UNSET', '');
    expect(() => build({ path: '/x', headers: { authorization: secret('PW_TEST_UNSET') } })).toThrow(SecretMissingError);
    expect(() => build({ path: '/x', query: { k: secret('PW_TEST_UNSET') } })).toThrow(
      'secret PW_TEST_UNSET is not set: export the environment variable PW_TEST_UNSET before running',
    );
  });

  it('sends persona headers, lower-cased; a step header of the same name wins', () => {
    const built = build(
      { path: '/x', headers: { authorization: 'Bearer step-token', Accept: 'text/html' } },
      { id: { headers: { Authorization: 'Bearer persona-token', 'X-Tenant': 'eu', cookie: 'sid=1' } } },
    );
    expect(built.headers['authorization']).toBe('Bearer step-token');
    expect(built.headers['x-tenant']).toBe('eu');
    expect(built.headers['cookie']).toBe('sid=1');
    expect(built.headers['accept']).toBe('text/html');
    expect(Object.keys(built.headers).filter((name) => name.toLowerCase() === 'authorization')).toEqual(['authorization']);
  });

  it('always sends the tagging headers, overriding step and persona headers of the same name', () => {
    const built = build(
      {
        path: '/x',
        headers: { 'User-Agent': 'curl/8', traceparent: '00-0-0-00', 'X-Payloadwatch-Probe': 'other', 'x-payloadwatch-persona': 'nobody' },
      },
      { id: { headers: { 'user-agent': 'persona-agent' } } },
    );
    expect(built.headers['user-agent']).toBe(`payloadwatch/${VERSION} (synthetic probe)`);
    expect(built.headers['traceparent']).toMatch(TRACEPARENT);
    expect(built.headers['x-payloadwatch-probe']).toBe('recommendations');
    expect(built.headers['x-payloadwatch-persona']).toBe('new-user');
    expect(Object.keys(built.headers).filter((name) => name.toLowerCase() === 'user-agent')).toEqual(['user-agent']);
  });

  it("shares the run's trace id and gives every request a fresh span id", () => {
    const spans = new Set(
      Array.from({ length: 20 }, () => {
        const match = TRACEPARENT.exec(build({ path: '/x' }).headers['traceparent'] ?? '');
        expect(match).not.toBeNull();
        return match![1];
      }),
    );
    expect(spans.size).toBe(20);
  });
});

describe('tagging', () => {
  it('newTraceId gives 32 lower-case hex digits, different each time', () => {
    const a = newTraceId();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newTraceId()).not.toBe(a);
  });

  it('keeps trace ids well-formed and distinct across refills of the random pool', () => {
    // 1,000 ids of 16 bytes draw the 4 KiB pool about four times over.
    const ids = Array.from({ length: 1000 }, () => newTraceId());
    expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id) && !/^0+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(1000);
  });

  it('taggingHeaders is exactly the four headers', () => {
    expect(taggingHeaders('p', 'q', TRACE_ID)).toEqual({
      'user-agent': `payloadwatch/${VERSION} (synthetic probe)`,
      traceparent: expect.stringMatching(TRACEPARENT),
      'x-payloadwatch-probe': 'p',
      'x-payloadwatch-persona': 'q',
    });
  });
});

describe('buildRequest on the wire', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(echoHandler);
  });
  afterAll(async () => {
    await server.close();
    await closeHttpClient();
  });

  it('arrives with the URL, headers and body it was built with', async () => {
    const built = build(
      { method: 'POST', path: '/shop/api/cart/items', query: { src: 'probe run' }, headers: { 'X-Step': 's1' }, body: { quantity: '{{limit}}' } },
      { base: server.url, id: { headers: { 'X-Tenant': 'eu' } } },
    );
    const result = await exchange({ ...built, timeoutMs: 5_000, maxBodyBytes: 1024 * 1024, maxRedirects: 0 });
    if (!result.ok) throw new Error(result.failure.message);
    const seen = JSON.parse(result.response.body.toString('utf8')) as RecordedRequest;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/shop/api/cart/items?src=probe+run');
    expect(seen.body).toBe('{"quantity":5}');
    expect(seen.headers).toMatchObject({
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate, br',
      'content-type': 'application/json',
      'user-agent': `payloadwatch/${VERSION} (synthetic probe)`,
      traceparent: built.headers['traceparent'],
      'x-payloadwatch-probe': 'recommendations',
      'x-payloadwatch-persona': 'new-user',
      'x-step': 's1',
      'x-tenant': 'eu',
    });
  });
});

describe('buildRequest, where values land', () => {
  it('encodes a path variable as one segment, so a slash or question mark cannot reshape the URL', () => {
    const built = build({ path: '/api/products/{{id}}' }, { vars: { id: 'a/b?c=1 d' } });
    expect(built.url).toBe('https://shop.example/api/products/a%2Fb%3Fc%3D1%20d');
  });

  it('never parses a secret value for placeholders', () => {
    vi.stubEnv('BRACED_SECRET', 'p{{x}}w');
    const built = build({ path: '/api/login', headers: { 'x-key': secret('BRACED_SECRET') }, body: { password: secret('BRACED_SECRET') } }, { vars: {} });
    expect(built.headers['x-key']).toBe('p{{x}}w');
    expect(JSON.parse(built.body!)).toEqual({ password: 'p{{x}}w' });
  });

  it('templates nothing when given no variables (a persona setup\'s own requests)', () => {
    const built = buildRequest({ method: 'POST', path: '/api/login', body: { password: 'a{{b}}c' } }, 'https://shop.example', undefined, identity, new Redactor());
    expect(JSON.parse(built.body!)).toEqual({ password: 'a{{b}}c' });
  });
});
