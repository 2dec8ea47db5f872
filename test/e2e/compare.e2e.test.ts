// The canary gate through the real CLI, against demo shops serving v1 (healthy) and v2 (the
// incident): the exit codes of the contract, the reasons in words on stdout and in
// compare.json, the one-liner with a `demo shop --version v2` process, `demo canary`, and
// the webhook gate (`--serve`).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareReport } from '../../src/compare/compare-report.ts';
import { startShop, type RunningShop } from '../../src/demo/shop.ts';
import { BUYER_ENV } from '../support/demo-shop.ts';
import { CLI, DEMO_CONFIG, REPO_ROOT, runCli } from '../support/cli.ts';

let v1: RunningShop;
let v2: RunningShop;
beforeAll(async () => {
  [v1, v2] = await Promise.all([startShop({ version: 'v1' }), startShop({ version: 'v2' })]);
});
afterAll(async () => {
  await Promise.all([v1.close(), v2.close()]);
});

const compare = (baseline: string, canary: string, extra: string[] = []) =>
  runCli(['compare', '--config', DEMO_CONFIG, '--baseline', baseline, '--canary', canary, '--probe', 'recommendations', ...extra], { env: BUYER_ENV });

const EMPTY_RATE = 'new-user recommendations: empty rate 0% → 100%, p < 0.001';

/** A long-running CLI process, with its output so far and a wait for a line of it. */
function startCli(args: readonly string[]) {
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...BUYER_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => stdout,
    async waitFor(pattern: RegExp, withinMs = 20_000): Promise<RegExpMatchArray> {
      const until = Date.now() + withinMs;
      for (;;) {
        const match = pattern.exec(stdout);
        if (match) return match;
        if (Date.now() > until || child.exitCode !== null) throw new Error(`no ${pattern} in stdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

describe('payloadwatch compare', () => {
  it('v1 against a `demo shop --version v2` process: exit 1, naming new-user recommendations on stdout and in compare.json', async () => {
    const shop = startCli(['demo', 'shop', '--version', 'v2', '--port', '0']);
    try {
      const [, url] = await shop.waitFor(/^demo shop v2 listening on (http:\/\/\S+) with faults: empty-recs-new-users$/m);
      const output = await mkdtemp(join(tmpdir(), 'pw-compare-'));
      const run = await compare(v1.url, url!, ['--seed', '42', '--reporter', 'console,json', '--output', output]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`payloadwatch compare: baseline ${v1.url}, canary ${url}\n`);
      expect(run.stdout).toContain('2 probe × persona pairs, 20 rounds after 2 warm-up rounds, seed 42, retries off\n');
      expect(run.stdout).toContain('  recommendations · new-user  recommendations empty rate  0% → 100%          +100 pp     p < 0.001   high, critical\n');
      expect(run.stdout).toContain(`  - ${EMPTY_RATE} (critical)\n`);
      expect(run.stdout).toMatch(/\nFAIL: the canary regressed\n$/);
      expect(run.stderr).toContain(`JSON report: ${relative(REPO_ROOT, join(output, 'compare.json'))}\n`);

      const report = JSON.parse(await readFile(join(output, 'compare.json'), 'utf8')) as CompareReport;
      expect(report).toMatchObject({
        version: 1,
        kind: 'compare',
        baseline: { url: v1.url },
        canary: { url },
        seed: 42,
        rounds: 20,
        warmup: 2,
        verdict: 'FAIL',
        options: { probes: ['recommendations'], personas: ['new-user', 'returning-buyer'], retries: 0, advisory: false, concurrency: 1 },
        interrupted: false,
      });
      expect(report.reasons.slice(0, 3)).toEqual([
        'new-user recommendations: canary failed critical checks in 20 of 20 runs (baseline 0 of 20)',
        `${EMPTY_RATE} (critical)`,
        'new-user recommendations: median 6 → 0 (shift -6, -100%), p < 0.001 (critical)',
      ]);
      expect(report.personas.map((p) => [p.persona, p.score])).toEqual([
        ['new-user', 40],
        ['returning-buyer', 100],
      ]);
      expect(report.comparisons).toHaveLength(10);
      expect(report.groups.map((g) => [g.persona, g.canary.failed, g.baseline.failed])).toEqual([
        ['new-user', 20, 0],
        ['returning-buyer', 0, 0],
      ]);
    } finally {
      shop.child.kill('SIGTERM');
      expect(await shop.exited).toBe(0);
    }
  });

  it('v1 against v1: exit 0', async () => {
    const other = await startShop({ version: 'v1' });
    try {
      const run = await compare(v1.url, other.url);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Nothing changed significantly (10 comparisons).\n');
      expect(run.stdout).toMatch(/\nPASS: the canary is no worse than the baseline\n$/);
    } finally {
      await other.close();
    }
  });

  it('too few runs: exit 3, saying so before the first run', async () => {
    const run = await compare(v1.url, v1.url, ['--runs', '3']);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('warning: 3 rounds are fewer than the 10 runs a side the judge needs: the verdict will be INCONCLUSIVE\n');
    expect(run.stdout).toContain(`warning: baseline and canary are the same URL (${v1.url}): the comparison says nothing about a release\n`);
    expect(run.stdout).toContain('  - 10 comparisons: too few samples (baseline 3, canary 3; at least 10 a side)\n');
    expect(run.stdout).toMatch(/\nINCONCLUSIVE: not enough evidence to pass or fail the canary\n$/);
  });

  it('--advisory: exit 0, still saying FAIL', async () => {
    const run = await compare(v1.url, v2.url, ['--advisory', '--runs', '10']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`  - ${EMPTY_RATE} (critical)\n`);
    expect(run.stdout).toMatch(/\nFAIL: the canary regressed \(advisory: the gate lets the release through anyway\)\n$/);
  });

  it('usage errors exit 2: no canary, an unknown probe, a bad seed', async () => {
    const noCanary = await runCli(['compare', '--config', DEMO_CONFIG, '--baseline', v1.url]);
    expect(noCanary.code).toBe(2);
    expect(noCanary.stdout).toBe('');
    expect(noCanary.stderr).toBe(
      'error: --canary <name|url> required: the releases to compare\n' +
        '  hint: payloadwatch compare --baseline https://stable.example.com --canary https://canary.example.com\n',
    );
    const unknown = await compare(v1.url, v2.url, ['--probe', 'recomendations']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: no probe named 'recomendations'; known probes:");
    const badSeed = await compare(v1.url, v2.url, ['--seed', '-1']);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toContain("option '--seed <n>' argument '-1' is invalid. expected a whole number from 0 to 4294967295, got '-1'.");
  });
});

describe('payloadwatch demo shop', () => {
  it('serves a fault that reaches a share of new users, and refuses a share out of range', async () => {
    const shop = startCli(['demo', 'shop', '--port', '0', '--fault', 'empty-recs-new-users=0.3', '--seed', '3']);
    try {
      await shop.waitFor(/^demo shop v1 listening on http:\/\/\S+ with faults: empty-recs-new-users=0\.3$/m);
    } finally {
      shop.child.kill('SIGTERM');
    }
    expect(await shop.exited).toBe(0);
    const bad = await runCli(['demo', 'shop', '--port', '0', '--fault', 'empty-recs-new-users=30%']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      `error: option '--fault <names>' argument 'empty-recs-new-users=30%' is invalid. fault "empty-recs-new-users=30%": the share is a number above 0 and at most 1, e.g. 0.3.`,
    );
    const version = await runCli(['demo', 'shop', '--port', '0', '--version', 'v3']);
    expect(version.code).toBe(2);
    expect(version.stderr).toContain("error: option '--version <release>' argument 'v3' is invalid. Allowed choices are v1, v2.");
  });
});

describe('payloadwatch demo canary', () => {
  it('serves v1 and v2 side by side and fails v2, naming new-user recommendations', async () => {
    const run = await runCli(['demo', 'canary', '--probe', 'recommendations', '--runs', '10', '--seed', '5']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^payloadwatch demo canary: the demo shop's v1 at http:\/\/127\.0\.0\.1:\d+ is the baseline, v2 at http:\/\/127\.0\.0\.1:\d+ the canary\.\n/);
    expect(run.stdout).toContain('  - new-user recommendations: canary failed critical checks in 10 of 10 runs (baseline 0 of 10)\n');
    expect(run.stdout).toMatch(/\nFAIL: the canary regressed\n$/);
  });

  it('passes v1 against v1', async () => {
    const run = await runCli(['demo', 'canary', '--canary-version', 'v1', '--probe', 'recommendations', '--runs', '10', '--seed', '5']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  Both serve the same healthy release: the gate should pass.\n');
    expect(run.stdout).toMatch(/\nPASS: the canary is no worse than the baseline\n$/);
  });
});

describe('payloadwatch compare --serve', () => {
  it('answers a Flagger webhook: 500 with the reasons for v2, 200 for v1; stops on SIGTERM', async () => {
    const gate = startCli(['compare', '--serve', '--port', '0', '--config', DEMO_CONFIG, '--probe', 'recommendations', '--runs', '10', '--baseline', v1.url]);
    try {
      const [, url] = await gate.waitFor(/^payloadwatch compare gate listening on (http:\/\/\S+): POST \/gate runs a comparison \(default baseline \S+\)$/m);
      const webhook = (canary: string) =>
        fetch(`${url}/gate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'shop', namespace: 'prod', phase: 'Progressing', metadata: { canary } }),
        });
      const failing = await webhook(v2.url);
      expect(failing.status).toBe(500);
      const answer = (await failing.json()) as { verdict: string; reasons: string[]; baseline: string; canary: string };
      expect(answer).toMatchObject({ verdict: 'FAIL', baseline: v1.url, canary: v2.url });
      expect(answer.reasons).toContain(`${EMPTY_RATE} (critical)`);
      const passing = await webhook(v1.url);
      expect(passing.status).toBe(200);
      expect(await passing.json()).toMatchObject({ verdict: 'PASS' });
      expect(gate.output()).toContain(`  - ${EMPTY_RATE} (critical)\n`);
    } finally {
      gate.child.kill('SIGTERM');
    }
    expect(await gate.exited).toBe(0);
  });
});
