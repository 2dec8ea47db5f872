import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeHttpClient, exchange } from '../../src/steps/api/http-client.ts';
import { echoHandler, refusingUrl, startRawServer, startTestServer, type TestServer } from '../support/http-server.ts';
import { failureOf, get, responseOf } from './exchange-results.ts';

afterAll(async () => {
  await closeHttpClient();
});

describe('exchange: a normal answer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((request, response, recorded) => {
      if (request.url === '/echo') return echoHandler(request, response, recorded);
      const body = JSON.stringify({ items: [1, 2, 3] });
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.setHeader('Content-Length', String(body.length));
      response.setHeader('X-Request-Id', 'req-42');
      response.setHeader('Set-Cookie', ['a=1', 'b=2']);
      response.writeHead(200);
      response.end(body);
    });
  });
  afterAll(() => server.close());

  it('returns the status, lower-cased headers with repeats joined, the body bytes and a duration', async () => {
    const response = responseOf(await get(`${server.url}/items`));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-length']).toBe('17');
    expect(response.headers['x-request-id']).toBe('req-42');
    expect(response.headers['set-cookie']).toBe('a=1, b=2');
    expect(Object.keys(response.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(response.body).toBeInstanceOf(Buffer);
    expect(response.body.toString('utf8')).toBe('{"items":[1,2,3]}');
    expect(response.body.length).toBe(17);
    expect(response.durationMs).toBeGreaterThan(0);
    expect(response.durationMs).toBeLessThan(5_000);
  });

  it('sends the method, headers and body it is given', async () => {
    const response = responseOf(
      await exchange({
        method: 'PUT',
        url: `${server.url}/echo`,
        headers: { 'content-type': 'application/json', 'x-probe': 'p1' },
        body: '{"q":1}',
        timeoutMs: 5_000,
        maxBodyBytes: 1024 * 1024,
        maxRedirects: 5,
      }),
    );
    const seen = JSON.parse(response.body.toString('utf8')) as { method: string; url: string; headers: Record<string, string>; body: string };
    expect(seen.method).toBe('PUT');
    expect(seen.url).toBe('/echo');
    expect(seen.headers['x-probe']).toBe('p1');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.body).toBe('{"q":1}');
  });
});

describe('exchange: transport failures', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((request, response) => {
      if (request.url === '/hang') return; // accepted, never answered
      if (request.url === '/stall-body') {
        // Headers and part of the body, then nothing.
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"items":[');
        return;
      }
      response.end('ok');
    });
  });
  afterAll(() => server.close());

  it('gives up on a server that never answers, at the per-request timeout', async () => {
    const failure = failureOf(await get(`${server.url}/hang`, { timeoutMs: 300 }));
    expect(failure).toEqual({
      kind: 'timeout',
      message: `no complete response within 300ms (GET ${server.url}/hang)`,
      durationMs: expect.any(Number),
    });
    expect(failure.durationMs).toBeGreaterThanOrEqual(250);
    expect(failure.durationMs).toBeLessThan(5_000);
  });

  it('counts the time reading the body against the same timeout, and keeps the status it saw', async () => {
    const failure = failureOf(await get(`${server.url}/stall-body`, { timeoutMs: 300 }));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toBe(`no complete response within 300ms (GET ${server.url}/stall-body)`);
    expect(failure.status).toBe(200);
    expect(failure.headers?.['content-type']).toBe('application/json');
    expect(failure.durationMs).toBeLessThan(5_000);
  });

  it('stops when the caller aborts, naming the reason', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    const failure = failureOf(await get(`${server.url}/hang`, { signal: controller.signal, timeoutMs: 10_000 }));
    expect(failure).toEqual({ kind: 'aborted', message: 'request aborted: shutting down', durationMs: expect.any(Number) });
    expect(failure.durationMs).toBeLessThan(5_000);
  });

  it('reports an abort without a reason as aborted, not as a timeout', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = failureOf(await get(`${server.url}/hang`, { signal: controller.signal }));
    expect(failure.kind).toBe('aborted');
    expect(failure.message).toBe('request aborted: This operation was aborted');
  });

  it('reports a refused connection with its code', async () => {
    const url = await refusingUrl();
    const port = new URL(url).port;
    const failure = failureOf(await get(`${url}/api/products`));
    expect(failure).toEqual({
      kind: 'connection',
      message: `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port} (GET ${url}/api/products)`,
      durationMs: expect.any(Number),
    });
  });

  it('reports a body cut short of its content-length as a connection failure after the headers', async () => {
    const raw = await startRawServer('HTTP/1.1 200 OK\r\ncontent-length: 100\r\ncontent-type: text/plain\r\n\r\nshort');
    try {
      const failure = failureOf(await get(`${raw.url}/x`));
      expect(failure.kind).toBe('connection');
      expect(failure.message).toBe(`UND_ERR_SOCKET: other side closed (GET ${raw.url}/x)`);
      expect(failure.status).toBe(200);
      expect(failure.headers).toEqual({ 'content-length': '100', 'content-type': 'text/plain' });
    } finally {
      await raw.close();
    }
  });
});

describe('exchange: redirects', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
      if (hop) {
        const left = Number(hop[1]);
        if (left === 0) {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"arrived":true}');
        } else {
          response.writeHead(302, { location: `/hop/${left - 1}` });
          response.end('moved');
        }
        return;
      }
      // A ↔ B, forever.
      if (url.pathname === '/loop/a') return void response.writeHead(302, { location: '/loop/b' }).end();
      if (url.pathname === '/loop/b') return void response.writeHead(302, { location: '/loop/a' }).end();
      if (url.pathname === '/self') return void response.writeHead(301, { location: '/self' }).end();
      response.writeHead(404).end();
    });
  });
  afterAll(() => server.close());

  const hopsSince = (before: number) => server.requests.slice(before).map((r) => r.url);

  it('follows redirects up to the limit and returns the final answer', async () => {
    const before = server.requests.length;
    const response = responseOf(await get(`${server.url}/hop/2`, { maxRedirects: 2 }));
    expect(response.status).toBe(200);
    expect(response.body.toString('utf8')).toBe('{"arrived":true}');
    expect(hopsSince(before)).toEqual(['/hop/2', '/hop/1', '/hop/0']);
  });

  it('follows exactly the default five', async () => {
    const response = responseOf(await get(`${server.url}/hop/5`, { maxRedirects: 5 }));
    expect(response.status).toBe(200);
  });

  it('fails with kind redirects one hop past the limit, without following it', async () => {
    const before = server.requests.length;
    const failure = failureOf(await get(`${server.url}/hop/3`, { maxRedirects: 2 }));
    expect(failure).toEqual({ kind: 'redirects', message: `more than 2 redirects (GET ${server.url}/hop/3)`, durationMs: expect.any(Number) });
    expect(hopsSince(before)).toEqual(['/hop/3', '/hop/2', '/hop/1']);
  });

  it('reports a redirect loop as too many redirects', async () => {
    const failure = failureOf(await get(`${server.url}/loop/a`, { maxRedirects: 2 }));
    expect(failure.kind).toBe('redirects');
    expect(failure.message).toBe(`more than 2 redirects (GET ${server.url}/loop/a)`);

    const self = failureOf(await get(`${server.url}/self`, { maxRedirects: 5 }));
    expect(self.kind).toBe('redirects');
    expect(self.message).toBe(`more than 5 redirects (GET ${server.url}/self)`);
  });

  it('returns the redirect itself when following is off', async () => {
    const before = server.requests.length;
    const response = responseOf(await get(`${server.url}/hop/1`, { maxRedirects: 0 }));
    expect(response.status).toBe(302);
    expect(response.headers['location']).toBe('/hop/0');
    expect(response.body.toString('utf8')).toBe('moved');
    expect(hopsSince(before)).toEqual(['/hop/1']);
  });
});
