// A valid JSON document far larger than any client should read, written piece by piece so the
// shop never holds it in memory, and stopped as soon as nobody is reading.

import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { HUGE_BODY_BYTES } from './faults.ts';
import { acceptsGzip, JSON_CONTENT_TYPE } from './respond.ts';

const PREFIX = '{"items":[';
const SUFFIX = ']}';
const ITEM = JSON.stringify({
  id: 'p-1001',
  name: 'Aurora Wireless Headphones',
  price: 129.99,
  currency: 'EUR',
  category: 'audio',
  rating: 4.6,
  inStock: true,
  imageUrl: '/images/p-1001.jpg',
  updatedAt: '2024-01-01T00:00:00.000Z',
});
const UNIT = Buffer.from(`,${ITEM}`);
const UNITS_PER_CHUNK = Math.floor((64 * 1024) / UNIT.length);
/** Written again and again: one 64 KiB buffer is all the memory a huge body takes. */
const CHUNK = Buffer.concat(Array.from({ length: UNITS_PER_CHUNK }, () => UNIT));

/** Smallest body the layout allows: one item between the brackets. */
export const MIN_HUGE_BODY_BYTES = PREFIX.length + ITEM.length + SUFFIX.length;

/**
 * Writes `{"items":[…]}` of exactly `totalBytes` to `destination` and ends it, honouring
 * backpressure. Stops early, without ending, when `signal` aborts or the destination closes.
 * Resolves with the bytes handed to the destination; rejects only for a size below
 * {@link MIN_HUGE_BODY_BYTES}.
 */
export async function writeHugeJson(destination: Writable, totalBytes: number, signal: AbortSignal): Promise<number> {
  if (totalBytes < MIN_HUGE_BODY_BYTES) throw new RangeError(`a huge body needs at least ${MIN_HUGE_BODY_BYTES} bytes`);
  const closed = new AbortController();
  const onClose = (): void => closed.abort();
  destination.once('close', onClose);
  const stop = AbortSignal.any([signal, closed.signal]);
  let written = 0;

  const write = async (piece: Buffer): Promise<boolean> => {
    if (stop.aborted || destination.destroyed) return false;
    written += piece.length;
    if (destination.write(piece)) return true;
    try {
      await once(destination, 'drain', { signal: stop });
      return true;
    } catch {
      return false;
    }
  };

  try {
    let remaining = totalBytes - PREFIX.length - ITEM.length - SUFFIX.length;
    if (!(await write(Buffer.from(PREFIX + ITEM)))) return written;
    while (remaining >= CHUNK.length) {
      if (!(await write(CHUNK))) return written;
      remaining -= CHUNK.length;
    }
    const lastUnits = Math.floor(remaining / UNIT.length) * UNIT.length;
    // Whitespace is legal before the closing bracket and makes the size exact.
    const tail = Buffer.concat([CHUNK.subarray(0, lastUnits), Buffer.alloc(remaining - lastUnits, ' '), Buffer.from(SUFFIX)]);
    if (!(await write(tail))) return written;
    destination.end();
    return written;
  } finally {
    destination.off('close', onClose);
  }
}

/**
 * Answers 200 with a {@link HUGE_BODY_BYTES} JSON body, gzipped when the client accepts it:
 * compressed, about 256 KiB on the wire expand to the full size, which is what a client's
 * size limit has to survive.
 */
export async function sendHugeBody(request: IncomingMessage, response: ServerResponse, signal: AbortSignal): Promise<void> {
  const compress = acceptsGzip(request);
  response.writeHead(200, {
    'content-type': JSON_CONTENT_TYPE,
    'vary': 'accept-encoding',
    ...(compress ? { 'content-encoding': 'gzip' } : {}),
  });
  let destination: Writable = response;
  if (compress) {
    const gzip = createGzip();
    // Errors end up as a closed stream, which stops the writer; there is nobody to tell.
    pipeline(gzip, response, () => {});
    destination = gzip;
  }
  await writeHugeJson(destination, HUGE_BODY_BYTES, signal);
  // Stopped by the shop closing rather than by the client: cut the answer off visibly.
  if (!destination.writableEnded) response.destroy();
}
