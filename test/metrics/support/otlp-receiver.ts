// A stand-in OpenTelemetry collector on loopback: it accepts OTLP/HTTP metrics exports,
// protobuf or JSON, decodes each and keeps it for the test to read.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeJsonRequest, decodeProtobufRequest } from './otlp-decode.ts';
import { metricsByName, type DecodedExport, type DecodedMetric } from './metric-view.ts';

export interface ReceivedExport {
  path: string;
  contentType: string;
  exports: DecodedExport[];
}

export interface OtlpReceiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  received: ReceivedExport[];
  /** Resolves once an export satisfying `match` arrived; rejects after `timeoutMs`. */
  waitFor(match: (received: ReceivedExport) => boolean, timeoutMs?: number): Promise<ReceivedExport>;
  close(): Promise<void>;
}

/** Listens on `port` (default: any free one) on 127.0.0.1. */
export async function startOtlpReceiver(port = 0): Promise<OtlpReceiver> {
  const received: ReceivedExport[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();

  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    const contentType = String(request.headers['content-type'] ?? '');
    try {
      const exports = contentType.includes('json') ? decodeJsonRequest(body.toString('utf8')) : decodeProtobufRequest(body);
      received.push({ path: request.url ?? '', contentType, exports });
    } catch (error) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
      return;
    }
    if (contentType.includes('json')) response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    else response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    for (const wake of waiters) wake();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    received,
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(match);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching OTLP export within ${timeoutMs} ms (${received.length} received)`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The named metric of an export, canonical. */
export function metricNamed(received: ReceivedExport, name: string): DecodedMetric | undefined {
  return metricsByName(received.exports).get(name);
}
