// Small HTTP helpers the demo shop tests share: a JSON client and a raw byte counter.

import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { DEMO_BUYER } from '../../src/demo/store.ts';

export interface ShopResponse {
  status: number;
  headers: Headers;
  text: string;
  /** `undefined` when the body is not JSON. */
  json: any;
}

export interface CallOptions {
  method?: string;
  token?: string;
  body?: unknown;
  /** Sent as is, not JSON-encoded. */
  rawBody?: string;
  /** Extra request headers, e.g. `cookie`. */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export async function call(baseUrl: string, path: string, options: CallOptions = {}): Promise<ShopResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(baseUrl + path, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export async function newUserToken(baseUrl: string): Promise<string> {
  const created = await call(baseUrl, '/api/users', { body: { name: 'Test Shopper' } });
  if (created.status !== 201) throw new Error(`creating a user answered ${created.status}: ${created.text}`);
  return created.json.token as string;
}

export async function buyerToken(baseUrl: string): Promise<string> {
  const session = await call(baseUrl, '/api/login', { body: DEMO_BUYER });
  if (session.status !== 200) throw new Error(`buyer login answered ${session.status}: ${session.text}`);
  return session.json.token as string;
}

export interface RawResult {
  status: number;
  headers: IncomingHttpHeaders;
  /** Bytes as they came over the wire, before any decompression. */
  wireBytes: number;
  body: Buffer;
}

/** GET without any automatic decompression, so tests see what the server really sent. */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, wireBytes: body.length, body });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * Starts a GET and reports whether a response arrived within `waitMs` (or before the
 * connection closed); the request is left open so the caller can see how the server copes with it.
 */
export function answersWithin(url: string, waitMs: number, headers: Record<string, string> = {}): Promise<{ answered: boolean; request: ReturnType<typeof httpRequest> }> {
  return new Promise((resolve) => {
    const request = httpRequest(url, { headers }, () => {
      clearTimeout(timer);
      resolve({ answered: true, request });
    });
    request.on('error', () => undefined);
    request.on('close', () => {
      clearTimeout(timer);
      resolve({ answered: false, request });
    });
    const timer = setTimeout(() => resolve({ answered: false, request }), waitMs);
    request.end();
  });
}
