// The status page as an operator sees it, in real Chromium: a row per probe × persona,
// the failing one's message, the outcome strip, a chart per measure, payload text shown as
// text, nothing loaded from elsewhere, and a refresh on its own.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type RunningDaemon } from '../../src/daemon/daemon.ts';
import { startShop, type RunningShop } from '../../src/demo/shop.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import type { Fixture } from '../config/fixture.ts';
import { launchChromium } from '../demo/browser.ts';
import { BUYER_ENV } from '../support/demo-shop.ts';
import { memoryLogger } from '../scheduler/fake-ticks.ts';
import { daemonProject, recommendationsProbe, SEARCH_PROBE } from './daemon-project.ts';
import { until } from './spawn-daemon.ts';

/** Its failure message carries markup, as a payload excerpt may. */
const HOSTILE_PROBE = `import { custom, defineProbe } from 'payloadwatch';

export default defineProbe({
  name: 'catalogue',
  schedule: '* * * * * *',
  personas: ['new-user'],
  steps: [{
    name: 'list products',
    api: { path: '/api/products' },
    expect: { rules: [custom('names are plain text', () => 'name is <img src=x onerror="window.__pwned=1"><b>Lamp</b>')] },
  }],
});
`;

const SCREENSHOT = join(tmpdir(), 'payloadwatch-status-page.png');

let shop: RunningShop;
let fixture: Fixture;
let daemon: RunningDaemon;
let browser: Browser;
const savedEnv = { ...process.env };

beforeAll(async () => {
  Object.assign(process.env, BUYER_ENV);
  shop = await startShop({ port: 0, faults: ['empty-recs-new-users'] });
  fixture = await daemonProject(shop.url, {
    'probes/recommendations.probe.ts': recommendationsProbe(),
    'probes/search.probe.ts': SEARCH_PROBE,
    'probes/catalogue.probe.ts': HOSTILE_PROBE,
  });
  daemon = await startDaemon({ cwd: fixture.dir, port: 0, logger: memoryLogger().logger, env: {}, resources: [{ name: 'http client', close: closeHttpClient }] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  await shop?.close();
  await fixture?.dispose();
  process.env = savedEnv;
});

describe('status page in Chromium', () => {
  it('shows each probe × persona, the failing one and why, the strip and a chart per measure', async () => {
    await until('three runs of every schedule', async () => {
      const json = (await (await fetch(`${daemon.url}/api/status`)).json()) as { schedules: Array<{ runs: Record<string, number> }> };
      return json.schedules.every((s) => s.runs.pass + s.runs.fail + s.runs.error >= 3) ? true : undefined;
    }, 20_000, 200);

    const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
    const page = await context.newPage();
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(daemon.url);

    const rows = page.locator('tr.schedule');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-probe')}/${tr.getAttribute('data-persona')}`))).toEqual([
      'catalogue/new-user',
      'recommendations/new-user',
      'recommendations/returning-buyer',
      'search/new-user',
      'search/returning-buyer',
    ]);
    const failing = page.locator('tr.schedule[data-probe="recommendations"][data-persona="new-user"]');
    const passing = page.locator('tr.schedule[data-probe="recommendations"][data-persona="returning-buyer"]');
    await expect.poll(() => failing.locator('.badge').textContent()).toBe('FAIL');
    expect(await passing.locator('.badge').textContent()).toBe('PASS');
    expect(await page.locator('tr.failure.current[data-probe="recommendations"][data-persona="new-user"] .message').textContent()).toBe(
      "rule \"recommendations are never empty\" in step 'get recommendations': expected a non-empty array at $.items, got []",
    );
    expect(await page.locator('tr.failure[data-persona="returning-buyer"]').count()).toBe(0);

    // The strip: one cell per recent run, coloured by outcome.
    expect(await failing.locator('.strip .cell.fail').count()).toBeGreaterThanOrEqual(3);
    expect(await failing.locator('.strip .cell.pass').count()).toBe(0);
    expect(await passing.locator('.strip .cell.pass').count()).toBeGreaterThanOrEqual(3);
    expect(await failing.locator('.strip .cell.fail').first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor)).toBe('rgb(220, 38, 38)');

    // A chart per measure: the new user's recommendations sit at zero, drawn in red.
    const chart = failing.locator('figure.measure svg.spark');
    expect(await chart.count()).toBe(1);
    expect(await chart.getAttribute('aria-label')).toMatch(/^recommendations: last 0, min 0, max 0 over \d+ runs$/);
    expect(await chart.locator('circle.zero').count()).toBeGreaterThanOrEqual(3);
    expect(await passing.locator('figure.measure svg.spark polyline').count()).toBe(1);
    expect(await passing.locator('figcaption strong').textContent()).toMatch(/^[1-9]\d*$/);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(100);

    // Payload text is text: the markup shows literally and nothing in it runs.
    expect(await page.locator('tr.failure[data-probe="catalogue"] .message').textContent()).toBe(
      'rule "names are plain text" in step \'list products\': name is <img src=x onerror="window.__pwned=1"><b>Lamp</b>',
    );
    expect(await page.locator('tr.failure img, tr.failure b').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // It refreshes itself, and loads nothing but itself.
    const reloaded = page.waitForEvent('load', { timeout: 10_000 });
    await reloaded;
    expect(new Set(requested)).toEqual(new Set([`${daemon.url}/`]));
    expect(problems).toEqual([]);
    await context.close();
  });
});
