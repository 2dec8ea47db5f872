// Writing answers: every body goes through here so compression is never forgotten.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Readonly<Record<string, string>>;
}

export function jsonReply(status: number, value: unknown, headers?: Readonly<Record<string, string>>): Reply {
  return { status, contentType: JSON_CONTENT_TYPE, body: JSON.stringify(value), ...(headers ? { headers } : {}) };
}

/** True when the client lists gzip without refusing it (`gzip;q=0`). */
export function acceptsGzip(request: IncomingMessage): boolean {
  const header = request.headers['accept-encoding'];
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding?.trim() !== 'gzip') return false;
    const quality = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

export async function send(request: IncomingMessage, response: ServerResponse, reply: Reply): Promise<void> {
  const raw = Buffer.from(reply.body, 'utf8');
  const compress = acceptsGzip(request);
  const body = compress ? await gzipAsync(raw) : raw;
  if (response.destroyed) return;
  response.writeHead(reply.status, {
    ...reply.headers,
    'content-type': reply.contentType,
    'content-length': String(body.length),
    'vary': 'accept-encoding',
    ...(compress ? { 'content-encoding': 'gzip' } : {}),
  });
  response.end(body);
}
