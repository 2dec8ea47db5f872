// The daemon in-process against the real demo shop, with the Prometheus exporter on:
// endpoints, counts that agree between /metrics and the status store, scrapes during
// runs, readiness while draining, and reloads.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDaemon, type RunningDaemon } from '../../src/daemon/daemon.ts';
import { startShop, type RunningShop } from '../../src/demo/shop.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import type { Fixture } from '../config/fixture.ts';
import { BUYER_ENV } from '../support/demo-shop.ts';
import { LEVEL, memoryLogger } from '../scheduler/fake-ticks.ts';
import { daemonProject, recommendationsProbe, SEARCH_PROBE, UNSCHEDULED_PROBE } from './daemon-project.ts';
import { until } from './spawn-daemon.ts';

interface StatusJson {
  state: string;
  schedules: Array<{ probe: string; persona: string; outcome?: string; runs: Record<string, number>; busy?: boolean; running?: boolean; nextRunAt?: string; jitterMs?: number; lastFailure?: { message: string } }>;
}

let shop: RunningShop;
let fixture: Fixture;
let daemon: RunningDaemon;
const { logger, lines } = memoryLogger();
const savedEnv = { ...process.env };

async function get(path: string) {
  const res = await fetch(`${daemon.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

async function status(): Promise<StatusJson> {
  return JSON.parse((await get('/api/status')).body) as StatusJson;
}

/** `payloadwatch_probe_runs_total` by `probe/persona/outcome`, from Prometheus text. */
function runCounts(metrics: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of metrics.matchAll(/^payloadwatch_probe_runs_total\{([^}]*)\} (\d+)$/gm)) {
    const labels = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    counts[`${labels.probe}/${labels.persona}/${labels.outcome}`] = Number(match[2]);
  }
  return counts;
}

beforeAll(async () => {
  Object.assign(process.env, BUYER_ENV);
  shop = await startShop({ port: 0, faults: ['empty-recs-new-users'] });
  fixture = await daemonProject(shop.url, {
    'probes/recommendations.probe.ts': recommendationsProbe(),
    'probes/search.probe.ts': SEARCH_PROBE,
    'probes/adhoc.probe.ts': UNSCHEDULED_PROBE,
  });
  daemon = await startDaemon({
    cwd: fixture.dir,
    host: '127.0.0.1',
    port: 0,
    drainTimeoutMs: 5_000,
    logger,
    env: { OTEL_METRICS_EXPORTER: 'prometheus' },
    resources: [{ name: 'http client', close: closeHttpClient }],
  });
});

afterAll(async () => {
  await daemon?.stop();
  await shop?.close();
  await fixture?.dispose();
  process.env = savedEnv;
});

describe('daemon endpoints', () => {
  it('logs its URL and schedule count at start-up; probes without a schedule are left out, at info', () => {
    const started = lines.find((l) => l.msg.startsWith('payloadwatch daemon listening on'));
    expect(started).toMatchObject({ level: LEVEL.info, url: daemon.url, schedules: 4, unscheduled: 1, target: 'shop', metrics: `${daemon.url}/metrics` });
    expect(started!.msg).toBe(`payloadwatch daemon listening on ${daemon.url} with 4 schedules`);
    expect(lines.find((l) => l.msg === 'probe has no schedule; the daemon does not run it')).toMatchObject({ level: LEVEL.info, probe: 'adhoc' });
    expect(daemon.scheduled).toBe(4);
  });

  it('health, readiness, status JSON and the status page', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, type: 'text/plain; charset=utf-8', body: 'ok\n' });
    expect(await get('/readyz')).toEqual({ status: 200, type: 'text/plain; charset=utf-8', body: 'ready\n' });
    const json = await status();
    expect(json.state).toBe('ready');
    expect(json.schedules.map((s) => `${s.probe}/${s.persona}`)).toEqual([
      'recommendations/new-user',
      'recommendations/returning-buyer',
      'search/new-user',
      'search/returning-buyer',
    ]);
    expect(json.schedules[0]).toMatchObject({ busy: expect.any(Boolean), jitterMs: expect.any(Number), nextRunAt: expect.any(String) });
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('data-probe="recommendations" data-persona="new-user"');
  });

  it('/metrics: the prometheus exporter counts the runs; the incident shows for new-user only', async () => {
    const json = await until('two runs of each recommendations schedule', async () => {
      const s = await status();
      const recs = s.schedules.filter((x) => x.probe === 'recommendations');
      return recs.every((x) => x.runs.pass + x.runs.fail + x.runs.error >= 2) ? s : undefined;
    });
    expect(json.schedules.find((s) => s.persona === 'new-user' && s.probe === 'recommendations')!.lastFailure!.message).toBe(
      "rule \"recommendations are never empty\" in step 'get recommendations': expected a non-empty array at $.items, got []",
    );
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toBe('text/plain');
    expect(metrics.body).toMatch(/^payloadwatch_payload_empty_total\{probe="recommendations",persona="new-user",target="shop",measure="recommendations"[^}]*\} [1-9]\d*$/m);
    expect(metrics.body).toMatch(/^payloadwatch_payload_empty_total\{probe="recommendations",persona="returning-buyer",target="shop",measure="recommendations"[^}]*\} 0$/m);
    expect(metrics.body).toMatch(/^payloadwatch_probe_status\{probe="recommendations",persona="new-user",target="shop",location="local"[^}]*\} 0$/m);
    expect(metrics.body).toMatch(/^payloadwatch_probe_status\{probe="recommendations",persona="returning-buyer",target="shop",location="local"[^}]*\} 1$/m);
  });

  it('counts agree between /metrics and the status store, and scrapes during runs never go backwards', async () => {
    let previous: Record<string, number> = {};
    let agreed = 0;
    for (let i = 0; i < 40 && agreed < 3; i += 1) {
      const before = await status();
      const counts = runCounts((await get('/metrics')).body);
      const after = await status();
      for (const [key, value] of Object.entries(previous)) expect(counts[key], key).toBeGreaterThanOrEqual(value);
      previous = counts;
      // Only a scrape no run finished around is comparable with the store.
      if (JSON.stringify(before.schedules.map((s) => s.runs)) === JSON.stringify(after.schedules.map((s) => s.runs))) {
        for (const s of after.schedules) {
          for (const outcome of ['pass', 'fail', 'error']) expect(counts[`${s.probe}/${s.persona}/${outcome}`] ?? 0, `${s.probe}/${s.persona}/${outcome}`).toBe(s.runs[outcome]);
        }
        agreed += 1;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(agreed).toBe(3);
  });
});

describe('daemon reload', () => {
  it('refuses an invalid project with diagnostics at error and keeps the running set', async () => {
    onTestFinished(() => fixture.remove('probes/broken.probe.ts'));
    await fixture.write('probes/broken.probe.ts', `import { defineProbe } from 'payloadwatch';\nexport default defineProbe({ name: 'broken', schedule: 'every minute', steps: [] });\n`);
    const result = await daemon.reload();
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: 'configuration is invalid' });
    const errors = lines.filter((l) => l.level === LEVEL.error).map((l) => l.msg);
    expect(errors).toContain(
      "error probes/broken.probe.ts: schedule: invalid cron expression 'every minute': expected 5 or 6 fields but got 2\n  hint: use 5 fields 'minute hour day-of-month month day-of-week', e.g. '*/5 * * * *', or 6 with seconds first, e.g. '*/30 * * * * *'",
    );
    expect(errors).toContain('error probes/broken.probe.ts: steps: expected at least one step, got an empty array\n  hint: steps: [{ name: \'recommendations\', api: { path: \'/api/recommendations\' } }]');
    expect(errors).toContain('reload refused: configuration is invalid; the running schedules are kept');
    expect(daemon.scheduled).toBe(4);
  });

  it('a valid project swaps the schedules; the history of schedules that stay is kept', async () => {
    const before = (await status()).schedules.find((s) => s.probe === 'recommendations' && s.persona === 'new-user')!;
    await fixture.remove('probes/search.probe.ts');
    await fixture.write('probes/product.probe.ts', SEARCH_PROBE.replace("name: 'search'", "name: 'product'").replace("personas: ['new-user', 'returning-buyer']", "personas: ['returning-buyer']"));
    expect(await daemon.reload()).toEqual({ ok: true, scheduled: 3, unscheduled: 1 });
    const after = await status();
    expect(after.schedules.map((s) => `${s.probe}/${s.persona}`)).toEqual(['product/returning-buyer', 'recommendations/new-user', 'recommendations/returning-buyer']);
    const recs = after.schedules.find((s) => s.probe === 'recommendations' && s.persona === 'new-user')!;
    expect(recs.runs.fail).toBeGreaterThanOrEqual(before.runs.fail);
    await until('a run of the new schedule', async () => ((await status()).schedules.find((s) => s.probe === 'product')!.runs.pass > 0 ? true : undefined));
  });
});

describe('daemon stop', () => {
  it('readiness turns 503 at once while runs in flight drain; they finish and stop resolves', async () => {
    shop.setFaults(['slow']);
    await until('a run in flight', async () => ((await status()).schedules.some((s) => s.running) ? true : undefined), 10_000, 50);
    const stopping = daemon.stop();
    expect(await get('/readyz')).toMatchObject({ status: 503, body: 'stopping\n' });
    expect(await get('/healthz')).toMatchObject({ status: 200 });
    const report = await stopping;
    expect(report).toEqual({ done: ['scheduler', 'run resources', 'http server', 'metrics'], failed: [], timedOut: [] });
    const drained = lines.find((l) => l.msg === 'runs in flight drained');
    expect(drained).toMatchObject({ aborted: 0 });
    expect(drained!.finished as number).toBeGreaterThanOrEqual(1);
    await expect(fetch(`${daemon.url}/healthz`)).rejects.toThrow();
    expect(await daemon.reload()).toEqual({ ok: false, reason: 'the daemon is stopping', diagnostics: [] });
  });
});
