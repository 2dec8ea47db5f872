// The CI side as a pipeline meets it: the real CLI against the demo shop with the incident's
// fault, a JUnit file a JUnit parser reads, an HTML report opened in real Chromium, a GitHub
// step summary, shards that cover every run once, --fail-on, and `init` scaffolding a project
// that validates and runs.
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type TestSuites } from 'junit2json';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/results.ts';
import { launchChromium } from '../demo/browser.ts';
import { Fixture } from '../config/fixture.ts';
import { BUYER_ENV, useDemoShop } from '../support/demo-shop.ts';
import { DEMO_CONFIG, readReport, REPO_ROOT, runCli, type CliRun } from '../support/cli.ts';

const demo = useDemoShop();

/** Kept after the run so a person can look at the report as Chromium drew it. */
export const REPORT_SCREENSHOT = join(tmpdir(), 'payloadwatch-ci-report.png');

let work: string;
let browser: Browser;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pw-ci-e2e-'));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await rm(work, { recursive: true, force: true });
});

const run = (args: string[], env: Record<string, string> = {}) => runCli(['run', '--config', DEMO_CONFIG, '--target', demo.shop.url, ...args], { env: { ...BUYER_ENV, ...env } });

describe('the incident in CI: every demo probe against the shop with empty-recs-new-users', () => {
  let output: string;
  let summaryFile: string;
  let cli: CliRun;
  let report: Report;
  let junit: TestSuites;

  beforeAll(async () => {
    output = join(work, 'incident');
    summaryFile = join(work, 'step-summary.md');
    await writeFile(summaryFile, '# earlier step\n');
    demo.shop.setFaults(['empty-recs-new-users']);
    try {
      cli = await run(['--reporter', 'console,junit,html,json,github', '--output', output], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile });
    } finally {
      demo.shop.setFaults([]);
    }
    if (cli.code !== 1) throw new Error(`expected exit 1, got ${cli.code}:\n${cli.stderr}`);
    report = await readReport(output);
    junit = (await parse(await readFile(join(output, 'junit.xml'), 'utf8'))) as TestSuites;
  });

  it('fails recommendations and the pages for new-user only, exit 1', () => {
    const failed = report.results.filter((r) => r.outcome !== 'pass').map((r) => `${r.probe} · ${r.persona}`);
    expect(failed).toContain('recommendations · new-user');
    expect(failed).toContain('home-page · new-user');
    expect(failed.filter((name) => !name.endsWith(' · new-user'))).toEqual([]);
    expect(report.summary).toEqual({ passed: report.results.length - failed.length, failed: failed.length, errored: 0, flaky: 0 });
    expect(cli.stderr).toContain('JUnit report: ');
    expect(cli.stderr).toContain('HTML report: ');
  });

  it('writes a JUnit file whose totals and suites a JUnit parser reads as the report says', () => {
    expect([junit.tests, junit.failures, junit.errors]).toEqual([report.results.length, report.summary.failed, report.summary.errored]);
    const probes = [...new Set(report.results.map((r) => r.probe))];
    expect(junit.testsuite!.map((s) => s.name)).toEqual(probes);
    for (const suite of junit.testsuite!) {
      const runs = report.results.filter((r) => r.probe === suite.name);
      expect(suite.testcase!.map((t) => t.name)).toEqual(runs.map((r) => `${r.persona} @ ${r.target}`));
      expect(suite.testcase!.map((t) => (t.failure ? 'fail' : t.error ? 'error' : 'pass'))).toEqual(runs.map((r) => r.outcome));
    }
  });

  it("puts the failed rule's name, path, expected and actual in the recommendations failure", () => {
    const suite = junit.testsuite!.find((s) => s.name === 'recommendations')!;
    const testcase = suite.testcase!.find((t) => t.name === `new-user @ ${report.results[0]!.target}`)!;
    expect(testcase.classname).toBe('recommendations');
    expect(testcase.failure).toEqual([
      {
        message: 'recommendations are never empty: expected a non-empty array at $.items, got []',
        type: 'rule',
        inner:
          `rule "recommendations are never empty" in step 'get recommendations': expected a non-empty array at $.items, got []\n` +
          '  path: $.items\n  expected: non-empty\n  actual: []',
      },
    ]);
  });

  it('appends a step summary and prints an ::error annotation per failed run', async () => {
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary.startsWith(`# earlier step\n## payloadwatch: ❌ ${report.summary.failed} failed\n`)).toBe(true);
    expect(summary).toContain(`| ❌ fail | recommendations | new-user | ${report.results[0]!.target} |`);
    expect(summary).toContain('| recommendations are never empty | fail | rule | get recommendations | expected a non-empty array at $.items, got \\[\\] | $.items | non-empty | \\[\\] |');
    const annotations = cli.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations.map((line) => line.slice(0, line.indexOf(' failed::')))).toEqual(
      report.results.filter((r) => r.outcome === 'fail').map((r) => `::error title=payloadwatch%3A ${r.probe} · ${r.persona} · ${r.target.replace(':', '%3A')}`),
    );
  });

  describe('the HTML report in Chromium, opened from the file', () => {
    let page: Page;
    const visibleRuns = () => page.locator('article.run:visible');

    beforeAll(async () => {
      page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.goto(`file://${join(output, 'report.html')}`);
    });

    it('shows the verdict and every run', async () => {
      await expect(page.locator('#verdict').textContent()).resolves.toBe(`${report.summary.failed} failed`);
      expect(await page.locator('article.run').count()).toBe(report.results.length);
      expect(await page.locator('#shown').textContent()).toBe(`${report.results.length} of ${report.results.length} runs shown`);
    });

    it('shows the failing probe with its path, and highlights that path in the payload excerpt', async () => {
      const recs = page.locator('article.run[data-probe="recommendations"][data-persona="new-user"]');
      await expect(recs.locator(':scope > details > summary').innerText()).resolves.toMatch(/^fail\s+recommendations · new-user · /);
      const row = recs.locator('tr[data-check="recommendations are never empty"]');
      expect(await row.locator('td.path').innerText()).toBe('$.items');
      expect(await row.locator('td.expected').innerText()).toBe('non-empty');
      expect(await row.locator('td.actual').innerText()).toBe('[]');
      const hit = recs.locator('pre.excerpt .l.hit');
      expect(await hit.count()).toBe(1);
      expect((await hit.innerText()).replace(/^\d+/, '')).toBe('  "items": [],');
      // The path links to that very line.
      const href = await row.locator('td.path a').getAttribute('href');
      expect(await hit.getAttribute('id')).toBe(href!.slice(1));
    });

    it('shows the screenshot of the failing page run inline, and links its trace', async () => {
      const home = page.locator('article.run[data-probe="home-page"][data-persona="new-user"]');
      const image = home.locator('.artifacts img');
      await image.scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => (el as unknown as { complete: boolean }).complete, await image.elementHandle());
      expect(await image.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(300);
      const src = await image.getAttribute('src');
      expect((await stat(join(output, decodeURIComponent(src!)))).isFile()).toBe(true);
      const trace = await home.locator('a[data-artifact="trace"]').getAttribute('href');
      expect(trace).toMatch(/\.zip$/);
      expect((await stat(join(output, decodeURIComponent(trace!)))).isFile()).toBe(true);
    });

    it('hides and shows runs with the outcome and persona filters', async () => {
      await page.locator('button[data-filter-outcome="fail"]').click();
      expect(await visibleRuns().count()).toBe(report.summary.failed);
      expect(new Set(await visibleRuns().evaluateAll((els) => els.map((el) => el.getAttribute('data-outcome'))))).toEqual(new Set(['fail']));
      expect(await page.locator('#shown').textContent()).toBe(`${report.summary.failed} of ${report.results.length} runs shown`);

      await page.locator('#filter-persona').selectOption('returning-buyer');
      expect(await visibleRuns().count()).toBe(0);
      expect(await page.locator('#no-match').isVisible()).toBe(true);

      await page.locator('button[data-filter-outcome="pass"]').click();
      const buyerRuns = report.results.filter((r) => r.persona === 'returning-buyer').length;
      expect(await visibleRuns().count()).toBe(buyerRuns);
      expect(await page.locator('button[data-filter-outcome="pass"]').getAttribute('aria-pressed')).toBe('true');

      await page.locator('#filter-probe').selectOption('recommendations');
      expect(await visibleRuns().evaluateAll((els) => els.map((el) => `${el.getAttribute('data-probe')} ${el.getAttribute('data-persona')}`))).toEqual([
        'recommendations returning-buyer',
      ]);

      await page.locator('#filter-persona').selectOption('');
      await page.locator('#filter-probe').selectOption('');
      await page.locator('button[data-filter-outcome="all"]').click();
      expect(await visibleRuns().count()).toBe(report.results.length);
    });

    it('draws a report a person can read: kept as a screenshot', async () => {
      await page.locator('button[data-filter-outcome="fail"]').click();
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: REPORT_SCREENSHOT, fullPage: false });
      expect((await stat(REPORT_SCREENSHOT)).size).toBeGreaterThan(20_000);
      await page.locator('button[data-filter-outcome="all"]').click();
    });
  });
});

describe('shards', () => {
  it('1/3, 2/3 and 3/3 together make every run of the plan exactly once, across two targets', async () => {
    // The API probes, against the shop under two names: 7 probe × persona runs × 2 targets.
    const targets = ['--target', `http://localhost:${new URL(demo.shop.url).port}`];
    const selection = ['--grep', '^(recommendations|product|search|checkout) ', ...targets, '--reporter', 'json'];
    const key = (r: { probe: string; persona: string; target: string }) => `${r.probe} · ${r.persona} · ${r.target}`;

    const whole = await run([...selection, '--output', join(work, 'whole')]);
    expect(whole.code, whole.stdout).toBe(0);
    const all = (await readReport(join(work, 'whole'))).results.map(key);
    expect(all).toHaveLength(14);
    expect(new Set(all).size).toBe(14);

    const parts: string[][] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const out = join(work, `shard-${shard.replace('/', '-of-')}`);
      const part = await run([...selection, '--shard', shard, '--output', out]);
      expect(part.code, part.stdout).toBe(0);
      const results = (await readReport(out)).results.map(key);
      expect(part.stderr).toContain(`shard ${shard}: ${results.length} of 14 runs\n`);
      parts.push(results);
    }
    expect(parts.map((p) => p.length)).toEqual([5, 5, 4]);
    expect(parts.flat().sort()).toEqual([...all].sort());

    // The same shard twice is the same runs.
    const again = await run([...selection, '--shard', '2/3', '--output', join(work, 'again')]);
    expect(again.code, again.stdout).toBe(0);
    expect((await readReport(join(work, 'again'))).results.map(key)).toEqual(parts[1]);
  });

  it('rejects a malformed shard with exit 2', async () => {
    const bad = await run(['--shard', '3/2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("error: option '--shard <i/n>' argument '3/2' is invalid. expected i/n with 1 ≤ i ≤ n (e.g. 1/3), got '3/2'.");
  });
});

describe('--fail-on and GitHub Actions by default', () => {
  it('exits 0 on a content failure with --fail-on error, and 1 by default', async () => {
    demo.shop.setFaults(['empty-recs-new-users']);
    try {
      const only = ['--probe', 'recommendations', '--reporter', 'console'];
      expect((await run(only)).code).toBe(1);
      const lenient = await run([...only, '--fail-on', 'error']);
      expect(lenient.code).toBe(0);
      expect(lenient.stdout).toContain('2 runs: 1 passed, 1 failed, 0 errored, 0 flaky');
    } finally {
      demo.shop.setFaults([]);
    }
  });

  it('fails the build on a warning only with --fail-on warn', async () => {
    const fixture = await Fixture.create({
      'payloadwatch.config.ts': `import { defineConfig } from 'payloadwatch';
export default defineConfig({ targets: { shop: ${JSON.stringify(demo.shop.url)} } });
`,
      'probes/catalogue.probe.ts': `import { defineProbe, count } from 'payloadwatch';
export default defineProbe({
  name: 'catalogue',
  steps: [{ name: 'products', api: { path: '/api/products' }, expect: { rules: [count('$.items', { min: 1000 }, { name: 'a big catalogue', severity: 'warn' })] } }],
});
`,
    });
    try {
      const lenient = await runCli(['run', '--reporter', 'console,junit', '--output', 'out'], { cwd: fixture.dir });
      expect(lenient.code).toBe(0);
      expect(lenient.stdout).toContain('⚠ rule "a big catalogue"');
      const junit = await readFile(join(fixture.dir, 'out/junit.xml'), 'utf8');
      expect(junit).toContain('<system-out>warning: rule "a big catalogue" in step \'products\'');
      const strict = await runCli(['run', '--reporter', 'console', '--fail-on', 'fail,error,warn'], { cwd: fixture.dir });
      expect(strict.code).toBe(1);
    } finally {
      await fixture.dispose();
    }
  });

  it('inside GitHub Actions, writes the step summary and annotations without being asked', async () => {
    const summaryFile = join(work, 'auto-summary.md');
    demo.shop.setFaults(['empty-recs-new-users']);
    try {
      const inActions = await run(['--probe', 'recommendations'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile });
      expect(inActions.code).toBe(1);
      expect(inActions.stdout).toContain('::error title=payloadwatch%3A recommendations · new-user · ');
      expect(await readFile(summaryFile, 'utf8')).toMatch(/^## payloadwatch: ❌ 1 failed\n\n2 runs against /);

      // An explicit --reporter list is exact: no summary, no annotations.
      await rm(summaryFile);
      const explicit = await run(['--probe', 'recommendations', '--reporter', 'console'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile });
      expect(explicit.code).toBe(1);
      expect(explicit.stdout).not.toContain('::error');
      await expect(stat(summaryFile)).rejects.toThrow(/ENOENT/);
    } finally {
      demo.shop.setFaults([]);
    }
  });
});

describe('the GitHub Actions example', () => {
  it("runs its payloadwatch command line as written, and the files it uploads are there", async () => {
    const workflow = await readFile(join(REPO_ROOT, 'deploy/ci/github-actions.yml'), 'utf8');
    const block = workflow.match(/run: >\n((?: {10}.*\n)+)/)?.[1];
    expect(block).toBeDefined();
    const output = join(work, 'workflow');
    const words = block!
      .replace('"$STAGING_URL"', demo.shop.url)
      .replace('${{ matrix.shard }}', '1/1')
      .replace('payloadwatch-report', output)
      .trim()
      .split(/\s+/);
    expect(words).toEqual(['npx', 'payloadwatch', 'run', '--target', demo.shop.url, '--shard', '1/1', '--reporter', 'console,junit,html,github', '--output', output]);
    // Two probes are enough to show the command works; the whole suite would only add time.
    const args = [...words.slice(2), '--probe', 'recommendations,search'];

    const summaryFile = join(work, 'workflow-summary.md');
    const result = await runCli(args, { env: { ...BUYER_ENV, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile } });
    expect(result.stderr).toContain('shard 1/1: 4 of 4 runs\n');
    expect(result.code, result.stdout).toBe(0);
    for (const file of ['junit.xml', 'report.html']) expect((await stat(join(output, file))).isFile()).toBe(true);
    expect(await readFile(summaryFile, 'utf8')).toMatch(/^## payloadwatch: ✅ all passed\n/);
    expect(workflow).toContain('path: payloadwatch-report/');
    expect(workflow).toContain('files: payloadwatch-report/junit.xml');
  });
});

describe('payloadwatch init', () => {
  it('scaffolds a project that passes validate, and runs against the demo shop', async () => {
    const dir = join(work, 'scaffold');
    const init = await runCli(['init', dir, '--target', demo.shop.url]);
    expect(init.code).toBe(0);
    // As `npm install` would make it: the scaffold's imports of 'payloadwatch' resolve to this package.
    await mkdir(join(dir, 'node_modules'));
    await symlink(REPO_ROOT, join(dir, 'node_modules', 'payloadwatch'), 'dir');

    const validate = await runCli(['validate'], { cwd: dir });
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toBe('payloadwatch.config.ts: valid — 2 probes, 2 personas, 1 target, 2 probe × persona runs\n');
    expect(validate.code).toBe(0);

    const healthy = await runCli(['run', '--reporter', 'console,junit,html'], { cwd: dir });
    expect(healthy.stdout).toContain('2 runs: 2 passed, 0 failed, 0 errored, 0 flaky');
    expect(healthy.code).toBe(0);
    expect((await stat(join(dir, 'payloadwatch-report/junit.xml'))).isFile()).toBe(true);
    expect((await stat(join(dir, 'payloadwatch-report/report.html'))).isFile()).toBe(true);

    // And it catches the incident, in the API and on the page.
    demo.shop.setFaults(['empty-recs-new-users']);
    try {
      const incident = await runCli(['run', '--reporter', 'console'], { cwd: dir });
      expect(incident.code).toBe(1);
      expect(incident.stdout).toContain(`✘ rule "recommendations are never empty" in step 'get recommendations'`);
      expect(incident.stdout).toContain(`✘ dom "recommendations are shown" in step 'home page'`);
    } finally {
      demo.shop.setFaults([]);
    }
  });
});
