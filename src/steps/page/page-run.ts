// The browser side of one run: a context opened at the run's first page step with the
// persona's state (cookies, storage, device, locale, time zone), one page its page steps
// share, a trace recorded throughout (unless turned off), and at the end either nothing
// kept (the run passed) or a screenshot, a redacted HTML snapshot and the trace.
import { writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page, Request } from 'playwright-core';
import type { Logger } from '../../logging/logger.ts';
import type { BrowserCookie, PersonaDefinition, StorageState, TraceMode } from '../../model/definitions.ts';
import type { Redactor } from '../../personas/redaction.ts';
import { USER_AGENT } from '../../version.ts';
import { taggingHeaders } from '../api/tagging.ts';
import { reserveArtifactDir } from './artifact-dir.ts';
import type { BrowserPool, PooledContext } from './browser-pool.ts';
import { firstLine, withTimeout } from './browser-pool.ts';
import { playwrightDevices } from './device-names.ts';
import { StepEvents, type DeclaredResponse } from './page-events.ts';
import { redactZip } from './redact-zip.ts';
import { globToRegExp } from './url-pattern.ts';

export interface PageRunOptions {
  pool: BrowserPool;
  probe: string;
  persona: PersonaDefinition;
  /** What the persona's setup gave the run. */
  session: { cookies: Readonly<Record<string, string>>; storageState?: StorageState };
  target: { name: string; url: string };
  traceId: string;
  /** What the run records for its failure report. */
  trace: TraceMode;
  redactor: Redactor;
  /** Aborted at the run's deadline or at shutdown: waiting for a browser stops then. */
  signal: AbortSignal;
  log: Logger;
}

export interface ArtifactOptions {
  /** Keep a screenshot, the trace and the HTML snapshot. */
  save: boolean;
  /** The reports folder, absolute; artifacts go under its `artifacts/` folder. */
  outputDir: string;
  /** When the attempt started: names the attempt's folder. */
  startedAt: Date;
  /** Artifact paths are given relative to this folder. */
  cwd: string;
}

/** Why a run's browser can no longer be used; the message is the run's error. */
export class BrowserLostError extends Error {
  override name = 'BrowserLostError';
}

export const BROWSER_DISCONNECTED = 'the browser disconnected (it crashed or was killed); it is started again for the next run';
const PAGE_CRASHED = 'the page crashed';
const ARTIFACT_TIMEOUT_MS = 15_000;

interface Opened {
  pooled: PooledContext;
  page: Page;
}

export class PageRun {
  readonly #options: PageRunOptions;
  #opening: Promise<Opened> | undefined;
  #events: StepEvents | undefined;
  #lostReason: string | undefined;
  #finished = false;
  readonly lost: Promise<BrowserLostError>;
  #markLost!: (reason: string) => void;

  constructor(options: PageRunOptions) {
    this.#options = options;
    this.lost = new Promise((resolve) => {
      this.#markLost = (reason) => {
        this.#lostReason ??= reason;
        resolve(new BrowserLostError(this.#lostReason));
      };
    });
  }

  /** Why the browser went away during this run, if it did. */
  get lostReason(): string | undefined {
    return this.#lostReason;
  }

  /** The run's page, opened on first use, and a fresh record of what it does during the step. */
  async open(declared: readonly DeclaredResponse[], maxBodyBytes: number): Promise<{ page: Page; events: StepEvents }> {
    if (this.#finished) throw new Error('the run is over');
    this.#opening ??= this.#openPage();
    const { page } = await this.#opening;
    this.#events = new StepEvents(declared, page, maxBodyBytes);
    return { page, events: this.#events };
  }

  /** Saves artifacts when asked, then closes the context; never throws. Returns the paths saved. */
  async finish(artifacts: ArtifactOptions): Promise<string[]> {
    if (this.#finished) return [];
    this.#finished = true;
    const opening = this.#opening;
    if (!opening) return [];
    let opened: Opened | undefined;
    try {
      opened = await withTimeout(opening, ARTIFACT_TIMEOUT_MS);
    } catch {
      // Not opened in time, or not at all: once it is, it is closed.
      void opening.then((late) => late.pooled.release(), () => {});
      return [];
    }
    try {
      if (artifacts.save && this.#lostReason === undefined) return await withTimeout(this.#save(opened, artifacts), ARTIFACT_TIMEOUT_MS * 2);
      if (this.#options.trace !== 'off') await opened.pooled.context.tracing.stop().catch(() => {});
      return [];
    } catch (error) {
      this.#options.log.warn({ err: firstLine(error) }, 'artifacts could not be saved');
      return [];
    } finally {
      await opened.pooled.release();
    }
  }

  async #openPage(): Promise<Opened> {
    const { pool, target, signal } = this.#options;
    const pooled = await pool.open((userAgent) => this.#contextOptions(userAgent), signal);
    try {
      void pooled.disconnected.then(() => this.#markLost(BROWSER_DISCONNECTED));
      const { context } = pooled;
      const cookies = this.#cookies();
      if (cookies.length > 0) await context.addCookies(cookies);
      // Tagging headers go to the target only: on other origins they would make every
      // cross-origin fetch a CORS preflight the page never asked for. A RegExp rather than a
      // predicate: Playwright matches it itself, so requests to other origins are never
      // handed to this process at all.
      await context.route(
        globToRegExp(`${new URL(target.url).origin}/**`),
        (route) => {
          const { probe, persona, traceId } = this.#options;
          const { 'user-agent': _userAgent, ...tagging } = taggingHeaders(probe, persona.name, traceId);
          return route.fallback({ headers: { ...route.request().headers(), ...tagging } });
        },
      );
      const { trace } = this.#options;
      if (trace !== 'off') await context.tracing.start({ screenshots: trace === 'screencast', snapshots: true, sources: false });
      const page = await context.newPage();
      page.on('crash', () => this.#markLost(PAGE_CRASHED));
      page.on('pageerror', (error) => this.#events?.onPageError(error));
      page.on('console', (message) => this.#events?.onConsole(message));
      const isMainDocument = (request: Request) => request.isNavigationRequest() && request.frame() === page.mainFrame();
      page.on('requestfailed', (request) => this.#events?.onRequestFailed(request, isMainDocument(request)));
      page.on('response', (response) => this.#events?.onResponse(response, isMainDocument(response.request())));
      return { pooled, page };
    } catch (error) {
      await pooled.release();
      throw error;
    }
  }

  #contextOptions(userAgent: string): BrowserContextOptions {
    const { persona, session } = this.#options;
    const device = persona.device !== undefined ? playwrightDevices()[persona.device] : undefined;
    // Device descriptors name a browser type; the context is Chromium's whatever they say.
    const { defaultBrowserType: _browserType, ...emulation } = device ?? { defaultBrowserType: undefined };
    const origins = session.storageState?.origins;
    return {
      ...emulation,
      userAgent: `${device?.userAgent ?? userAgent} ${USER_AGENT}`,
      ...(persona.locale !== undefined ? { locale: persona.locale } : {}),
      ...(persona.timezone !== undefined ? { timezoneId: persona.timezone } : {}),
      ...(origins?.length ? { storageState: { cookies: [], origins: origins.map((o) => ({ origin: o.origin, localStorage: [...o.localStorage] })) } } : {}),
      // Service workers answer requests where neither the routes nor the response record see them.
      serviceWorkers: 'block',
    };
  }

  /** The setup's cookies for the target, then those of its storage state (a cookie needs a URL, or a domain and a path). */
  #cookies(): Parameters<BrowserContext['addCookies']>[0] {
    const { session, target } = this.#options;
    const url = new URL(target.url).origin;
    const fromPersona = Object.entries(session.cookies).map(([name, value]) => ({ name, value, url }));
    const fromState = (session.storageState?.cookies ?? []).map((cookie: BrowserCookie) =>
      cookie.domain !== undefined ? { ...cookie, path: cookie.path ?? '/' } : { ...cookie, url: cookie.url ?? url },
    );
    return [...fromPersona, ...fromState];
  }

  async #save({ pooled, page }: Opened, artifacts: ArtifactOptions): Promise<string[]> {
    const { redactor, log, probe, persona } = this.#options;
    const dir = await reserveArtifactDir(artifacts.outputDir, probe, persona.name, artifacts.startedAt);
    const saved: string[] = [];
    const keep = async (file: string, make: (path: string) => Promise<unknown>) => {
      const path = join(dir, file);
      try {
        await make(path);
        const fromCwd = relative(artifacts.cwd, path);
        // Inside the working directory a short relative path; outside it, the whole path.
        saved.push(fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) ? path : fromCwd);
      } catch (error) {
        log.warn({ artifact: file, err: firstLine(error) }, 'an artifact could not be saved');
      }
    };
    await keep('screenshot.png', (path) => page.screenshot({ path, fullPage: true, timeout: ARTIFACT_TIMEOUT_MS }));
    await keep('page.html', async (path) => writeFile(path, redactor.text(await page.content())));
    if (this.#options.trace === 'off') return saved;
    await keep('trace.zip', async (path) => {
      await pooled.context.tracing.stop({ path });
      await redactZip(path, (text) => redactor.text(text));
    });
    return saved;
  }
}
