// The browser: which binary, which flags, started only when a page step runs, bounded, and
// started again after it is killed in the middle of a run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, LaunchOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ENV, ChromiumNotFoundError, resolveChromium, SYSTEM_CHROMIUM } from '../../../src/steps/page/browser-executable.ts';
import { BrowserPool, CLOSED_NETWORK_ARGS, launchOptions } from '../../../src/steps/page/browser-pool.ts';
import { dom } from '../../../src/validate/dom.ts';
import { chromiumChildren } from './chromium-processes.ts';
import { html, runSteps, startPages, visit } from './page-fixtures.ts';

describe('which Chromium', () => {
  const existing = (...paths: string[]) => (path: string) => paths.includes(path);
  const playwright = () => '/cache/ms-playwright/chromium-1/chrome';

  it('the config first, then the environment, then Debian, then Playwright', () => {
    const all = existing('/opt/chrome', '/env/chrome', SYSTEM_CHROMIUM, playwright());
    const env = { [CHROMIUM_ENV]: '/env/chrome' };
    expect(resolveChromium({ configured: '/opt/chrome', env, exists: all, playwrightPath: playwright })).toEqual({ path: '/opt/chrome', source: 'config' });
    expect(resolveChromium({ env, exists: all, playwrightPath: playwright })).toEqual({ path: '/env/chrome', source: 'environment' });
    expect(resolveChromium({ env: {}, exists: all, playwrightPath: playwright })).toEqual({ path: SYSTEM_CHROMIUM, source: 'system' });
    expect(resolveChromium({ env: {}, exists: existing(playwright()), playwrightPath: playwright })).toEqual({ path: playwright(), source: 'playwright' });
  });

  it('an explicit choice that does not exist is reported, not replaced', () => {
    const all = existing(SYSTEM_CHROMIUM);
    expect(() => resolveChromium({ configured: '/opt/none', env: {}, exists: all })).toThrow(
      new ChromiumNotFoundError(['browser.executablePath /opt/none (from the config) does not exist'], 'fix the path, or remove it to use the default Chromium'),
    );
    expect(() => resolveChromium({ env: { [CHROMIUM_ENV]: '/env/none' }, exists: all })).toThrow(
      'no Chromium for page steps: PAYLOADWATCH_CHROMIUM=/env/none does not exist; fix PAYLOADWATCH_CHROMIUM, or unset it to use the default Chromium',
    );
  });

  it('none at all names every place tried and how to install one', () => {
    expect(() => resolveChromium({ env: {}, exists: existing(), playwrightPath: playwright })).toThrow(
      'no Chromium for page steps: PAYLOADWATCH_CHROMIUM is not set; /usr/bin/chromium does not exist; ' +
        "Playwright's own Chromium is not installed (/cache/ms-playwright/chromium-1/chrome); " +
        "install Chromium ('apt-get install chromium' on Debian and Ubuntu, or Playwright's own Chromium build), " +
        'or point browser.executablePath in the config or PAYLOADWATCH_CHROMIUM at a Chromium or Chrome binary',
    );
  });
});

describe('launch options', () => {
  it('suit a closed network and turn the sandbox off only for root', () => {
    const asRoot = launchOptions('/usr/bin/chromium', true);
    expect(asRoot).toMatchObject({ executablePath: '/usr/bin/chromium', headless: true, chromiumSandbox: false, handleSIGINT: false, handleSIGTERM: false });
    expect(asRoot.args).toEqual([
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--mute-audio',
    ]);
    expect(launchOptions('/usr/bin/chromium', false).chromiumSandbox).toBe(true);
    expect(CLOSED_NETWORK_ARGS).not.toContain('--no-sandbox');
  });
});

describe('the browser of a run', () => {
  let outputDir: string;
  let server: Awaited<ReturnType<typeof startPages>>;
  let slowMs = 0;
  beforeAll(async () => {
    outputDir = await mkdtemp(join(tmpdir(), 'pw-browser-'));
    server = await startPages({
      '/': html('<h1>Shop</h1>'),
      '/api': { type: 'application/json', body: '{}' },
      // The page waits on a request that answers late: long enough to kill the browser meanwhile.
      '/slow-widget': html('<h1>Widget</h1>', "fetch('/api/slow')"),
      '/api/slow': async (_request, response) => {
        await new Promise((resolve) => setTimeout(resolve, slowMs));
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(outputDir, { recursive: true, force: true });
  });

  it('is started only when a page step runs, and once for several runs', async () => {
    const pool = new BrowserPool();
    const holder = { pool, outputDir };
    try {
      const api = await runSteps([{ name: 'api', api: { path: '/api' } }], server, holder);
      expect(api.outcome).toBe('pass');
      expect(pool.launches).toBe(0);
      expect(chromiumChildren()).toEqual([]);
      const [first, second] = await Promise.all([runSteps([visit('/')], server, holder), runSteps([visit('/')], server, holder)]);
      expect([first.outcome, second.outcome]).toEqual(['pass', 'pass']);
      expect(pool.launches).toBe(1);
      expect(chromiumChildren()).toHaveLength(1);
    } finally {
      await pool.close();
    }
    expect(chromiumChildren()).toEqual([]);
  });

  it('opens at most pageConcurrency contexts at once', async () => {
    let open = 0;
    let most = 0;
    const pool = new BrowserPool({
      pageConcurrency: 2,
      launch: async (options: LaunchOptions) => {
        const { chromium } = await import('playwright-core');
        const browser = await chromium.launch(options);
        const newContext = browser.newContext.bind(browser);
        browser.newContext = (async (...args: Parameters<Browser['newContext']>) => {
          const context = await newContext(...args);
          open += 1;
          most = Math.max(most, open);
          context.on('close', () => (open -= 1));
          return context;
        }) as Browser['newContext'];
        return browser;
      },
    });
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => runSteps([visit('/')], server, { pool, outputDir })));
      expect(results.map((r) => r.outcome)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
      expect(most).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('reports a browser that cannot be started as an error of the run', async () => {
    const pool = new BrowserPool({ executablePath: '/nowhere/chromium' });
    const result = await runSteps([visit('/')], server, { pool, outputDir });
    expect(result.outcome).toBe('error');
    expect(result.checks).toEqual([
      {
        name: 'browser',
        kind: 'browser',
        outcome: 'error',
        step: 'visit /',
        message: 'no Chromium for page steps: browser.executablePath /nowhere/chromium (from the config) does not exist; fix the path, or remove it to use the default Chromium',
      },
    ]);
    expect(result.error).toBe(result.checks[0]!.message);
  });

  it('killed during a run errors that run, and is started again for the next, which passes', async () => {
    const pool = new BrowserPool();
    const holder = { pool, outputDir };
    const step = visit('/slow-widget', { expect: { dom: [dom.text('h1')] } }, { waitUntil: 'networkidle', timeout: '10s' });
    try {
      slowMs = 8_000;
      const running = runSteps([step], server, holder);
      const deadline = Date.now() + 10_000;
      while (server.requests.filter((r) => r.url === '/api/slow').length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const ids = chromiumChildren();
      expect(ids).toHaveLength(1);
      process.kill(ids[0]!, 'SIGKILL');
      const killed = await running;
      expect(killed.outcome).toBe('error');
      expect(killed.checks.at(-1)).toEqual({
        name: 'browser',
        kind: 'browser',
        outcome: 'error',
        step: 'visit /slow-widget',
        message: "the browser disconnected (it crashed or was killed); it is started again for the next run, during step 'visit /slow-widget'",
      });
      expect(killed.error).toBe("the browser disconnected (it crashed or was killed); it is started again for the next run, during step 'visit /slow-widget'");
      expect(killed.artifacts).toEqual([]);
      // At once, not when the page would have settled or the step timed out.
      expect(killed.durationMs).toBeLessThan(6_000);

      slowMs = 0;
      const next = await runSteps([step], server, holder);
      expect(next.outcome).toBe('pass');
      expect(pool.launches).toBe(2);
    } finally {
      await pool.close();
    }
  });
});
