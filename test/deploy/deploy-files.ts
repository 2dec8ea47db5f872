// The shipped deploy files, and the metric names the real exporter gives payloadwatch's
// instruments, so rules and dashboard are checked against what Prometheus will store.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../src/logging/logger.ts';
import { createMetricsPipeline } from '../../src/metrics/metrics-pipeline.ts';
import type { RunResult } from '../../src/model/results.ts';

export const DEPLOY = fileURLToPath(new URL('../../deploy/', import.meta.url));
export const RULES = `${DEPLOY}prometheus/payloadwatch.rules.yml`;
export const RULE_TESTS = `${DEPLOY}prometheus/payloadwatch.rules.test.yml`;
export const PROMETHEUS_EXAMPLE = `${DEPLOY}prometheus/prometheus.example.yml`;
export const DASHBOARD = `${DEPLOY}grafana/payloadwatch.dashboard.json`;
export const PROMTOOL = '/usr/bin/promtool';
export const PROMETHEUS = '/usr/bin/prometheus';

export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runTool(command: string, args: readonly string[], cwd?: string): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Metric names a PromQL text refers to (recording-rule names, which hold a colon, excluded). */
export function referencedMetrics(promql: string): Set<string> {
  const withoutStrings = promql.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return new Set([...withoutStrings.matchAll(/(?<![\w:])(payloadwatch_[a-z_]+|http_client_[a-z_]+)(?![\w:])/g)].map((m) => m[1]!));
}

const SAMPLE_RESULT: RunResult = {
  probe: 'recommendations',
  persona: 'new-user',
  target: 'shop',
  url: 'http://shop',
  outcome: 'fail',
  flaky: false,
  startedAt: new Date().toISOString(),
  durationMs: 20,
  attempts: 1,
  steps: [{ name: 'get recommendations', outcome: 'fail', durationMs: 15, method: 'GET', serverAddress: 'shop', status: 200 }],
  checks: [{ name: 'recommendations are never empty', kind: 'rule', outcome: 'fail', step: 'get recommendations', message: 'empty' }],
  measures: { recommendations: 0 },
  artifacts: [],
};

/** What the real Prometheus exporter serves after one run and one skipped tick. */
export async function exporterText(): Promise<string> {
  const pipeline = await createMetricsPipeline({ env: { OTEL_METRICS_EXPORTER: 'prometheus' }, location: 'local', logger: silentLogger(), mode: 'daemon' });
  if (!pipeline?.prometheusHandler) throw new Error('the prometheus exporter did not start');
  pipeline.reporter.onRunEnd(SAMPLE_RESULT);
  pipeline.reporter.recordSkippedTick({ probe: 'recommendations', persona: 'new-user', target: 'shop' });
  const handler = pipeline.prometheusHandler;
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();
  } finally {
    server.close();
    await pipeline.shutdown();
  }
}

/** Sample names (`payloadwatch_probe_duration_bucket`, ...) in Prometheus text, with the label names each carries. */
export function sampleLabels(text: string): Map<string, Set<string>> {
  const samples = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? /.exec(line);
    if (!match) continue;
    const labels = samples.get(match[1]!) ?? new Set<string>();
    for (const label of (match[2] ?? '').matchAll(/(\w+)="/g)) labels.add(label[1]!);
    samples.set(match[1]!, labels);
  }
  return samples;
}

export async function readDashboard(): Promise<Dashboard> {
  return JSON.parse(await readFile(DASHBOARD, 'utf8')) as Dashboard;
}

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type: string; uid: string };
  targets?: Array<{ expr: string; refId: string }>;
}

export interface Dashboard {
  title: string;
  uid: string;
  panels: DashboardPanel[];
  templating: { list: Array<{ name: string; type: string; query: unknown; definition?: string }> };
  annotations: { list: Array<{ expr?: string }> };
}

/** Every PromQL text of the dashboard: panel queries, variable queries, annotations. */
export function dashboardQueries(dashboard: Dashboard): string[] {
  return [
    ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)),
    ...dashboard.templating.list.filter((v) => v.type === 'query').map((v) => v.definition ?? ''),
    ...dashboard.annotations.list.map((a) => a.expr ?? ''),
  ].filter(Boolean);
}
