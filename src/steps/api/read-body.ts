// Reads a response body into memory without ever holding more than the limit: the
// declared length is checked first, then bytes are counted as they arrive, after
// decompression, and the stream is destroyed the moment the limit is passed.
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(
    readonly limitBytes: number,
    readonly seenBytes: number,
    readonly declared: boolean,
  ) {
    super(
      declared
        ? `body of ${seenBytes} bytes (content-length) exceeds the ${limitBytes}-byte limit`
        : `body exceeds the ${limitBytes}-byte limit (stopped reading after ${seenBytes} bytes)`,
    );
  }
}

export class UnsupportedEncodingError extends Error {
  override name = 'UnsupportedEncodingError';
  constructor(readonly encoding: string) {
    super(`the body's content-encoding '${encoding}' is not supported (gzip, deflate, br or none)`);
  }
}

/** Judging still-compressed bytes as JSON would blame the payload for the transport. */
function decoderFor(encoding: string | undefined): Transform | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case '':
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new UnsupportedEncodingError(encoding!);
  }
}

export async function readBoundedBody(
  raw: Readable,
  headers: Record<string, string>,
  limitBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  const declared = Number(headers['content-length']);
  let decoder: Transform | undefined;
  try {
    decoder = decoderFor(headers['content-encoding']);
  } catch (error) {
    raw.on('error', () => {}).destroy();
    throw error;
  }
  if (!decoder && Number.isFinite(declared) && declared > limitBytes) {
    // undici's body emits 'error' when destroyed unread; unheard, that error would end the process.
    raw.on('error', () => {}).destroy();
    throw new BodyTooLargeError(limitBytes, declared, true);
  }
  const source: Readable = decoder ? raw.pipe(decoder) : raw;
  if (decoder) raw.on('error', (error) => decoder.destroy(error));
  const chunks: Buffer[] = [];
  let seen = 0;
  try {
    for await (const chunk of source) {
      if (signal.aborted) throw signal.reason;
      seen += (chunk as Buffer).length;
      if (seen > limitBytes) throw new BodyTooLargeError(limitBytes, seen, false);
      chunks.push(chunk as Buffer);
    }
  } finally {
    if (!raw.readableEnded) raw.destroy();
    decoder?.destroy();
  }
  return Buffer.concat(chunks, seen);
}
