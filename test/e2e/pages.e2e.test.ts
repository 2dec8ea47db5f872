// Page probes through the real CLI, in real Chromium, against the real demo shop: the
// incident is caught on the product page as new users see it, each page fault is caught with
// the right kind of check and a screenshot, the healthy shop raises no alarm, and a browser
// killed in the middle of a run costs that run only.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaultName } from '../../src/demo/faults.ts';
import type { CheckKind, CheckResult, Report, RunResult } from '../../src/model/results.ts';
import { CLI, DEMO_CONFIG, readReport, REPO_ROOT, runCli } from '../support/cli.ts';
import { BUYER_ENV, useDemoShop } from '../support/demo-shop.ts';
import { chromiumChildren } from '../steps/page/chromium-processes.ts';

const demo = useDemoShop();

const PAGE_PROBES = ['product-page', 'home-page', 'search-page', 'add-to-cart'];
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function runPages(faults: FaultName[], args: string[] = PAGE_PROBES): Promise<{ code: number | null; report: Report; stdout: string }> {
  demo.shop.setFaults(faults);
  const output = await mkdtemp(join(tmpdir(), 'pw-pages-e2e-'));
  const run = await runCli(['run', ...args, '--config', DEMO_CONFIG, '--target', demo.shop.url, '--reporter', 'console,json', '--output', output], { env: BUYER_ENV });
  if (run.code === 2) throw new Error(`CLI exited 2:\n${run.stderr}`);
  return { code: run.code, report: await readReport(output), stdout: run.stdout };
}

function find(report: Report, probe: string, persona: string): RunResult {
  const result = report.results.find((r) => r.probe === probe && r.persona === persona);
  if (!result) throw new Error(`no result for ${probe} · ${persona}`);
  return result;
}

function failed(result: RunResult): CheckResult[] {
  return result.checks.filter((c) => c.outcome === 'fail');
}

async function expectScreenshot(result: RunResult): Promise<void> {
  const screenshot = result.artifacts.find((path) => path.endsWith('screenshot.png'));
  expect(screenshot, `${result.probe} · ${result.persona} has a screenshot`).toBeDefined();
  const png = await readFile(isAbsolute(screenshot!) ? screenshot! : join(REPO_ROOT, screenshot!));
  expect(png.subarray(0, 8)).toEqual(PNG_MAGIC);
  expect(png.length).toBeGreaterThan(5_000);
  expect(result.artifacts.map((path) => path.slice(path.lastIndexOf('/') + 1)).sort()).toEqual(['page.html', 'screenshot.png', 'trace.zip']);
}

describe('the incident on the product page: empty-recs-new-users', () => {
  it('fails product-page for new-user on the DOM and on the page’s own API call, while returning-buyer passes', async () => {
    const { code, report, stdout } = await runPages(['empty-recs-new-users'], ['product-page']);
    expect(code).toBe(1);
    const newUser = find(report, 'product-page', 'new-user');
    expect(newUser.outcome).toBe('fail');
    expect(failed(newUser).map((c) => [c.name, c.kind])).toEqual([
      ['the widget gets recommendations', 'rule'],
      ['recommendations are shown', 'dom'],
      ['text .rec-card .rec-name', 'dom'],
    ]);
    expect(newUser.checks.find((c) => c.name === 'the widget gets recommendations')).toMatchObject({
      step: 'product page',
      message: 'expected a non-empty array at $.items, got []',
      path: '$.items',
      actual: '[]',
    });
    expect(newUser.checks.find((c) => c.name === 'recommendations are shown')).toMatchObject({
      step: 'product page',
      message: 'expected at least 1 element matching .rec-card, found 0',
      path: '.rec-card',
    });
    // A status monitor sees nothing: the page and its API call both answered 200.
    expect(newUser.checks.filter((c) => c.kind === 'status').map((c) => [c.name, c.outcome])).toEqual([
      ['status', 'pass'],
      ['status', 'pass'],
      ['status', 'pass'],
      ['widget API status', 'pass'],
    ]);
    expect(newUser.measures).toMatchObject({ recommendations: 0, widgetItems: 0, recommendationCards: 0 });
    await expectScreenshot(newUser);

    const buyer = find(report, 'product-page', 'returning-buyer');
    expect(buyer.checks.filter((c) => c.outcome !== 'pass')).toEqual([]);
    expect(buyer.outcome).toBe('pass');
    expect(buyer.artifacts).toEqual([]);
    expect(stdout).toContain("✘ dom \"recommendations are shown\" in step 'product page': expected at least 1 element matching .rec-card, found 0");
  });
});

// Each page fault, on the product page as the returning buyer sees it (the API is healthy for them).
const PAGE_FAULTS: Array<{ fault: FaultName; kinds: CheckKind[]; check: string; message: RegExp }> = [
  { fault: 'blank-page', kinds: ['dom', 'network', 'page-error', 'rule'], check: 'page not blank', message: /^the page is blank: main has no visible text$/ },
  { fault: 'js-error', kinds: ['page-error'], check: 'page errors', message: /^1 uncaught exception: TypeError: Cannot read properties of undefined \(reading 'price'\)/ },
  {
    fault: 'widget-empty-render',
    kinds: ['dom', 'rule'],
    check: 'the widget shows every item it was sent',
    message: /^recommendationCards is 0 but widgetItems is 6; expected recommendationCards == widgetItems$/,
  },
  { fault: 'widget-hidden', kinds: ['dom'], check: 'recommendations are visible', message: /^#recommendations is not visible: display: none$/ },
];

describe.each(PAGE_FAULTS)('page fault $fault', ({ fault, kinds, check, message }) => {
  it(`fails product-page · returning-buyer with ${kinds.join(' and ')} checks, and a screenshot`, async () => {
    const { code, report } = await runPages([fault], ['product-page', '--persona', 'returning-buyer']);
    expect(code).toBe(1);
    const result = find(report, 'product-page', 'returning-buyer');
    expect(result.outcome).toBe('fail');
    expect([...new Set(failed(result).map((c) => c.kind))].sort()).toEqual([...kinds].sort());
    expect(result.checks.find((c) => c.name === check)?.message).toMatch(message);
    // The API steps before the page are healthy: the fault is the page's alone.
    expect(result.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['product API', 'pass'],
      ['recommendations API', 'pass'],
      ['product page', 'fail'],
    ]);
    await expectScreenshot(result);
  });
});

describe('the healthy shop', () => {
  it('passes 10 repeated runs of every page probe, with no failure and no warning', { timeout: 180_000 }, async () => {
    const { code, report } = await runPages([], [...PAGE_PROBES, '--repeat', '10']);
    const notClean = report.results.flatMap((r) => r.checks.filter((c) => c.outcome !== 'pass').map((c) => `${r.probe}·${r.persona}: ${c.name}: ${c.message}`));
    expect(notClean).toEqual([]);
    expect(report.summary).toEqual({ passed: 70, failed: 0, errored: 0, flaky: 0 });
    expect(report.results.every((r) => r.artifacts.length === 0)).toBe(true);
    expect(code).toBe(0);
  });
});

describe('a browser killed during a run', () => {
  it('errors that run with the reason, and the next run starts a new browser and passes', async () => {
    // Slow API answers keep the page busy long enough to kill the browser under it.
    demo.shop.setFaults(['slow']);
    const output = await mkdtemp(join(tmpdir(), 'pw-pages-kill-'));
    const args = ['run', 'product-page', '--persona', 'returning-buyer', '--repeat', '2', '--concurrency', '1', '--retries', '0'];
    const child = spawn(process.execPath, [CLI, ...args, '--config', DEMO_CONFIG, '--target', demo.shop.url, '--reporter', 'json', '--output', output, '--log-level', 'debug'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...BUYER_ENV, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const killed: number[] = [];
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // The first page visit has begun: its page now waits on the slow recommendation API.
      if (killed.length === 0 && stderr.includes('"msg":"page visit"')) {
        setTimeout(() => {
          for (const id of chromiumChildren(child.pid!)) {
            process.kill(id, 'SIGKILL');
            killed.push(id);
          }
        }, 300);
      }
    });
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(killed).toHaveLength(1);
    expect(code).toBe(1);
    const report = await readReport(output);
    expect(report.results.map((r) => r.outcome)).toEqual(['error', 'pass']);
    const [first] = report.results;
    expect(first!.error).toBe("the browser disconnected (it crashed or was killed); it is started again for the next run, during step 'product page'");
    expect(first!.checks.filter((c) => c.outcome === 'error').map((c) => c.kind)).toEqual(['browser']);
    expect(report.summary).toEqual({ passed: 1, failed: 0, errored: 1, flaky: 0 });
    expect(stderr.match(/"msg":"browser started"/g)).toHaveLength(2);
    expect(chromiumChildren(child.pid!)).toEqual([]);
  }, 90_000);
});
