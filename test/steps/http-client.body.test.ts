import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type RunningShop } from '../../src/demo/shop.ts';
import { closeHttpClient, type HttpExchange, type HttpExchangeRequest } from '../../src/steps/api/http-client.ts';
import { startTestServer, type TestServer } from '../support/http-server.ts';
import { failureOf, get as getWithDefaults, responseOf } from './exchange-results.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const PAYLOAD = '{"items":[{"id":"p-1","price":9.5}],"total":1}';
/** 8 MiB of zeros: about 8 KiB on the wire. */
const BOMB = gzipSync(Buffer.alloc(8 * MiB));

/** The body tests' limit is small: 4 KiB, so that limits are reached with small bodies. */
function get(url: string, overrides: Partial<HttpExchangeRequest> = {}): Promise<HttpExchange> {
  return getWithDefaults(url, { maxBodyBytes: 4096, ...overrides });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((request, response) => {
    const path = request.url ?? '/';
    const sized = /^\/sized\/(\d+)$/.exec(path);
    if (sized) {
      const body = Buffer.alloc(Number(sized[1]), 'a');
      response.writeHead(200, { 'content-length': String(body.length) });
      return void response.end(body);
    }
    switch (path) {
      case '/lying-length':
        // Declares more than the limit but sends little: the declaration alone is refused.
        response.writeHead(200, { 'content-length': '5000' });
        return void response.end(Buffer.alloc(5000, 'b'));
      case '/chunked-endless':
        // No content-length; 4000 bytes, then 1000 more, then the answer never ends.
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.write(Buffer.alloc(4000, 'c'));
        setTimeout(() => response.write(Buffer.alloc(1000, 'c')), 30);
        return;
      case '/bomb':
        response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(BOMB.length), 'content-type': 'application/json' });
        return void response.end(BOMB);
      case '/gzip':
        response.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' });
        return void response.end(gzipSync(PAYLOAD));
      case '/x-gzip':
        response.writeHead(200, { 'content-encoding': 'x-gzip' });
        return void response.end(gzipSync(PAYLOAD));
      case '/deflate':
        response.writeHead(200, { 'content-encoding': 'deflate' });
        return void response.end(deflateSync(PAYLOAD));
      case '/br':
        response.writeHead(200, { 'content-encoding': 'br' });
        return void response.end(brotliCompressSync(PAYLOAD));
      case '/identity':
        response.writeHead(200, { 'content-encoding': 'identity' });
        return void response.end(PAYLOAD);
      case '/corrupt-gzip':
        response.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' });
        return void response.end('this is not gzip at all');
      case '/truncated-gzip': {
        const whole = gzipSync(PAYLOAD);
        response.writeHead(200, { 'content-encoding': 'gzip' });
        return void response.end(whole.subarray(0, whole.length - 12));
      }
      case '/stacked':
        // Two codings applied in turn; payloadwatch decodes one, and says so rather than judge compressed bytes.
        response.writeHead(200, { 'content-encoding': 'gzip, br' });
        return void response.end(brotliCompressSync(gzipSync(PAYLOAD)));
      case '/corrupt-br':
        response.writeHead(200, { 'content-encoding': 'br' });
        return void response.end('garbage garbage garbage garbage');
      default:
        response.writeHead(404).end();
    }
  });
});
afterAll(async () => {
  await server.close();
  await closeHttpClient();
});

describe('exchange: the body-size limit', () => {
  it('refuses a declared content-length above the limit before reading the body', async () => {
    const failure = failureOf(await get(`${server.url}/lying-length`, { maxBodyBytes: 4096 }));
    expect(failure).toEqual({
      kind: 'too-large',
      message: 'body of 5000 bytes (content-length) exceeds the 4096-byte limit',
      durationMs: expect.any(Number),
      status: 200,
      headers: expect.objectContaining({ 'content-length': '5000' }),
    });
  });

  it('regression: refusing a declared oversize body leaves no unheard stream error to end the process', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      expect(failureOf(await get(`${server.url}/sized/5000`, { maxBodyBytes: 4096 })).kind).toBe('too-large');
      // undici reports a destroyed body on a later turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });

  it('reads a body of exactly the limit', async () => {
    const response = responseOf(await get(`${server.url}/sized/4096`, { maxBodyBytes: 4096 }));
    expect(response.body.length).toBe(4096);
    const over = failureOf(await get(`${server.url}/sized/4097`, { maxBodyBytes: 4096 }));
    expect(over.message).toBe('body of 4097 bytes (content-length) exceeds the 4096-byte limit');
  });

  it('stops reading a chunked body the moment it passes the limit, without waiting for its end', async () => {
    const failure = failureOf(await get(`${server.url}/chunked-endless`, { maxBodyBytes: 4096, timeoutMs: 10_000 }));
    expect(failure.kind).toBe('too-large');
    expect(failure.message).toBe('body exceeds the 4096-byte limit (stopped reading after 5000 bytes)');
    expect(failure.status).toBe(200);
    expect(failure.durationMs).toBeLessThan(5_000);
  });

  it('counts a gzip bomb after decompression', async () => {
    expect(BOMB.length).toBeLessThan(64 * KiB);
    const failure = failureOf(await get(`${server.url}/bomb`, { maxBodyBytes: 64 * KiB, headers: { 'accept-encoding': 'gzip' } }));
    expect(failure.kind).toBe('too-large');
    const match = /^body exceeds the 65536-byte limit \(stopped reading after (\d+) bytes\)$/.exec(failure.message);
    expect(match, failure.message).not.toBeNull();
    const seen = Number(match![1]);
    expect(seen).toBeGreaterThan(64 * KiB);
    expect(seen).toBeLessThan(1 * MiB);
    expect(failure.status).toBe(200);
  });
});

describe('exchange: compressed bodies', () => {
  it.each(['/gzip', '/x-gzip', '/deflate', '/br'])('decodes %s', async (path) => {
    const response = responseOf(await get(server.url + path));
    expect(response.body.toString('utf8')).toBe(PAYLOAD);
    expect(response.headers['content-encoding']).toBe(path.slice(1));
  });

  it('passes an identity body through as it came', async () => {
    expect(responseOf(await get(`${server.url}/identity`)).body.toString('utf8')).toBe(PAYLOAD);
  });

  it.each([
    ['/corrupt-gzip', 'the body could not be decompressed: incorrect header check'],
    ['/truncated-gzip', 'the body could not be decompressed: unexpected end of file'],
    ['/corrupt-br', 'the body could not be decompressed: Decompression failed'],
  ])('reports %s as a decode failure after the headers', async (path, message) => {
    const failure = failureOf(await get(server.url + path));
    expect(failure.kind).toBe('decode');
    expect(failure.message).toBe(message);
    expect(failure.status).toBe(200);
    expect(failure.headers?.['content-encoding']).toBe(path === '/corrupt-br' ? 'br' : 'gzip');
  });
});

describe('exchange: codings it does not decode', () => {
  it('reports a stacked content-encoding as a decode failure naming it', async () => {
    const failure = failureOf(await get(`${server.url}/stacked`));
    expect(failure.kind).toBe('decode');
    expect(failure.message).toBe("the body's content-encoding 'gzip, br' is not supported (gzip, deflate, br or none)");
    expect(failure.status).toBe(200);
  });
});

describe('exchange: memory against the demo shop huge-body fault', () => {
  let shop: RunningShop;
  beforeAll(async () => {
    shop = await startShop({ faults: ['huge-body'] });
  });
  afterAll(() => shop.close());

  it('reads a 64 MiB gzipped answer with a 5 MiB limit without holding it', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().arrayBuffers;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }, 2);
    const result = await get(`${shop.url}/api/products`, { headers: { 'accept-encoding': 'gzip' }, maxBodyBytes: 5 * MiB, timeoutMs: 30_000 });
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);

    const failure = failureOf(result);
    expect(failure.kind).toBe('too-large');
    expect(failure.headers?.['content-encoding']).toBe('gzip');
    const match = /^body exceeds the 5242880-byte limit \(stopped reading after (\d+) bytes\)$/.exec(failure.message);
    expect(match, failure.message).not.toBeNull();
    expect(Number(match![1])).toBeLessThan(6 * MiB);
    expect(peak - before).toBeLessThan(32 * MiB);
  });
});
