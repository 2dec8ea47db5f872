// A loopback HTTP server whose answers a test scripts, recording every request it sees
// and how many were in flight at once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
}

/** What a handler gets: the request, the response, and how many requests came to this path before it (0 for the first). */
export type ScriptedHandler = (request: IncomingMessage, response: ServerResponse, seenOnPath: number) => void | Promise<void>;

export interface ScriptedServer {
  url: string;
  requests: SeenRequest[];
  /** Requests to one path, query ignored. */
  count(path: string): number;
  /** Most requests being answered at the same time. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export async function startScriptedServer(handler: ScriptedHandler): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  const perPath = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const seenOnPath = perPath.get(path) ?? 0;
    perPath.set(path, seenOnPath + 1);
    requests.push({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight -= 1;
    };
    response.on('close', finish);
    request.socket.on('close', finish);
    Promise.resolve(handler(request, response, seenOnPath)).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (path) => perPath.get(path) ?? 0,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** Drops the connection without an answer: the client sees a connection error. */
export function resetConnection(request: IncomingMessage): void {
  request.socket.destroy();
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
