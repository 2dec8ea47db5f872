import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { createGunzip, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HUGE_BODY_BYTES, startShop } from '../../src/demo/shop.ts';
import type { RunningShop } from '../../src/demo/shop.ts';
import { answersWithin, call, rawGet } from './shop-client.ts';

const MiB = 1024 * 1024;
const started: RunningShop[] = [];

async function shopWith(...faults: Parameters<RunningShop['setFaults']>[0][number][]): Promise<RunningShop> {
  const shop = await startShop({ port: 0, faults });
  started.push(shop);
  return shop;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((shop) => shop.close()));
});

/** Resolves with the response as soon as its headers arrive; the body is left for the caller to read. */
function openResponse(url: string, headers: Record<string, string> = {}): Promise<{ response: IncomingMessage; destroy(): void }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => resolve({ response, destroy: () => request.destroy() }));
    request.on('error', reject);
    request.end();
  });
}

describe('demo shop: start options', () => {
  it('holds every answer for latencyMs first, like an endpoint across a network, and answers it whole', async () => {
    const shop = await startShop({ port: 0, latencyMs: 120 });
    started.push(shop);
    const before = performance.now();
    const answer = await call(shop.url, '/api/products');
    expect(performance.now() - before).toBeGreaterThanOrEqual(115);
    expect(answer.status).toBe(200);
    expect((answer.json as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('listens on the port asked for', async () => {
    const probe = await startShop({ port: 0 });
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const shop = await startShop({ port, host: '127.0.0.1' });
    started.push(shop);
    expect(shop.url).toBe(`http://127.0.0.1:${port}`);
    expect((await call(shop.url, '/healthz')).status).toBe(200);
  });

  it('rejects when the port is taken', async () => {
    const first = await shopWith();
    await expect(startShop({ port: Number(new URL(first.url).port) })).rejects.toThrow(/EADDRINUSE/);
  });

  it('close is idempotent and the shop stops answering', async () => {
    const shop = await startShop();
    const url = shop.url;
    await shop.close();
    await shop.close();
    await expect(call(url, '/healthz', { timeoutMs: 1000 })).rejects.toThrow();
  });
});

describe('demo shop: closing with requests still open', () => {
  it('close returns promptly while hanging requests are open, and ends them', async () => {
    const shop = await startShop({ faults: ['hang'] });
    const hanging = await Promise.all([1, 2, 3].map(() => answersWithin(`${shop.url}/api/products`, 500)));
    expect(hanging.map((request) => request.answered)).toEqual([false, false, false]);
    const ended = hanging.map(({ request }) => new Promise<void>((resolve) => request.on('close', () => resolve())));

    const before = performance.now();
    await shop.close();
    expect(performance.now() - before).toBeLessThan(1000);
    await Promise.all(ended);
  });

  it('close returns promptly while a slow request waits', async () => {
    const shop = await startShop({ faults: ['slow'] });
    const waiting = answersWithin(`${shop.url}/api/products`, 5000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = performance.now();
    await shop.close();
    expect(performance.now() - before).toBeLessThan(1000);
    expect((await waiting).answered).toBe(false);
    // Ended by the close, not left to run out the delay.
    expect(performance.now() - before).toBeLessThan(1000);
  });

  it('close stops a huge body whose reader has paused', async () => {
    const shop = await startShop({ faults: ['huge-body'] });
    const { response } = await openResponse(`${shop.url}/api/products`);
    expect(response.statusCode).toBe(200);
    response.pause();
    const aborted = new Promise<void>((resolve) => response.on('close', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = performance.now();
    await shop.close();
    expect(performance.now() - before).toBeLessThan(1000);
    response.resume();
    await aborted;
    expect(response.complete).toBe(false);
  });
});

describe('demo shop: gzip', () => {
  it('compresses when the client accepts gzip, and only then', async () => {
    const shop = await shopWith();
    const compressed = await rawGet(`${shop.url}/api/products`, { 'accept-encoding': 'br, gzip;q=0.8' });
    expect(compressed.status).toBe(200);
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(compressed.headers['vary']).toBe('accept-encoding');
    expect(Number(compressed.headers['content-length'])).toBe(compressed.wireBytes);
    const text = gunzipSync(compressed.body).toString('utf8');
    expect(JSON.parse(text).total).toBe(24);
    expect(compressed.wireBytes).toBeLessThan(text.length);

    const plain = await rawGet(`${shop.url}/api/products`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString('utf8')).total).toBe(24);

    const refused = await rawGet(`${shop.url}/api/products`, { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('compresses faulted answers too', async () => {
    const shop = await shopWith('truncated-json');
    const response = await rawGet(`${shop.url}/api/products`, { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    const text = gunzipSync(response.body).toString('utf8');
    expect(text.startsWith('{"items":[')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });
});

describe('demo shop: huge-body', () => {
  it('streams more than 10 MiB to a reader that stops early, and stays healthy', async () => {
    const shop = await shopWith('huge-body');
    const { response, destroy } = await openResponse(`${shop.url}/api/products`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.headers['content-encoding']).toBeUndefined();

    let received = 0;
    let head = '';
    for await (const chunk of response as AsyncIterable<Buffer>) {
      if (head.length < 10) head += chunk.toString('utf8', 0, 10);
      received += chunk.length;
      if (received > 10 * MiB) break;
    }
    destroy();
    expect(received).toBeGreaterThan(10 * MiB);
    expect(received).toBeLessThan(HUGE_BODY_BYTES);
    expect(head.startsWith('{"items":[')).toBe(true);

    const health = await call(shop.url, '/healthz', { timeoutMs: 1000 });
    expect(health.json).toEqual({ status: 'ok' });
    shop.setFaults([]);
    const products = await call(shop.url, '/api/products', { timeoutMs: 1000 });
    expect(products.json.total).toBe(24);
  });

  it('is a gzip bomb: a small compressed stream expands to exactly HUGE_BODY_BYTES of valid JSON', async () => {
    const shop = await shopWith('huge-body');
    const { response } = await openResponse(`${shop.url}/api/recommendations`, { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    let wireBytes = 0;
    response.on('data', (chunk: Buffer) => {
      wireBytes += chunk.length;
    });
    const chunks: Buffer[] = [];
    for await (const chunk of response.pipe(createGunzip()) as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);

    expect(HUGE_BODY_BYTES).toBe(64 * MiB);
    expect(body.length).toBe(HUGE_BODY_BYTES);
    expect(wireBytes).toBeGreaterThan(0);
    expect(wireBytes).toBeLessThan(MiB);
    expect(body.length / wireBytes).toBeGreaterThan(100);
    const parsed = JSON.parse(body.toString('utf8')) as { items: Array<{ id: string }> };
    expect(parsed.items.length).toBeGreaterThan(100_000);
    expect(parsed.items[0]?.id).toBe('p-1001');
  });
});
