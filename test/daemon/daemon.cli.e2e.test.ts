// `payloadwatch daemon` through the real CLI, as an operator runs it: exit codes, signals,
// reloads, and every fault it must live through — a target that hangs, a probe that
// throws, a metrics collector that is down.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startShop, type RunningShop } from '../../src/demo/shop.ts';
import type { Fixture } from '../config/fixture.ts';
import { runCli } from '../support/cli.ts';
import { refusingUrl } from '../support/http-server.ts';
import { daemonConfig, daemonProject, recommendationsProbe, SEARCH_PROBE } from './daemon-project.ts';
import { finishedRuns, startSpawnedDaemon, until, type SpawnedDaemon } from './spawn-daemon.ts';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function shop(faults: Parameters<typeof startShop>[0] extends infer O ? (O extends { faults?: infer F } ? F : never) : never = []): Promise<RunningShop> {
  const started = await startShop({ port: 0, faults });
  cleanups.push(() => started.close());
  return started;
}

async function project(shopUrl: string, probes: Record<string, string>, configExtra = ''): Promise<Fixture> {
  const fixture = await daemonProject(shopUrl, probes, configExtra);
  cleanups.push(() => fixture.dispose());
  return fixture;
}

async function daemon(args: readonly string[], cwd: string, env?: Record<string, string>): Promise<SpawnedDaemon> {
  const started = await startSpawnedDaemon(args, { cwd, ...(env ? { env } : {}) });
  cleanups.push(() => started.kill());
  return started;
}

interface Status {
  schedules: Array<{ probe: string; persona: string; outcome?: string; running?: boolean; runs: Record<string, number>; skippedTicks: number; lastFailure?: { message: string } }>;
}

async function status(d: SpawnedDaemon): Promise<Status> {
  return (await (await fetch(`${d.url}/api/status`)).json()) as Status;
}

function metricValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('daemon CLI: configuration and usage errors exit 2', () => {
  it('prints configuration errors exactly as `run` does', async () => {
    const fixture = await project('http://127.0.0.1:1', {
      'probes/bad.probe.ts': `import { defineProbe } from 'payloadwatch';\nexport default defineProbe({ name: 'bad', schedule: 'every minute', personas: ['ghost'], steps: [] });\n`,
    });
    const daemonRun = await runCli(['daemon', '--port', '0'], { cwd: fixture.dir });
    const run = await runCli(['run'], { cwd: fixture.dir });
    expect(daemonRun.code).toBe(2);
    expect(daemonRun.stdout).toBe('');
    expect(daemonRun.stderr).toBe(run.stderr);
    expect(daemonRun.stderr).toContain("error probes/bad.probe.ts: schedule: invalid cron expression 'every minute'");
    expect(daemonRun.stderr).toMatch(/\n\d+ errors: configuration is invalid\n$/);
  });

  it.each([
    [['daemon', '--port', '70000'], "error: option '--port <port>' argument '70000' is invalid. expected a port from 0 to 65535 (0: any free port), got '70000'."],
    [['daemon', '--drain-timeout', 'soon'], "expected a duration such as 500ms, 10s or 2m, got 'soon'."],
    [['daemon', '--concurrency', '0'], "error: option '--concurrency <n>' argument '0' is invalid. expected a whole number ≥ 1, got '0'."],
    [['daemon', '--log-level', 'loud'], "error: option '--log-level <level>' argument 'loud' is invalid. Allowed choices are fatal, error, warn, info, debug, trace, silent."],
  ])('%j', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('an unknown target and a port in use exit 2 with what to do', async () => {
    const fixture = await project('http://127.0.0.1:1', { 'probes/recommendations.probe.ts': recommendationsProbe() });
    const target = await runCli(['daemon', '--port', '0', '--target', 'staging'], { cwd: fixture.dir });
    expect(target.code).toBe(2);
    expect(target.stderr).toBe("error: unknown target 'staging'; configured targets: shop (or pass a URL such as http://127.0.0.1:8080)\n");
    const first = await daemon([], fixture.dir);
    const port = new URL(first.url).port;
    const busy = await runCli(['daemon', '--port', port], { cwd: fixture.dir });
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(`error: cannot listen on 127.0.0.1:${port}: the address is already in use\n  hint: pass --port <n> (0 picks a free port) or --host <address>\n`);
  });
});

describe('daemon CLI: it keeps working through faults', () => {
  it('a hanging target: each run errors at its deadline, ticks are skipped and counted, and it recovers', async () => {
    const demo = await shop(['hang']);
    const fixture = await project(demo.url, { 'probes/recommendations.probe.ts': recommendationsProbe() });
    const d = await daemon([], fixture.dir, { OTEL_METRICS_EXPORTER: 'prometheus' });
    const errored = await until('runs errored by their deadline', async () => {
      const s = await status(d);
      return s.schedules.every((x) => x.runs.error >= 1 && x.skippedTicks >= 1) ? s : undefined;
    }, 20_000, 200);
    // The request timeout (2s) ends each run before its 3s deadline.
    expect(errored.schedules.find((x) => x.persona === 'returning-buyer')!.lastFailure!.message).toMatch(/no complete response within 2s \(GET http:\/\/127\.0\.0\.1:\d+\/api\/recommendations\)/);
    const skipWarnings = d.logs.filter((l) => l.msg === 'tick skipped: the previous run of this schedule is still going');
    expect(skipWarnings.length).toBeGreaterThanOrEqual(1);
    expect(skipWarnings[0]).toMatchObject({ level: 40, probe: 'recommendations', reason: 'overlap' });
    const metrics = await (await fetch(`${d.url}/metrics`)).text();
    expect(metricValue(metrics, 'payloadwatch_schedule_skipped_total', { probe: 'recommendations', persona: 'new-user' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(metrics, 'payloadwatch_probe_runs_total', { persona: 'new-user', outcome: 'error' })).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${d.url}/healthz`)).status).toBe(200);

    demo.setFaults([]);
    await until('a passing run after the target recovers', async () =>
      (await status(d)).schedules.find((x) => x.persona === 'returning-buyer')!.outcome === 'pass' ? true : undefined, 15_000, 200);
  });

  it('a probe that throws — in a rule, in a persona setup, in a stray timer — costs its own runs only', async () => {
    const demo = await shop();
    const fixture = await project(demo.url, {
      'probes/recommendations.probe.ts': recommendationsProbe(),
      'probes/throws.probe.ts': `import { custom, defineProbe } from 'payloadwatch';
export const rule = defineProbe({
  name: 'throwing-rule',
  schedule: '* * * * * *',
  steps: [{ name: 'products', api: { path: '/api/products' }, expect: { rules: [custom('explodes', () => {
    setTimeout(() => { throw new Error('stray throw from a probe'); }, 0);
    void Promise.reject(new Error('stray rejection from a probe'));
    throw new Error('boom');
  })] } }],
});
`,
    }, `personas: [newUser, returningBuyer, definePersona({ name: 'broken', async setup() { throw new Error('setup exploded'); } })],`);
    await fixture.write('probes/setup.probe.ts', `import { defineProbe, nonEmpty } from 'payloadwatch';
export default defineProbe({ name: 'broken-setup', schedule: '* * * * * *', personas: ['broken'], steps: [{ name: 'p', api: { path: '/api/products' }, expect: { rules: [nonEmpty('$.items')] } }] });
`);
    const d = await daemon([], fixture.dir);
    const s = await until('three runs of every schedule', async () => {
      const current = await status(d);
      return current.schedules.every((x) => x.runs.pass + x.runs.fail + x.runs.error >= 3) ? current : undefined;
    }, 20_000, 200);
    const byKey = Object.fromEntries(s.schedules.map((x) => [`${x.probe}/${x.persona}`, x]));
    expect(byKey['throwing-rule/anonymous']!.outcome).toBe('error');
    expect(byKey['throwing-rule/anonymous']!.lastFailure!.message).toContain('custom rule threw: boom');
    expect(byKey['broken-setup/broken']!.lastFailure!.message).toContain('setup exploded');
    expect(byKey['recommendations/new-user']!.runs).toMatchObject({ fail: 0, error: 0 });
    expect(byKey['recommendations/returning-buyer']!.runs).toMatchObject({ fail: 0, error: 0 });
    expect(d.logs.some((l) => l.level === 50 && l.msg === 'uncaught exception, most likely in a probe; the daemon carries on')).toBe(true);
    expect(d.logs.some((l) => l.level === 50 && l.msg === 'unhandled promise rejection, most likely in a probe; the daemon carries on')).toBe(true);
    expect(d.child.exitCode).toBeNull();
    d.child.kill('SIGTERM');
    expect(await d.exited).toEqual({ code: 0, signal: null });
  });

  it('a metrics collector that is down: exports fail with backoff, /metrics keeps counting, SIGTERM still exits 0 in time', async () => {
    const demo = await shop();
    const fixture = await project(demo.url, { 'probes/recommendations.probe.ts': recommendationsProbe() });
    const d = await daemon(['--drain-timeout', '1s'], fixture.dir, {
      OTEL_METRICS_EXPORTER: 'otlp,prometheus',
      OTEL_EXPORTER_OTLP_ENDPOINT: await refusingUrl(),
      OTEL_METRIC_EXPORT_INTERVAL: '300',
      OTEL_METRIC_EXPORT_TIMEOUT: '300',
    });
    const exportWarning = (l: { level: number; component?: unknown }) => l.level === 40 && l.component === 'metrics';
    await d.waitForLog(exportWarning, 15_000, 'an export failure warning');
    const counts: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await until('more runs', async () => (finishedRuns(d.logs, 'recommendations', 'new-user').length > (i + 1) * 2 ? true : undefined), 10_000);
      const text = await (await fetch(`${d.url}/metrics`)).text();
      counts.push(metricValue(text, 'payloadwatch_probe_runs_total', { persona: 'new-user', outcome: 'pass' })!);
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[2]).toBeGreaterThan(counts[0]!);
    // Backoff: far fewer warnings than failed exports.
    expect(d.logs.filter(exportWarning).length).toBeLessThanOrEqual(3);
    const started = Date.now();
    d.child.kill('SIGTERM');
    expect(await d.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('daemon CLI: signals', () => {
  it('SIGTERM during a run: stops scheduling, lets the run finish, exits 0', async () => {
    const demo = await shop(['slow']);
    const fixture = await project(demo.url, { 'probes/search.probe.ts': SEARCH_PROBE });
    const d = await daemon(['--drain-timeout', '8s'], fixture.dir);
    await until('a run in flight', async () => ((await status(d)).schedules.some((x) => x.running) ? true : undefined), 15_000, 50);
    const runsBefore = finishedRuns(d.logs).length;
    const started = Date.now();
    d.child.kill('SIGTERM');
    expect(await d.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(8_000 + 4_000);
    const drained = d.logs.find((l) => l.msg === 'runs in flight drained')!;
    expect(drained).toMatchObject({ aborted: 0 });
    expect(drained.finished as number).toBeGreaterThanOrEqual(1);
    expect(finishedRuns(d.logs).length).toBeGreaterThan(runsBefore);
    expect(d.logs.map((l) => l.msg)).toContain('stopped');
  });

  it('SIGTERM with a run that outlives the drain deadline: aborted, not recorded, exit 0 in time', async () => {
    const demo = await shop(['hang']);
    const fixture = await project(demo.url, { 'probes/search.probe.ts': SEARCH_PROBE }, '');
    await fixture.write('payloadwatch.config.ts', daemonConfig(demo.url).replace("runTimeout: '3s'", "runTimeout: '30s'"));
    const d = await daemon(['--drain-timeout', '500ms'], fixture.dir);
    await until('a run in flight', async () => ((await status(d)).schedules.some((x) => x.running) ? true : undefined), 15_000, 50);
    const started = Date.now();
    d.child.kill('SIGTERM');
    expect(await d.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(6_000);
    // Every run in flight hangs, so none finishes; how many were in flight depends on the ticks.
    const drained = d.logs.find((l) => l.msg === 'runs in flight drained');
    expect(drained).toMatchObject({ finished: 0 });
    expect(drained?.aborted).toBeGreaterThanOrEqual(1);
    expect(d.logs.find((l) => l.msg === 'runs still going at the drain deadline; aborting them')).toBeDefined();
    expect(d.logs.find((l) => l.msg === 'run aborted by shutdown; its result is not recorded')).toMatchObject({ level: 40, probe: 'search' });
  });

  it('a second signal exits at once', async () => {
    const demo = await shop(['hang']);
    const fixture = await project(demo.url, { 'probes/search.probe.ts': SEARCH_PROBE });
    await fixture.write('payloadwatch.config.ts', daemonConfig(demo.url).replace("runTimeout: '3s'", "runTimeout: '60s'"));
    const d = await daemon(['--drain-timeout', '60s'], fixture.dir);
    await until('a run in flight', async () => ((await status(d)).schedules.some((x) => x.running) ? true : undefined), 15_000, 50);
    d.child.kill('SIGINT');
    await d.waitForLog((l) => l.msg === 'stopping: no new runs; waiting for runs in flight', 5_000);
    const started = Date.now();
    d.child.kill('SIGINT');
    expect(await d.exited).toEqual({ code: 130, signal: null });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(d.logs.map((l) => l.msg)).toContain('SIGINT again: exiting at once');
  });

  it('SIGHUP: a broken config is refused and the old set keeps running; a valid one is swapped in', async () => {
    const demo = await shop();
    const fixture = await project(demo.url, { 'probes/recommendations.probe.ts': recommendationsProbe() });
    const d = await daemon([], fixture.dir);
    await until('a first run', () => (finishedRuns(d.logs, 'recommendations').length >= 2 ? true : undefined));

    await fixture.write('payloadwatch.config.ts', 'export default { targets: {} ');
    d.child.kill('SIGHUP');
    const refused = await d.waitForLog((l) => String(l.msg).startsWith('reload refused'), 15_000, 'the refusal');
    expect(refused).toMatchObject({ level: 50, msg: 'reload refused: configuration is invalid; the running schedules are kept' });
    expect(d.logs.some((l) => l.level === 50 && String(l.msg).startsWith('error payloadwatch.config.ts: syntax error'))).toBe(true);
    const afterRefusal = finishedRuns(d.logs, 'recommendations').length;
    await until('runs after the refusal', () => (finishedRuns(d.logs, 'recommendations').length >= afterRefusal + 2 ? true : undefined));
    expect((await fetch(`${d.url}/readyz`)).status).toBe(200);

    await fixture.write('payloadwatch.config.ts', daemonConfig(demo.url));
    await fixture.write('probes/search.probe.ts', SEARCH_PROBE);
    d.child.kill('SIGHUP');
    const reloaded = await d.waitForLog((l) => l.msg === 'configuration reloaded', 15_000, 'the reload');
    expect(reloaded).toMatchObject({ level: 30, schedules: 4 });
    await until('a run of the new probe', () => (finishedRuns(d.logs, 'search').length >= 1 ? true : undefined));
    expect((await status(d)).schedules.map((x) => `${x.probe}/${x.persona}`)).toEqual([
      'recommendations/new-user',
      'recommendations/returning-buyer',
      'search/new-user',
      'search/returning-buyer',
    ]);
    d.child.kill('SIGTERM');
    expect((await d.exited).code).toBe(0);
  });
});

describe('daemon CLI: page probes', () => {
  it('runs a page probe in real Chromium on its schedule, and closes the browser on SIGTERM', async () => {
    const demo = await shop();
    const fixture = await project(demo.url, {
      'probes/home-page.probe.ts': `import { defineProbe, dom, measure } from 'payloadwatch';
export default defineProbe({
  name: 'home-page',
  schedule: '* * * * * *',
  steps: [{ name: 'home page', page: { path: '/' }, expect: { dom: [dom.count('.product-card', { min: 1 }, { name: 'products are listed' })] }, measures: { productCards: measure.domCount('.product-card') } }],
});
`,
    });
    const d = await daemon([], fixture.dir);
    const passed = await until('two passing page runs', async () => {
      const s = (await status(d)).schedules[0]!;
      return s.runs.pass >= 2 ? s : undefined;
    }, 30_000, 200);
    expect(passed).toMatchObject({ probe: 'home-page', persona: 'anonymous', outcome: 'pass' });
    const browsers = (await promisify(execFile)('pgrep', ['-P', String(d.child.pid), '-f', 'chromium']).catch(() => ({ stdout: '' }))).stdout
      .split('\n')
      .filter(Boolean)
      .map(Number);
    expect(browsers.length).toBeGreaterThanOrEqual(1);
    d.child.kill('SIGTERM');
    expect(await d.exited).toEqual({ code: 0, signal: null });
    const alive = browsers.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  });
});
