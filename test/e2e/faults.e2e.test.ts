// The real CLI against the real demo shop: every fault is caught by the example probes
// with the expected kind of check, and the healthy shop raises no false alarm.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUYER_ENV, useDemoShop } from '../support/demo-shop.ts';
import type { FaultName } from '../../src/demo/faults.ts';
import type { CheckKind, Report, RunResult } from '../../src/model/results.ts';
import { DEMO_CONFIG, readReport, runCli } from '../support/cli.ts';

const demo = useDemoShop();

// The API faults are about the API probes; page probes and page faults have their own tests (pages.e2e.test.ts).
const API_PROBES = ['checkout', 'product', 'recommendations', 'search'];

async function runAgainstShop(faults: FaultName[], extra: string[] = []): Promise<{ code: number | null; report: Report; stdout: string; stderr: string }> {
  demo.shop.setFaults(faults);
  const output = await mkdtemp(join(tmpdir(), 'pw-e2e-'));
  const run = await runCli(
    ['run', ...API_PROBES, '--config', DEMO_CONFIG, '--target', demo.shop.url, '--reporter', 'console,json', '--output', output, ...extra],
    { env: BUYER_ENV },
  );
  if (run.code === 2) throw new Error(`CLI exited 2:\n${run.stderr}`);
  return { code: run.code, report: await readReport(output), stdout: run.stdout, stderr: run.stderr };
}

function find(report: Report, probe: string, persona: string): RunResult {
  const result = report.results.find((r) => r.probe === probe && r.persona === persona);
  if (!result) throw new Error(`no result for ${probe} · ${persona}`);
  return result;
}

function failedKinds(result: RunResult): CheckKind[] {
  return [...new Set(result.checks.filter((c) => c.outcome === 'fail').map((c) => c.kind))];
}

describe('the healthy demo shop', () => {
  it('passes every run of 20 repeated runs, exit 0', async () => {
    const { code, report } = await runAgainstShop([], ['--repeat', '20']);
    const notPassing = report.results.filter((r) => r.outcome !== 'pass');
    expect(notPassing.map((r) => `${r.probe}·${r.persona}: ${r.checks.filter((c) => c.outcome !== 'pass').map((c) => c.message).join('; ')}`)).toEqual([]);
    expect(report.results).toHaveLength(20 * 7);
    expect(report.summary).toEqual({ passed: 140, failed: 0, errored: 0, flaky: 0 });
    expect(code).toBe(0);
  });
});

describe('the incident: empty-recs-new-users', () => {
  it('fails recommendations for new-user, naming the rule, while returning-buyer passes', async () => {
    const { code, report, stdout } = await runAgainstShop(['empty-recs-new-users']);
    expect(code).toBe(1);
    const newUser = find(report, 'recommendations', 'new-user');
    expect(newUser.outcome).toBe('fail');
    const broken = newUser.checks.find((c) => c.name === 'recommendations are never empty');
    expect(broken).toMatchObject({ kind: 'rule', outcome: 'fail', path: '$.items', actual: '[]' });
    expect(newUser.steps[0]?.status).toBe(200);
    expect(newUser.measures).toEqual({ recommendations: 0 });
    expect(find(report, 'recommendations', 'returning-buyer').outcome).toBe('pass');
    expect(find(report, 'search', 'new-user').outcome).toBe('pass');
    expect(stdout).toContain('recommendations are never empty');
  });
});

// Which probe × persona shows each fault, and with which kind of check.
const CAUGHT: Array<{ fault: FaultName; probe: string; persona: string; kind: CheckKind }> = [
  { fault: 'wrong-types', probe: 'product', persona: 'new-user', kind: 'schema' },
  { fault: 'missing-field', probe: 'recommendations', persona: 'returning-buyer', kind: 'schema' },
  { fault: 'null-ids', probe: 'search', persona: 'new-user', kind: 'schema' },
  { fault: 'duplicate-items', probe: 'recommendations', persona: 'returning-buyer', kind: 'rule' },
  { fault: 'bad-prices', probe: 'product', persona: 'returning-buyer', kind: 'rule' },
  { fault: 'stale-data', probe: 'recommendations', persona: 'new-user', kind: 'rule' },
  { fault: 'slow', probe: 'search', persona: 'returning-buyer', kind: 'latency' },
  { fault: 'html-200', probe: 'recommendations', persona: 'new-user', kind: 'header' },
  { fault: 'truncated-json', probe: 'product', persona: 'new-user', kind: 'json' },
  { fault: 'server-error', probe: 'checkout', persona: 'new-user', kind: 'status' },
  { fault: 'huge-body', probe: 'search', persona: 'new-user', kind: 'size' },
];

describe.each(CAUGHT)('fault $fault', ({ fault, probe, persona, kind }) => {
  it(`fails ${probe} · ${persona} with a ${kind} check, exit 1`, async () => {
    const { code, report } = await runAgainstShop([fault]);
    expect(code).toBe(1);
    const result = find(report, probe, persona);
    expect(result.outcome).toBe('fail');
    expect(failedKinds(result)).toContain(kind);
    // A content failure is not retried by default.
    expect(result.attempts).toBe(1);
  });
});

describe('fault huge-body', () => {
  const peakRss = (stderr: string) => Number(/"maxRssBytes":(\d+)/.exec(stderr)?.[1]);

  it('names the size limit in the failure, and memory stays bounded', async () => {
    // One run at a time, so the peak shows what a single refused body costs.
    const healthy = await runAgainstShop([], ['--log-level', 'debug', '--concurrency', '1']);
    const flooded = await runAgainstShop(['huge-body'], ['--log-level', 'debug', '--concurrency', '1']);
    const size = find(flooded.report, 'recommendations', 'new-user').checks.find((c) => c.kind === 'size');
    expect(size?.message).toMatch(/^body exceeds the 10485760-byte limit \(stopped reading after \d+ bytes\)$/);
    // Seven runs each refused a 64 MiB body after 10 MiB: had one been read whole, the
    // peak would have grown by 64 MiB at least.
    const growth = peakRss(flooded.stderr) - peakRss(healthy.stderr);
    expect(peakRss(healthy.stderr)).toBeGreaterThan(0);
    expect(growth).toBeLessThan(40 * 1024 * 1024);
  });
});

describe('fault hang', () => {
  it('errors every hanging run within the deadline, with the transport named', async () => {
    const { code, report } = await runAgainstShop(['hang'], ['--timeout', '2s', '--retries', '0']);
    expect(code).toBe(1);
    const recs = find(report, 'recommendations', 'new-user');
    expect(recs.outcome).toBe('error');
    expect(recs.checks.filter((c) => c.outcome === 'error').map((c) => c.kind)).toEqual(['transport']);
    expect(recs.error).toMatch(/^(no complete response within 1\.9\ds \(GET http:\/\/127\.0\.0\.1:\d+\/api\/recommendations\)|the run did not finish within its 2s deadline \(stuck in step 'get recommendations'\))$/);
    expect(report.summary.errored).toBe(report.results.length);
    for (const r of report.results) expect(r.durationMs).toBeLessThan(2_000 + 1_500);
  });
});
