// What a page did during one step: uncaught exceptions, console errors, failed subresources,
// and the responses matching what the step declared, kept with their bodies.
import type { ConsoleMessage, Page, Request, Response } from 'playwright-core';
import type { UrlMatcher } from './url-pattern.ts';

export interface DeclaredResponse {
  matcher: UrlMatcher;
  /** Upper-case; any method when absent. */
  method?: string;
}

export interface SeenResponse {
  response: Response;
  /** The body once it has arrived, or why it could not be read. */
  body: Promise<Buffer | Error>;
}

/** A declared response's body is larger than the step may read; the page itself had it whole. */
export class PageBodyTooLargeError extends Error {
  override name = 'PageBodyTooLargeError';
  constructor(
    readonly limitBytes: number,
    readonly bodyBytes: number,
  ) {
    super(`body of ${bodyBytes} bytes exceeds the ${limitBytes}-byte limit`);
  }
}

// Chromium logs every failed subresource to the console too; the network check reports those.
const NETWORK_CONSOLE_NOISE = /^Failed to load resource: /;

export class StepEvents {
  readonly pageErrors: string[] = [];
  readonly consoleErrors: string[] = [];
  readonly failedRequests: string[] = [];
  readonly #declared: readonly DeclaredResponse[];
  readonly #last: Array<SeenResponse | undefined>;
  readonly #page: Page;
  readonly #maxBodyBytes: number;
  #onMatch: (() => void) | undefined;

  constructor(declared: readonly DeclaredResponse[], page: Page, maxBodyBytes: number) {
    this.#declared = declared;
    this.#last = declared.map(() => undefined);
    this.#page = page;
    this.#maxBodyBytes = maxBodyBytes;
  }

  onPageError(error: Error): void {
    const at = /\n\s+at (.+)/.exec(error.stack ?? '')?.[1];
    this.pageErrors.push(`${error.name || 'Error'}: ${error.message}${at ? ` (at ${at.replace(/^.*\((.*)\)$/, '$1')})` : ''}`);
  }

  onConsole(message: ConsoleMessage): void {
    if (message.type() !== 'error' || NETWORK_CONSOLE_NOISE.test(message.text())) return;
    const { url, lineNumber } = message.location();
    this.consoleErrors.push(`${message.text()}${url ? ` (at ${url}:${lineNumber + 1})` : ''}`);
  }

  /** The main document failing is the navigation's own error, reported by the step. */
  onRequestFailed(request: Request, isMainDocument: boolean): void {
    const reason = request.failure()?.errorText ?? 'failed';
    // Requests the page itself gave up on (a navigation away, a closed page) did not fail.
    if (reason === 'net::ERR_ABORTED' || isMainDocument) return;
    this.failedRequests.push(`${request.method()} ${request.url()} → ${reason}`);
  }

  /** `document` responses of the main frame are judged by the step's status check instead. */
  onResponse(response: Response, isMainDocument: boolean): void {
    const request = response.request();
    let declared = false;
    this.#declared.forEach((want, index) => {
      if (want.method !== undefined && request.method() !== want.method) return;
      if (!want.matcher.matches(response.url())) return;
      declared = true;
      this.#last[index] = { response, body: this.#readBody(response) };
    });
    if (declared) this.#onMatch?.();
    else if (!isMainDocument && response.status() >= 400) {
      this.failedRequests.push(`${request.method()} ${response.url()} → ${response.status()}`);
    }
  }

  /**
   * Read at once, before a navigation can take the body away, but only within the size limit:
   * the size comes from the headers or, for a streamed body, from the page's own resource timing.
   */
  async #readBody(response: Response): Promise<Buffer | Error> {
    try {
      await response.finished();
      const size = Number(response.headers()['content-length'] ?? (await decodedSize(this.#page, response.url())));
      if (Number.isFinite(size) && size > this.#maxBodyBytes) return new PageBodyTooLargeError(this.#maxBodyBytes, size);
      return await response.body();
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  lastMatch(index: number): SeenResponse | undefined {
    return this.#last[index];
  }

  /** Resolves once every declared response has come, or when `timeoutMs` has passed. */
  waitForDeclared(timeoutMs: number): Promise<void> {
    if (this.#last.every(Boolean)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#onMatch = undefined;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.#onMatch = () => {
        if (this.#last.every(Boolean)) done();
      };
    });
  }
}

/** The decoded size the page's resource timing gives a URL; `NaN` when it gives none (cross-origin without Timing-Allow-Origin). */
async function decodedSize(page: Page, url: string): Promise<number> {
  const size = await page
    .evaluate(new Function('url', 'const entries = performance.getEntriesByName(url); return entries.length ? entries[entries.length - 1].decodedBodySize : null;') as never, url)
    .catch(() => null);
  return typeof size === 'number' && size > 0 ? size : Number.NaN;
}
