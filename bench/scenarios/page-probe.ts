// Scenario 3: a page probe run (a fresh context, the demo's product page, a DOM rule, the
// page's own /api/recommendations response judged) against a plain Playwright script doing
// the same on the same browser instance.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { BUILT_IN_DEFAULTS } from '../../src/config/project.ts';
import { defineProbe, dom, measure, nonEmpty } from '../../src/index.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { RunResult } from '../../src/model/results.ts';
import type { PlannedRun } from '../../src/runner/plan.ts';
import { runProbe, type RunEnvironment } from '../../src/runner/run-probe.ts';
import { resolveChromium } from '../../src/steps/page/browser-executable.ts';
import { BrowserPool, launchOptions } from '../../src/steps/page/browser-pool.ts';
import { SchemaRegistry } from '../../src/validate/schemas.ts';
import { rotate } from '../support/interleave.ts';
import { SCHEMAS_DIR } from '../support/paths.ts';
import { goal, type Scenario, type ScenarioResult } from '../support/report.ts';
import { createShopUser, startShopProcess } from '../support/shop-process.ts';
import { median, round, summarize } from '../support/stats.ts';

const PAGE = '/products/p-1001';
const RECOMMENDATIONS = '/api/recommendations';

const productPageProbe = defineProbe({
  name: 'bench-product-page',
  steps: [
    {
      name: 'product page',
      page: { path: PAGE, waitFor: '.rec-card' },
      expect: {
        dom: [dom.count('.rec-card', { min: 1 }, { name: 'recommendations are shown' })],
        responses: [
          {
            url: RECOMMENDATIONS,
            name: 'widget API',
            expect: { status: 200, rules: [nonEmpty('$.items', { name: 'the widget gets recommendations' })] },
            measures: { widgetItems: measure.count('$.items') },
          },
        ],
      },
    },
  ],
});

/** Extras the plain script can take on, to show what payloadwatch's extra time is made of. */
interface Extras {
  /** Tagging headers added to every request to the target, through a route, as page steps do. */
  route?: boolean;
  /** A trace with DOM snapshots throughout, as page steps record by default for failures. */
  trace?: boolean;
}

/** What a person would write with Playwright alone: the same visit, wait, count and response. */
async function plainPlaywright(browser: Browser, baseUrl: string, token: string, extras: Extras = {}): Promise<void> {
  const context = await browser.newContext();
  try {
    await context.addCookies([{ name: 'pw_session', value: token, url: baseUrl }]);
    if (extras.route) {
      const origin = new URL(baseUrl).origin;
      await context.route(
        (url) => url.origin === origin,
        (route) => route.fallback({ headers: { ...route.request().headers(), 'x-payloadwatch-probe': 'bench' } }),
      );
    }
    if (extras.trace) await context.tracing.start({ screenshots: false, snapshots: true, sources: false });
    const page = await context.newPage();
    const recommendations = page.waitForResponse((response) => new URL(response.url()).pathname === RECOMMENDATIONS);
    const navigation = await page.goto(`${baseUrl}${PAGE}`, { waitUntil: 'load' });
    await page.locator('.rec-card').first().waitFor({ state: 'visible' });
    const cards = await page.locator('.rec-card').count();
    const response = await recommendations;
    const body = (await response.json()) as { items?: unknown[] };
    if (navigation?.status() !== 200 || cards < 1 || response.status() !== 200 || !body.items?.length) {
      throw new Error(`the plain script's page is not right: status ${navigation?.status()}, ${cards} cards, API ${response.status()}`);
    }
    if (extras.trace) await context.tracing.stop();
  } finally {
    await context.close();
  }
}

export const pageProbeScenario: Scenario = {
  id: 3,
  title: 'Page probe',
  async run(ctx) {
    const settings = ctx.quick ? { warmup: 2, rounds: 4, perBatch: 2 } : { warmup: 4, rounds: 10, perBatch: 4 };
    const shop = await startShopProcess();
    const outputDir = await mkdtemp(join(tmpdir(), 'payloadwatch-bench-pages-'));
    const { chromium } = await import('playwright-core');
    const chromiumPath = resolveChromium().path;
    const browser = await chromium.launch(launchOptions(chromiumPath));
    // payloadwatch's pool, handed the very browser the plain script uses.
    const pool = new BrowserPool({ launch: async () => browser });
    try {
      const user = await createShopUser(shop.url);
      const { registry } = await SchemaRegistry.load(SCHEMAS_DIR);
      const plan: PlannedRun = {
        probe: { definition: productPageProbe, file: 'bench/scenarios/page-probe.ts' },
        persona: { name: 'signed-in', cookies: { pw_session: user.token } },
        target: { name: 'shop', url: shop.url },
      };
      const env: RunEnvironment = { defaults: BUILT_IN_DEFAULTS, schemas: registry, logger: createLogger(), pages: { browser: pool, outputDir } };
      const probeOnce = async (environment = env) => {
        const result = await runProbe(plan, environment);
        if (result.outcome !== 'pass') throw new Error(describeFailure(result));
      };
      const untracedEnv: RunEnvironment = { ...env, pages: { browser: pool, outputDir, trace: 'off' } };
      const plainOnce = () => plainPlaywright(browser, shop.url, user.token);
      const batch = (once: () => Promise<void>) => async () => {
        const samples: number[] = [];
        for (let i = 0; i < settings.perBatch; i += 1) {
          const started = performance.now();
          await once();
          samples.push(performance.now() - started);
        }
        return samples;
      };

      ctx.progress(`warm-up: ${settings.warmup} visits of each`);
      for (let i = 0; i < settings.warmup; i += 1) {
        await probeOnce();
        await probeOnce(untracedEnv);
        await plainOnce();
      }
      ctx.progress(`${settings.rounds} rounds of ${settings.perBatch} visits per arm, in rotating order`);
      const arms = [
        { name: 'payloadwatch', batch: batch(() => probeOnce()) },
        { name: "payloadwatch, trace 'off'", batch: batch(() => probeOnce(untracedEnv)) },
        { name: 'plain', batch: batch(plainOnce) },
        { name: 'plain + route', batch: batch(() => plainPlaywright(browser, shop.url, user.token, { route: true })) },
        { name: 'plain + trace', batch: batch(() => plainPlaywright(browser, shop.url, user.token, { trace: true })) },
      ];
      const out = await rotate(settings.rounds, arms);
      const samples = (name: string) => out.get(name)!.flat();
      const pw = summarize(samples('payloadwatch'));
      const base = summarize(samples('plain'));
      const ratio = pw.median / base.median;
      const withRoute = summarize(samples('plain + route'));
      const withTrace = summarize(samples('plain + trace'));
      const untraced = summarize(samples("payloadwatch, trace 'off'"));
      const pairs = out.get('payloadwatch')!.map((a, i) => median(a) / median(out.get('plain')![i]!));
      return {
        id: 3,
        title: 'Page probe',
        baseline: 'plain Playwright on the same browser: new context, session cookie, goto, wait for .rec-card, count, read the /api/recommendations response',
        rows: [
          {
            figure: 'product page visit, fresh context',
            unit: 'ms',
            payloadwatch: { median: pw.median, p95: pw.p95 },
            baseline: { median: base.median, p95: base.p95 },
            ratio,
            ...goal(ratio, '<=', 1.15),
          },
          {
            figure: "payloadwatch, browser.trace 'off'",
            unit: 'ms',
            payloadwatch: { median: untraced.median, p95: untraced.p95 },
            baseline: { median: base.median, p95: base.p95 },
            ratio: untraced.median / base.median,
          },
          {
            figure: 'plain + tagging headers by route',
            unit: 'ms',
            payloadwatch: { median: withRoute.median, p95: withRoute.p95 },
            baseline: { median: base.median, p95: base.p95 },
            ratio: withRoute.median / base.median,
          },
          {
            figure: 'plain + trace (DOM snapshots)',
            unit: 'ms',
            payloadwatch: { median: withTrace.median, p95: withTrace.p95 },
            baseline: { median: base.median, p95: base.p95 },
            ratio: withTrace.median / base.median,
          },
        ],
        details: {
          settings,
          browser: `${browser.version()} (${basename(chromiumPath)})`,
          pairedRatio: round(median(pairs)),
        },
        notes: [
          "payloadwatch = runProbe with one page step in the default configuration: a fresh context with the persona cookie, tagging headers routed onto target requests, a trace of DOM snapshots recorded (kept only when the run fails), page event listeners, the DOM check, the blank-page check and the judged response.",
          "The other rows, measured in the same rounds, show what the extra time is made of: payloadwatch configured with browser.trace 'off', and the plain script with one of payloadwatch's extras each.",
        ],
      } satisfies ScenarioResult;
    } finally {
      await pool.close();
      await browser.close().catch(() => {});
      await shop.close();
      await rm(outputDir, { recursive: true, force: true });
    }
  },
};

function describeFailure(result: RunResult): string {
  const problems = result.checks.filter((c) => c.outcome !== 'pass').map((c) => `${c.name}: ${c.message}`);
  return `the benchmark's page probe did not pass (${result.outcome}): ${problems.join('; ') || result.error}`;
}
