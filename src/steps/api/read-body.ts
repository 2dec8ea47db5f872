// Reads a response body into memory without ever holding more than the limit: the
// declared length is checked first, then bytes are counted as they arrive, after
// decompression, and the stream is destroyed the moment the limit is passed.
import { Readable, type Transform } from 'node:stream';
import { brotliDecompressSync, createBrotliDecompress, createGunzip, createInflate, gunzipSync, inflateSync, type ZlibOptions } from 'node:zlib';

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

interface Coding {
  stream(): Transform;
  /** The whole body at once, on the event loop: for small bodies only. */
  once(compressed: Buffer, options: ZlibOptions): Buffer;
}

const CODINGS: Readonly<Record<string, Coding>> = {
  gzip: { stream: createGunzip, once: gunzipSync },
  'x-gzip': { stream: createGunzip, once: gunzipSync },
  deflate: { stream: createInflate, once: inflateSync },
  br: { stream: createBrotliDecompress, once: brotliDecompressSync },
};

/**
 * A compressed body declared at most this long is read whole and inflated in one call.
 * A decompression stream per response cost more than the rest of an API step's judging
 * (a zlib stream, a thread-pool round trip per chunk) for the few kilobytes most APIs send.
 */
export const INFLATE_AT_ONCE_MAX_INPUT = 64 * 1024;
/** ...into at most this many bytes, so a small bomb cannot hold the event loop for long; beyond it, the stream takes over. */
export const INFLATE_AT_ONCE_MAX_OUTPUT = 1024 * 1024;

/** Judging still-compressed bytes as JSON would blame the payload for the transport. */
function codingFor(encoding: string | undefined): Coding | undefined {
  const name = encoding?.trim().toLowerCase();
  if (name === undefined || name === '' || name === 'identity') return undefined;
  const coding = Object.hasOwn(CODINGS, name) ? CODINGS[name] : undefined;
  if (!coding) throw new UnsupportedEncodingError(encoding!);
  return coding;
}

export async function readBoundedBody(
  raw: Readable,
  headers: Record<string, string>,
  limitBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  const declared = Number(headers['content-length']);
  let coding: Coding | undefined;
  try {
    coding = codingFor(headers['content-encoding']);
  } catch (error) {
    raw.on('error', () => {}).destroy();
    throw error;
  }
  if (!coding && Number.isFinite(declared) && declared > limitBytes) {
    // undici's body emits 'error' when destroyed unread; unheard, that error would end the process.
    raw.on('error', () => {}).destroy();
    throw new BodyTooLargeError(limitBytes, declared, true);
  }
  if (!coding) return readAll(raw, limitBytes, signal);
  if (Number.isFinite(declared) && declared <= INFLATE_AT_ONCE_MAX_INPUT) {
    const compressed = await readAll(raw, INFLATE_AT_ONCE_MAX_INPUT, signal);
    const outputCap = Math.min(limitBytes, INFLATE_AT_ONCE_MAX_OUTPUT);
    try {
      const body = coding.once(compressed, { maxOutputLength: outputCap + 1 });
      if (body.length > limitBytes) throw new BodyTooLargeError(limitBytes, body.length, false);
      return body;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
      if (outputCap === limitBytes) throw new BodyTooLargeError(limitBytes, limitBytes + 1, false);
      // More than a short inflate may produce, and the limit allows more: off the event loop.
      return readAll(Readable.from([compressed]).pipe(coding.stream()), limitBytes, signal);
    }
  }
  const decoder = coding.stream();
  raw.on('error', (error) => decoder.destroy(error));
  try {
    return await readAll(raw.pipe(decoder), limitBytes, signal);
  } finally {
    if (!raw.readableEnded) raw.destroy();
  }
}

/**
 * Every byte of `source`, failing the moment there are more than `limitBytes`. Listeners,
 * not `for await`: an async iterator (a promise per chunk, an end-of-stream watcher) cost
 * more than reading a small body does.
 */
function readAll(source: Readable, limitBytes: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let seen = 0;
    const settle = (error: unknown) => {
      source.off('data', onData).off('end', onEnd).off('error', settle).off('close', onClose);
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) return resolve(Buffer.concat(chunks, seen));
      // Whoever destroyed it (we, undici on abort) may still emit an error: unheard, it would end the process.
      source.on('error', () => {});
      if (!source.destroyed) source.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limitBytes) return settle(new BodyTooLargeError(limitBytes, seen, false));
      chunks.push(chunk);
    };
    const onEnd = () => settle(undefined);
    const onAbort = () => settle(signal.reason);
    // Closed without an end and without an error of its own: the body was cut short.
    const onClose = () => settle(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    if (signal.aborted) return settle(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    source.on('data', onData).once('end', onEnd).once('error', settle).once('close', onClose);
  });
}
