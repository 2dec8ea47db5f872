import { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { INFLATE_AT_ONCE_MAX_INPUT, INFLATE_AT_ONCE_MAX_OUTPUT, readBoundedBody } from '../../src/steps/api/read-body.ts';

const MiB = 1024 * 1024;
const PAYLOAD = Buffer.from(JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: `p-${i}`, price: i + 0.5 })) }));
const never = new AbortController().signal;

function body(bytes: Buffer, chunkSize = bytes.length): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
  return Readable.from(chunks);
}

function read(compressed: Buffer, encoding: string, limit: number, declared = true, chunkSize?: number) {
  const headers: Record<string, string> = { 'content-encoding': encoding, ...(declared ? { 'content-length': String(compressed.length) } : {}) };
  return readBoundedBody(body(compressed, chunkSize), headers, limit, never);
}

describe('readBoundedBody: small compressed bodies are inflated at once', () => {
  it.each([
    ['gzip', gzipSync(PAYLOAD)],
    ['deflate', deflateSync(PAYLOAD)],
    ['br', brotliCompressSync(PAYLOAD)],
  ])('decodes %s with or without a declared length, whole or in chunks', async (encoding, compressed) => {
    expect(compressed.length).toBeLessThanOrEqual(INFLATE_AT_ONCE_MAX_INPUT);
    expect((await read(compressed, encoding, MiB)).equals(PAYLOAD)).toBe(true);
    expect((await read(compressed, encoding, MiB, false, 100)).equals(PAYLOAD)).toBe(true);
  });

  it('refuses a small bomb at the limit, having inflated no more than the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * MiB));
    await expect(read(bomb, 'gzip', 64 * 1024)).rejects.toThrow('body exceeds the 65536-byte limit (stopped reading after 65537 bytes)');
  });

  it('hands a body that inflates past the at-once bound to the stream, which keeps the limit', async () => {
    const big = Buffer.alloc(INFLATE_AT_ONCE_MAX_OUTPUT * 3, 'x');
    const compressed = gzipSync(big);
    expect(compressed.length).toBeLessThanOrEqual(INFLATE_AT_ONCE_MAX_INPUT);
    expect((await read(compressed, 'gzip', 16 * MiB)).length).toBe(big.length);
    await expect(read(compressed, 'gzip', 2 * MiB)).rejects.toThrow(/^body exceeds the 2097152-byte limit \(stopped reading after \d+ bytes\)$/);
  });

  it('reports a body inflating to exactly the limit as within it', async () => {
    expect((await read(gzipSync(PAYLOAD), 'gzip', PAYLOAD.length)).length).toBe(PAYLOAD.length);
    await expect(read(gzipSync(PAYLOAD), 'gzip', PAYLOAD.length - 1)).rejects.toThrow(`body exceeds the ${PAYLOAD.length - 1}-byte limit`);
  });

  it('reports corrupt and truncated bodies as zlib does', async () => {
    await expect(read(Buffer.from('not gzip at all'), 'gzip', MiB)).rejects.toMatchObject({ code: 'Z_DATA_ERROR', message: 'incorrect header check' });
    const whole = gzipSync(PAYLOAD);
    await expect(read(whole.subarray(0, whole.length - 12), 'gzip', MiB)).rejects.toMatchObject({ code: 'Z_BUF_ERROR', message: 'unexpected end of file' });
  });
});
