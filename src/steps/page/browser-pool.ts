// One Chromium per process, started the first time a run opens a page and started again
// after it crashes or is killed; every run gets a fresh context, and only so many contexts
// are open at once. Playwright itself is loaded only when a browser is needed.
import type { Browser, BrowserContext, BrowserContextOptions, LaunchOptions } from 'playwright-core';
import { silentLogger, type Logger } from '../../logging/logger.ts';
import { resolveChromium, type ChromiumSource } from './browser-executable.ts';

/** Flags for a closed network: no background traffic, updates, sync or first-run work. */
export const CLOSED_NETWORK_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--mute-audio',
];

const LAUNCH_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 10_000;

export const DEFAULT_PAGE_CONCURRENCY = 2;

export function launchOptions(executablePath: string, isRoot = process.getuid?.() === 0): LaunchOptions {
  return {
    executablePath,
    headless: true,
    // Playwright adds --no-sandbox unless the sandbox is asked for, and root cannot use it.
    chromiumSandbox: !isRoot,
    args: [...CLOSED_NETWORK_ARGS],
    // The CLI stops runs itself on a signal; a browser killed under them would turn an
    // interruption into a crash report.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: LAUNCH_TIMEOUT_MS,
  };
}

export interface BrowserPoolOptions {
  /** `browser.executablePath` of the config, absolute. */
  executablePath?: string;
  /** Contexts open at once. Default 2. */
  pageConcurrency?: number;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** How a browser is started; Playwright's `chromium.launch` by default. */
  launch?: (options: LaunchOptions) => Promise<Browser>;
}

/** The browser could not be started; the message names the binary and Playwright's reason. */
export class BrowserLaunchError extends Error {
  override name = 'BrowserLaunchError';
  constructor(executablePath: string, cause: unknown) {
    super(`Chromium (${executablePath}) did not start: ${firstLine(cause)}`, { cause });
  }
}

export interface PooledContext {
  context: BrowserContext;
  /** The browser's own user agent, which page steps extend. */
  userAgent: string;
  /** Settles when the browser of this context disconnects: it crashed, was killed or was closed. */
  disconnected: Promise<void>;
  /** Closes the context and frees its place; safe to call more than once. */
  release(): Promise<void>;
}

interface Launched {
  browser: Browser;
  userAgent: string;
  source: ChromiumSource;
}

export class BrowserPool {
  #options: BrowserPoolOptions;
  #current: Promise<Launched> | undefined;
  #launches = 0;
  #closed = false;
  readonly #slots: Slots;

  constructor(options: BrowserPoolOptions = {}) {
    this.#options = options;
    this.#slots = new Slots(options.pageConcurrency ?? DEFAULT_PAGE_CONCURRENCY);
  }

  /** How many times a browser was started: 0 until a page is opened. */
  get launches(): number {
    return this.#launches;
  }

  /** New settings apply to the next launch; the concurrency applies at once. */
  configure(options: BrowserPoolOptions): void {
    this.#options = { ...this.#options, ...options };
    if (options.pageConcurrency !== undefined) this.#slots.resize(options.pageConcurrency);
  }

  /**
   * A fresh context, once a place is free; launches the browser when there is none.
   * @throws ChromiumNotFoundError, BrowserLaunchError, or the signal's reason
   */
  async open(contextOptions: (userAgent: string) => BrowserContextOptions, signal?: AbortSignal): Promise<PooledContext> {
    if (this.#closed) throw new Error('the browser is shut down');
    const free = await this.#slots.acquire(signal);
    try {
      const { launched, context } = await this.#newContext(contextOptions, signal);
      const { browser } = launched;
      const disconnected = new Promise<void>((resolve) => {
        if (!browser.isConnected()) resolve();
        else browser.once('disconnected', () => resolve());
      });
      let released: Promise<void> | undefined;
      return {
        context,
        userAgent: launched.userAgent,
        disconnected,
        release: () => {
          released ??= withTimeout(context.close(), CLOSE_TIMEOUT_MS)
            .catch(() => {})
            .finally(free);
          return released;
        },
      };
    } catch (error) {
      free();
      throw error;
    }
  }

  /** A browser that died a moment ago may not have said so yet: one found dead is replaced once. */
  async #newContext(contextOptions: (userAgent: string) => BrowserContextOptions, signal?: AbortSignal): Promise<{ launched: Launched; context: BrowserContext }> {
    for (let attempt = 1; ; attempt++) {
      const current = this.#browser();
      const launched = await current;
      signal?.throwIfAborted();
      try {
        return { launched, context: await launched.browser.newContext(contextOptions(launched.userAgent)) };
      } catch (error) {
        if (attempt > 1 || launched.browser.isConnected()) throw error;
        if (this.#current === current) this.#current = undefined;
      }
    }
  }

  /** Closes the browser; contexts still open are closed with it. */
  async close(): Promise<void> {
    this.#closed = true;
    const current = this.#current;
    this.#current = undefined;
    const launched = await current?.catch(() => undefined);
    if (launched?.browser.isConnected()) await withTimeout(launched.browser.close(), CLOSE_TIMEOUT_MS).catch(() => {});
  }

  #browser(): Promise<Launched> {
    if (this.#current) return this.#current;
    const launching = this.#launch();
    this.#current = launching;
    // A failed launch is tried again by the next run, which may find the browser installed by then.
    launching.catch(() => {
      if (this.#current === launching) this.#current = undefined;
    });
    return launching;
  }

  async #launch(): Promise<Launched> {
    const log = this.#options.log ?? silentLogger();
    const { chromium } = await import('playwright-core');
    const resolved = resolveChromium({
      ...(this.#options.executablePath !== undefined ? { configured: this.#options.executablePath } : {}),
      ...(this.#options.env ? { env: this.#options.env } : {}),
      playwrightPath: () => {
        try {
          return chromium.executablePath();
        } catch {
          return undefined;
        }
      },
    });
    const launch = this.#options.launch ?? ((options: LaunchOptions) => chromium.launch(options));
    let browser: Browser;
    try {
      browser = await launch(launchOptions(resolved.path));
    } catch (error) {
      throw new BrowserLaunchError(resolved.path, error);
    }
    this.#launches += 1;
    const launching = this.#current;
    browser.once('disconnected', () => {
      // Only the browser in use is forgotten; the next open() starts a new one.
      if (this.#current === launching) this.#current = undefined;
      if (!this.#closed) log.warn({ executablePath: resolved.path }, 'the browser disconnected; it is started again for the next page');
    });
    log.debug({ executablePath: resolved.path, source: resolved.source, version: browser.version() }, 'browser started');
    return { browser, userAgent: await defaultUserAgent(browser), source: resolved.source };
  }
}

async function defaultUserAgent(browser: Browser): Promise<string> {
  try {
    const session = await browser.newBrowserCDPSession();
    const { userAgent } = (await session.send('Browser.getVersion')) as { userAgent: string };
    await session.detach().catch(() => {});
    return userAgent;
  } catch {
    return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/${browser.version()} Safari/537.36`;
  }
}

/** A counting semaphore whose waiters can give up when their run's deadline passes. */
class Slots {
  #size: number;
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number) {
    this.#size = Math.max(1, size);
    this.#free = this.#size;
  }

  resize(size: number): void {
    const used = this.#size - this.#free;
    this.#size = Math.max(1, size);
    this.#free = this.#size - used;
    this.#wake();
  }

  acquire(signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.#free += 1;
        this.#wake();
      };
      const take = () => {
        signal?.removeEventListener('abort', abandon);
        this.#free -= 1;
        resolve(release);
      };
      const abandon = () => {
        const index = this.#waiting.indexOf(take);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', abandon, { once: true });
      this.#waiting.push(take);
      this.#wake();
    });
  }

  #wake(): void {
    while (this.#free > 0 && this.#waiting.length > 0) this.#waiting.shift()!();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms}ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Playwright prefixes the API call (`page.goto: `) and appends a call log after a blank line.
  return (message.split('\n')[0] ?? '').replace(/^[\w.]+: /, '').trim();
}

let shared: BrowserPool | undefined;

/** The process's browser; settings passed here apply from the next launch on. */
export function sharedBrowserPool(options?: BrowserPoolOptions): BrowserPool {
  if (!shared) shared = new BrowserPool(options);
  else if (options) shared.configure(options);
  return shared;
}

/** Closes the process's browser, if one was started: for the end of a command or the daemon's shutdown. */
export async function closeBrowser(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
