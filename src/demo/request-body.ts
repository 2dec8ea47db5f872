import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.ts';

/** Request bodies of the demo shop are a few fields; anything bigger is a mistake or an attack. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/** The parsed JSON body, or `undefined` when the request has none. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BODY_BYTES) throw new HttpError(413, `request body is larger than ${MAX_REQUEST_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, `request body is not valid JSON: ${(error as Error).message}`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
