// The vaccine, end to end: the demo shop with the incident's bug, the daemon probing it
// every second as two personas, Debian's real Prometheus scraping the daemon with the
// SHIPPED rule file. The zero-result alert must fire for new-user and for no one else;
// a second daemon probing a healthy shop must raise no alert in the same time.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type RunningShop } from '../../src/demo/shop.ts';
import type { Fixture } from '../config/fixture.ts';
import { daemonConfig, daemonProject, recommendationsProbe } from '../daemon/daemon-project.ts';
import { startSpawnedDaemon, until, type SpawnedDaemon } from '../daemon/spawn-daemon.ts';
import { dashboardQueries, PROMETHEUS, readDashboard, RULES } from './deploy-files.ts';

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

let incidentShop: RunningShop | undefined;
let healthyShop: RunningShop | undefined;
let fixture: Fixture | undefined;
let incident: SpawnedDaemon | undefined;
let healthy: SpawnedDaemon | undefined;
let prometheus: ChildProcess | undefined;
let prometheusExited: Promise<void> | undefined;
let prometheusLog = '';
let dataDir: string | undefined;
let prometheusUrl = '';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function query(promql: string): Promise<Sample[]> {
  const res = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await res.json()) as { status: string; error?: string; data: { result: Sample[] } };
  if (body.status !== 'success') throw new Error(`query failed: ${promql}: ${body.error}`);
  return body.data.result;
}

beforeAll(async () => {
  [incidentShop, healthyShop] = await Promise.all([startShop({ port: 0, faults: ['empty-recs-new-users'] }), startShop({ port: 0 })]);
  const project = await daemonProject(incidentShop.url, { 'probes/recommendations.probe.ts': recommendationsProbe('* * * * * *') });
  fixture = project;
  await project.write(
    'payloadwatch.config.ts',
    daemonConfig(incidentShop.url).replace(/targets: \{[^}]*\}/, `targets: { incident: ${JSON.stringify(incidentShop.url)}, healthy: ${JSON.stringify(healthyShop.url)} }`),
  );
  const metricsOn = { OTEL_METRICS_EXPORTER: 'prometheus' };
  [incident, healthy] = await Promise.all([
    startSpawnedDaemon(['--target', 'incident'], { cwd: project.dir, env: metricsOn }),
    startSpawnedDaemon(['--target', 'healthy'], { cwd: project.dir, env: metricsOn }),
  ]);

  dataDir = await mkdtemp(join(tmpdir(), 'payloadwatch-prometheus-'));
  // The shipped rules exactly, except that every `for:` is shortened to 2s so the test
  // sees alerts fire within seconds instead of minutes. Windows and thresholds are untouched.
  const shipped = await readFile(RULES, 'utf8');
  const forTest = shipped.replace(/^(\s+)for: \d+[smh]$/gm, '$1for: 2s');
  expect(forTest.match(/for: 2s/g)).toHaveLength(shipped.match(/for: /g)!.length);
  await writeFile(join(dataDir, 'rules.yml'), forTest);
  const targets = [incident, healthy].map((d) => JSON.stringify(new URL(d!.url).host)).join(', ');
  await writeFile(
    join(dataDir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - rules.yml\nscrape_configs:\n  - job_name: payloadwatch\n    static_configs:\n      - targets: [${targets}]\n`,
  );
  const port = await freePort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dataDir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dataDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  prometheus.stderr!.on('data', (chunk) => (prometheusLog += chunk));
  prometheusExited = new Promise((resolve) => prometheus!.on('exit', () => resolve()));
  await until(
    'Prometheus to be ready',
    async () => {
      if (prometheus!.exitCode !== null) throw new Error(`prometheus exited: ${prometheusLog}`);
      return (await fetch(`${prometheusUrl}/-/ready`).catch(() => undefined))?.ok ? true : undefined;
    },
    15_000,
  );
}, 45_000);

afterAll(async () => {
  const stops: Array<Promise<unknown>> = [];
  if (prometheus && prometheus.exitCode === null) {
    prometheus.kill('SIGTERM');
    const killer = setTimeout(() => prometheus?.kill('SIGKILL'), 5_000);
    stops.push(prometheusExited!.finally(() => clearTimeout(killer)));
  }
  for (const d of [incident, healthy]) if (d) stops.push(d.kill());
  await Promise.allSettled(stops);
  await Promise.allSettled([incidentShop?.close(), healthyShop?.close(), fixture?.dispose(), dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined]);
});

describe('the zero-result alert in a real Prometheus', () => {
  it('fires for new-user on the broken shop, not for returning-buyer, and nothing fires for the healthy shop', async () => {
    const rate = await until(
      'the new-user zero-result rate above 5%',
      async () => {
        const [sample] = await query('probe_persona_target_measure:payloadwatch_payload_empty:ratio_rate5m{target="incident", persona="new-user", measure="recommendations"}');
        return sample && Number(sample.value[1]) > 0.05 ? Number(sample.value[1]) : undefined;
      },
      30_000,
      250,
    );
    expect(rate).toBeGreaterThan(0.05);

    const [firing] = await until(
      'the zero-result alert firing for new-user',
      async () => {
        const alerts = await query('ALERTS{alertname="PayloadwatchZeroResultRateHigh", alertstate="firing", persona="new-user"}');
        return alerts.length ? alerts : undefined;
      },
      30_000,
      250,
    );
    expect(firing!.metric).toMatchObject({ probe: 'recommendations', persona: 'new-user', target: 'incident', measure: 'recommendations', severity: 'critical' });

    // Same time for the healthy shop, plus a few evaluations after the alert's `for:`.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await query('ALERTS{alertname="PayloadwatchZeroResultRateHigh", persona="returning-buyer"}')).toEqual([]);
    expect(await query('ALERTS{target="healthy"}')).toEqual([]);
    expect((await query('ALERTS{alertname="PayloadwatchZeroResultRateHigh"}')).map((a) => `${a.metric.target}/${a.metric.persona}/${a.metric.alertstate}`)).toEqual([
      'incident/new-user/firing',
    ]);

    // No alert for the right reason: the rates are there, and they are 0.
    const zeroRates = await query('probe_persona_target_measure:payloadwatch_payload_empty:ratio_rate5m');
    const byKey = Object.fromEntries(zeroRates.map((s) => [`${s.metric.target}/${s.metric.persona}`, Number(s.value[1])]));
    expect(byKey['incident/returning-buyer']).toBe(0);
    expect(byKey['healthy/new-user']).toBe(0);
    expect(byKey['healthy/returning-buyer']).toBe(0);
    const passRates = await query('probe_persona_target:payloadwatch_probe_pass:ratio_rate5m{target="healthy"}');
    expect(passRates.map((s) => Number(s.value[1]))).toEqual([1, 1]);
  });

  it('every dashboard query is valid PromQL that Prometheus answers', async () => {
    const queries = dashboardQueries(await readDashboard()).map((q) =>
      q
        .replaceAll('$__rate_interval', '1m')
        .replaceAll('$__range', '5m')
        .replace(/\$(probe|persona|target|measure)\b/g, '.*')
        // Grafana's variable function, as the PromQL it stands for.
        .replace(/^label_values\((\w+), (\w+)\)$/, 'count by ($2) ($1)'),
    );
    const answered = await Promise.all(queries.map(async (q) => ({ q, samples: (await query(q)).length })));
    for (const { q, samples } of answered) {
      if (q.includes('schedule_skipped')) continue; // no schedule was skipped here
      expect(samples, q).toBeGreaterThan(0);
    }
  });
});
