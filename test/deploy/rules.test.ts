// The shipped Prometheus rules: valid, unit-tested with promtool, tests that would catch a
// wrong threshold or duration, and every metric name they use is one the exporter serves.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exporterText, PROMETHEUS_EXAMPLE, PROMTOOL, referencedMetrics, RULE_TESTS, RULES, runTool, sampleLabels } from './deploy-files.ts';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'payloadwatch-rules-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Runs the shipped rule tests against a copy of the rules with one change. */
async function testMutant(from: string, to: string): Promise<{ code: number | null; output: string }> {
  const rules = await readFile(RULES, 'utf8');
  expect(rules).toContain(from);
  const dir = await mkdtemp(join(scratch, 'mutant-'));
  await writeFile(join(dir, 'payloadwatch.rules.yml'), rules.replace(from, to));
  await copyFile(RULE_TESTS, join(dir, 'payloadwatch.rules.test.yml'));
  const run = await runTool(PROMTOOL, ['test', 'rules', 'payloadwatch.rules.test.yml'], dir);
  return { code: run.code, output: run.stdout + run.stderr };
}

describe('deploy/prometheus', () => {
  it('promtool check rules passes', async () => {
    const run = await runTool(PROMTOOL, ['check', 'rules', RULES]);
    expect(run.stdout + run.stderr).toContain('SUCCESS: 9 rules found');
    expect(run.code).toBe(0);
  });

  it('promtool test rules passes', async () => {
    const run = await runTool(PROMTOOL, ['test', 'rules', RULE_TESTS]);
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.code).toBe(0);
  });

  it('the scrape example is a valid Prometheus config that loads the rules', async () => {
    const run = await runTool(PROMTOOL, ['check', 'config', PROMETHEUS_EXAMPLE]);
    expect(run.stdout + run.stderr).toContain('SUCCESS: 1 rule files found');
    expect(run.code).toBe(0);
  });

  it.each([
    ['a lower zero-result threshold (4% would fire)', 'payload_empty:ratio_rate5m > 0.05', 'payload_empty:ratio_rate5m > 0.03'],
    ['a higher zero-result threshold (6% would not fire)', 'payload_empty:ratio_rate5m > 0.05', 'payload_empty:ratio_rate5m > 0.07'],
    ['a zero-result alert without its for: duration', '> 0.05\n        for: 5m', '> 0.05\n        for: 0m'],
    ['a zero-result rate that forgets the persona', 'sum by (probe, persona, target, measure) (rate(payloadwatch_payload_empty_total[5m]))\n          /\n          sum by (probe, persona, target, measure)', 'sum by (probe, target, measure) (rate(payloadwatch_payload_empty_total[5m]))\n          /\n          sum by (probe, target, measure)'],
    ['a check ratio that counts skipped evaluations', 'rate(payloadwatch_check_results_total{outcome!="skip"}[5m]))\n', 'rate(payloadwatch_check_results_total[5m]))\n'],
    ['a probe-failing alert that fires at once', '== 0\n        for: 10m', '== 0\n        for: 1m'],
  ])('the rule tests catch %s', async (_what, from, to) => {
    const mutant = await testMutant(from, to);
    expect(mutant.code, mutant.output).toBe(1);
    expect(mutant.output).toContain('FAILED');
  });

  it('uses only metric names and labels the real exporter serves', async () => {
    const samples = sampleLabels(await exporterText());
    const used = referencedMetrics(await readFile(RULES, 'utf8'));
    expect([...used].sort()).toEqual([
      'payloadwatch_check_results_total',
      'payloadwatch_payload_empty_total',
      'payloadwatch_payload_measure_count',
      'payloadwatch_probe_duration_bucket',
      'payloadwatch_probe_runs_total',
      'payloadwatch_probe_status',
      'payloadwatch_schedule_skipped_total',
    ]);
    for (const name of used) expect(samples.has(name), `${name} is not served by the exporter`).toBe(true);
    const has = (name: string, labels: string[]) => expect([...samples.get(name)!].sort()).toEqual(expect.arrayContaining(labels));
    has('payloadwatch_probe_runs_total', ['probe', 'persona', 'target', 'location', 'outcome']);
    has('payloadwatch_probe_status', ['probe', 'persona', 'target', 'location']);
    has('payloadwatch_payload_empty_total', ['probe', 'persona', 'target', 'measure']);
    has('payloadwatch_payload_measure_count', ['probe', 'persona', 'target', 'measure']);
    has('payloadwatch_check_results_total', ['probe', 'persona', 'target', 'step', 'check', 'kind', 'outcome']);
    has('payloadwatch_probe_duration_bucket', ['probe', 'persona', 'target', 'le']);
    has('payloadwatch_schedule_skipped_total', ['probe', 'persona', 'target']);
  });
});
