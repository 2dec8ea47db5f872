// One HTTP exchange through undici, bounded in every direction: a deadline over the
// whole exchange, a body-size limit counted while reading (after decompression, so a
// small gzip bomb is caught too), and a bounded number of redirects. It never throws:
// a failed exchange is a value.
import { performance } from 'node:perf_hooks';
import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { formatMilliseconds } from '../../config/duration.ts';
import { linkedSignal } from '../linked-signal.ts';
import { readBoundedBody, BodyTooLargeError, UnsupportedEncodingError } from './read-body.ts';

export interface HttpExchangeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  /** Aborts the exchange from outside (the run's deadline, shutdown). */
  signal?: AbortSignal;
}

export interface HttpExchangeResponse {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Buffer;
  durationMs: number;
}

export const TRANSPORT_FAILURES = ['timeout', 'aborted', 'connection', 'redirects', 'too-large', 'decode'] as const;
export type TransportFailureKind = (typeof TRANSPORT_FAILURES)[number];

export interface TransportFailure {
  kind: TransportFailureKind;
  message: string;
  durationMs: number;
  /** Known when the failure came after the headers (too-large, decode). */
  status?: number;
  headers?: Record<string, string>;
}

export type HttpExchange = { ok: true; response: HttpExchangeResponse } | { ok: false; failure: TransportFailure };

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([300, 301, 302, 303, 307, 308]);

class TooManyRedirectsError extends Error {
  override name = 'TooManyRedirectsError';
}

let sharedDispatcher: Dispatcher | undefined;

/** One connection pool for the process: keep-alive matters when a daemon probes every few seconds. */
function dispatcher(): Dispatcher {
  sharedDispatcher ??= new Agent({ keepAliveTimeout: 10_000 }).compose(interceptors.redirect());
  return sharedDispatcher;
}

export async function closeHttpClient(): Promise<void> {
  const current = sharedDispatcher;
  sharedDispatcher = undefined;
  await current?.close();
}

export async function exchange(req: HttpExchangeRequest): Promise<HttpExchange> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  // A caller's signal may live long (a shutdown signal): linked for this exchange only.
  const linked = linkedSignal(req.signal);
  const signal = linked.signal;
  // A timer of our own rather than AbortSignal.timeout, which cost more than the rest of
  // the exchange's bookkeeping together; cleared as soon as the exchange is over.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    linked.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, Math.max(1, Math.ceil(req.timeoutMs)));
  timer.unref();
  let status: number | undefined;
  let headers: Record<string, string> | undefined;
  try {
    const response = await request(req.url, {
      dispatcher: dispatcher(),
      method: req.method as Dispatcher.HttpMethod,
      headers: req.headers,
      body: req.body,
      signal,
      maxRedirections: req.maxRedirects,
    } as Parameters<typeof request>[1]);
    // undici's throwOnMaxRedirect also throws when the last allowed hop lands on the final
    // answer, so the limit is checked here: a redirect left unfollowed is one too many.
    if (req.maxRedirects > 0 && REDIRECT_STATUSES.has(response.statusCode) && response.headers['location'] !== undefined) {
      response.body.on('error', () => {}).destroy();
      throw new TooManyRedirectsError();
    }
    status = response.statusCode;
    headers = flattenHeaders(response.headers);
    const body = await readBoundedBody(response.body, headers, req.maxBodyBytes, signal);
    return { ok: true, response: { status, headers, body, durationMs: elapsed() } };
  } catch (error) {
    const failure = describeFailure(error, req, timedOut, elapsed());
    return { ok: false, failure: { ...failure, ...(status !== undefined ? { status, headers } : {}) } };
  } finally {
    clearTimeout(timer);
    linked.dispose();
  }
}

function describeFailure(
  error: unknown,
  req: HttpExchangeRequest,
  timedOut: boolean,
  durationMs: number,
): Omit<TransportFailure, 'status' | 'headers'> {
  const err = error as Error & { code?: string; cause?: { code?: string; message?: string } };
  if (error instanceof BodyTooLargeError) return { kind: 'too-large', message: error.message, durationMs };
  if (timedOut) {
    return { kind: 'timeout', message: `no complete response within ${formatMilliseconds(req.timeoutMs)} (${req.method} ${req.url})`, durationMs };
  }
  if (req.signal?.aborted) {
    const reason = req.signal.reason instanceof Error ? req.signal.reason.message : String(req.signal.reason ?? 'aborted');
    return { kind: 'aborted', message: `request aborted: ${reason}`, durationMs };
  }
  // undici stops a loop (A → B → A) before the limit is reached; following it would pass any limit.
  if (error instanceof TooManyRedirectsError || (err.code === 'UND_ERR_INVALID_ARG' && err.message.startsWith('Redirect loop detected'))) {
    return { kind: 'redirects', message: `more than ${req.maxRedirects} redirects (${req.method} ${req.url})`, durationMs };
  }
  if (error instanceof UnsupportedEncodingError) return { kind: 'decode', message: error.message, durationMs };
  if (err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR' || err.code === 'ERR__ERROR_FORMAT_PADDING_1') {
    return { kind: 'decode', message: `the body could not be decompressed: ${err.message}`, durationMs };
  }
  const code = err.code ?? err.cause?.code;
  const detail = err.cause?.message ?? err.message;
  return { kind: 'connection', message: `${code ? `${code}: ` : ''}${detail} (${req.method} ${req.url})`, durationMs };
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
