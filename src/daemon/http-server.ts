// The daemon's HTTP endpoints: liveness, readiness, Prometheus metrics, the status page
// and its JSON. A handler's failure answers 500 and is logged; it never reaches the process.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.ts';

export const READINESS = ['starting', 'ready', 'stopping'] as const;
export type Readiness = (typeof READINESS)[number];

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface DaemonEndpoints {
  readiness(): Readiness;
  /** Undefined when the prometheus exporter is off. */
  prometheusHandler(): RequestHandler | undefined;
  statusPage(): string;
  statusJson(): unknown;
}

export interface HttpServerOptions {
  /** @example '127.0.0.1', '0.0.0.0', '::' */
  host: string;
  /** 0: any free port. */
  port: number;
  endpoints: DaemonEndpoints;
  logger: Logger;
}

export interface RunningHttpServer {
  /** e.g. `http://127.0.0.1:9470` */
  url: string;
  close(): Promise<void>;
}

/** The address could not be listened on (in use, not permitted, no such interface). */
export class ListenError extends Error {
  override name = 'ListenError';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly code: string | undefined,
    options: { cause: unknown },
  ) {
    const why = code === 'EADDRINUSE' ? 'the address is already in use' : code === 'EACCES' ? 'permission denied' : String((options.cause as Error)?.message ?? options.cause);
    super(`cannot listen on ${host}:${port}: ${why}`, options);
  }

  get hint(): string {
    return 'pass --port <n> (0 picks a free port) or --host <address>';
  }
}

const METRICS_OFF =
  'metrics are not served here: the prometheus exporter is off\n' +
  'hint: start the daemon with OTEL_METRICS_EXPORTER=prometheus (or otlp,prometheus to push and serve)\n';

/** The page must not load anything from elsewhere, and runs no script at all. */
const PAGE_SECURITY = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

const TEXT = 'text/plain; charset=utf-8';

export function handleRequest(req: IncomingMessage, res: ServerResponse, endpoints: DaemonEndpoints): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, TEXT, 'method not allowed: use GET\n', { allow: 'GET, HEAD' });
    return;
  }
  switch (path) {
    case '/healthz':
      send(res, 200, TEXT, 'ok\n');
      return;
    case '/readyz': {
      const readiness = endpoints.readiness();
      send(res, readiness === 'ready' ? 200 : 503, TEXT, `${readiness}\n`);
      return;
    }
    case '/metrics': {
      const handler = endpoints.prometheusHandler();
      if (handler) handler(req, res);
      else send(res, 404, TEXT, METRICS_OFF);
      return;
    }
    case '/':
      send(res, 200, 'text/html; charset=utf-8', endpoints.statusPage(), PAGE_SECURITY);
      return;
    case '/api/status':
      send(res, 200, 'application/json; charset=utf-8', `${JSON.stringify(endpoints.statusJson(), null, 2)}\n`);
      return;
    default:
      send(res, 404, TEXT, `not found: ${path}\nendpoints: / (status page), /api/status, /metrics, /healthz, /readyz\n`);
  }
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const log = options.logger;
  const server = createServer((req, res) => {
    try {
      handleRequest(req, res, options.endpoints);
    } catch (error) {
      log.error({ err: error, url: req.url }, 'an HTTP handler failed');
      if (!res.headersSent) send(res, 500, TEXT, 'internal error\n');
      else res.destroy();
    }
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(new ListenError(options.host, options.port, error.code, { cause: error }));
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (error) => log.error({ err: error }, 'HTTP server error'));
  const url = `http://${urlHost(server.address() as AddressInfo)}`;
  let closed: Promise<void> | undefined;
  return {
    url,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections (a scraper, a browser tab) would hold `close` open.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** A wildcard address is reachable on loopback; IPv6 needs brackets in a URL. */
function urlHost({ address, family, port }: AddressInfo): string {
  if (address === '0.0.0.0') return `127.0.0.1:${port}`;
  if (address === '::') return `[::1]:${port}`;
  return family === 'IPv6' ? `[${address}]:${port}` : `${address}:${port}`;
}
