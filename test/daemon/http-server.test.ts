import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListenError, startHttpServer, type DaemonEndpoints, type Readiness, type RunningHttpServer } from '../../src/daemon/http-server.ts';
import { memoryLogger } from '../scheduler/fake-ticks.ts';

let server: RunningHttpServer;
let readiness: Readiness = 'starting';
let prometheus: DaemonEndpoints['prometheusHandler'] = () => undefined;
let page = () => '<!doctype html><p>ok</p>';
const { logger, lines } = memoryLogger();

beforeAll(async () => {
  server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    logger,
    endpoints: {
      readiness: () => readiness,
      prometheusHandler: () => prometheus(),
      statusPage: () => page(),
      statusJson: () => ({ schedules: [] }),
    },
  });
});

afterAll(async () => {
  await server.close();
});

async function get(path: string, init?: RequestInit) {
  const res = await fetch(`${server.url}${path}`, init);
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, body: await res.text() };
}

describe('daemon HTTP endpoints', () => {
  it('/readyz is 503 while starting and stopping, 200 when ready; /healthz is always 200', async () => {
    expect(await get('/readyz')).toMatchObject({ status: 503, body: 'starting\n', type: 'text/plain; charset=utf-8' });
    expect(await get('/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
    readiness = 'ready';
    expect(await get('/readyz')).toMatchObject({ status: 200, body: 'ready\n' });
    readiness = 'stopping';
    expect(await get('/readyz')).toMatchObject({ status: 503, body: 'stopping\n' });
    expect(await get('/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
  });

  it('/metrics is 404 with a hint when the prometheus exporter is off, and the exporter answers when on', async () => {
    const off = await get('/metrics');
    expect(off.status).toBe(404);
    expect(off.body).toBe(
      'metrics are not served here: the prometheus exporter is off\nhint: start the daemon with OTEL_METRICS_EXPORTER=prometheus (or otlp,prometheus to push and serve)\n',
    );
    prometheus = () => (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('up 1\n');
    };
    expect(await get('/metrics?x=1')).toMatchObject({ status: 200, body: 'up 1\n' });
    prometheus = () => undefined;
  });

  it('/ is HTML that may load nothing from elsewhere; /api/status is JSON', async () => {
    const html = await get('/');
    expect(html.status).toBe(200);
    expect(html.type).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.headers.get('cache-control')).toBe('no-store');
    const json = await get('/api/status');
    expect(json.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.body)).toEqual({ schedules: [] });
  });

  it('unknown paths are 404, other methods 405, a failing handler 500 — and the server carries on', async () => {
    expect(await get('/nope')).toMatchObject({ status: 404 });
    const post = await get('/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    page = () => {
      throw new Error('render bug');
    };
    expect(await get('/')).toMatchObject({ status: 500, body: 'internal error\n' });
    expect(lines.some((l) => l.msg === 'an HTTP handler failed')).toBe(true);
    page = () => 'fine';
    expect(await get('/')).toMatchObject({ status: 200, body: 'fine' });
  });

  it('a port in use is a ListenError naming the address, with a hint', async () => {
    const port = Number(new URL(server.url).port);
    const error = await startHttpServer({ host: '127.0.0.1', port, logger, endpoints: {} as DaemonEndpoints }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListenError);
    expect((error as ListenError).message).toBe(`cannot listen on 127.0.0.1:${port}: the address is already in use`);
    expect((error as ListenError).hint).toBe('pass --port <n> (0 picks a free port) or --host <address>');
  });
});
