// Scenario 4: cold start. `payloadwatch run` of one API probe, from spawn to exit, against
// plain Node making the same request, spawned the same way. Then where the time goes:
// the same CLI stopped at earlier points, and a CPU profile of one run.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describeTop, describeTopFunctions, summarizeProfile, type ProfileSummary } from '../support/cpu-profile.ts';
import { CLI, FIXTURES_DIR, PACKAGE_ROOT } from '../support/paths.ts';
import type { Row, Scenario, ScenarioResult } from '../support/report.ts';
import { startShopProcess } from '../support/shop-process.ts';
import { median, round, summarize } from '../support/stats.ts';

const CONFIG = join(FIXTURES_DIR, 'cold-start', 'payloadwatch.config.ts');
const PLAIN = join(FIXTURES_DIR, 'cold-start', 'plain-request.mjs');
const SPAWN_TIMEOUT_MS = 60_000;

interface Command {
  name: string;
  args: string[];
}

/** Wall time from spawn to exit; the exit code must be 0. */
function timeProcess(args: readonly string[], nodeOptions: readonly string[] = []): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeOptions, ...args], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4_000) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), SPAWN_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      if (code === 0) resolve(ms);
      else reject(new Error(`${args.join(' ')} exited with ${code ?? signal}: ${stderr.trim()}`));
    });
  });
}

export const coldStartScenario: Scenario = {
  id: 4,
  title: 'Cold start',
  async run(ctx) {
    const shop = await startShopProcess();
    try {
      const run: Command = { name: 'payloadwatch run', args: [CLI, 'run', 'products', '--config', CONFIG, '--target', shop.url] };
      const plain: Command = { name: 'plain node', args: [PLAIN, shop.url] };
      // Stopping points of the same CLI: Node alone, the CLI loaded, the project loaded.
      const stages: Command[] = [
        { name: 'node, empty script', args: ['-e', ''] },
        { name: 'payloadwatch --version (loader + command-line shell)', args: [CLI, '--version'] },
        { name: 'payloadwatch validate (+ config loading modules, config, probe, schemas)', args: [CLI, 'validate', '--config', CONFIG] },
      ];
      const rounds = ctx.quick ? 4 : 15;
      ctx.progress(`warm-up (the loader's transform cache), then ${rounds} alternating rounds`);
      for (const command of [run, plain, ...stages]) await timeProcess(command.args);

      const times = new Map<string, number[]>([run, plain, ...stages].map((c) => [c.name, []]));
      for (let round = 0; round < rounds; round += 1) {
        const order = round % 2 === 0 ? [run, plain, ...stages] : [plain, run, ...stages.slice().reverse()];
        for (const command of order) times.get(command.name)!.push(await timeProcess(command.args));
      }

      ctx.progress('one profiled run (--cpu-prof)');
      const profile = await profileRun(run.args);

      const pw = summarize(times.get(run.name)!);
      const base = summarize(times.get(plain.name)!);
      const ratio = pw.median / base.median;
      const rows: Row[] = [
        {
          figure: 'start to exit, one API probe',
          unit: 'ms',
          payloadwatch: { median: pw.median, p95: pw.p95 },
          baseline: { median: base.median, p95: base.p95 },
          ratio,
        },
      ];
      const stageMedians = Object.fromEntries(stages.map((s) => [s.name, round(median(times.get(s.name)!), 1)]));
      const nodeMs = median(times.get(stages[0]!.name)!);
      const versionMs = median(times.get(stages[1]!.name)!);
      const validateMs = median(times.get(stages[2]!.name)!);
      const breakdown = {
        'Node itself': round(nodeMs, 1),
        'tsx loader + command-line shell': round(versionMs - nodeMs, 1),
        'config modules, config, probe and schema load': round(validateMs - versionMs, 1),
        'run modules and the run (request, judging, reporting, exit)': round(pw.median - validateMs, 1),
      };
      return {
        id: 4,
        title: 'Cold start',
        baseline: 'node plain-request.mjs: undici GET /api/products, gunzip, JSON.parse, spawned the same way',
        rows,
        details: { rounds, stagesMedianMs: stageMedians, breakdownMs: breakdown, profile },
        notes: [
          `Where the ${Math.round(pw.median)} ms go (medians; differences between stopping points): ` +
            Object.entries(breakdown)
              .map(([k, v]) => `${k} ${Math.round(v)} ms`)
              .join(', ') +
            '.',
          `Profile of one run, main thread by origin: ${describeTop(profile.main)}; by function (self): ${describeTopFunctions(profile.main)}.`,
          ...(profile.loader ? [`Loader thread by origin: ${describeTop(profile.loader)}.`] : []),
        ],
      } satisfies ScenarioResult;
    } finally {
      await shop.close();
    }
  },
};

async function profileRun(args: readonly string[]): Promise<{ main: ProfileSummary; loader?: ProfileSummary }> {
  const dir = await mkdtemp(join(tmpdir(), 'payloadwatch-bench-'));
  try {
    await timeProcess(args, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    // Node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main one.
    const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).sort();
    const main = files.find((f) => f.split('.')[4] === '0');
    const loader = files.find((f) => f !== main);
    if (!main) throw new Error('--cpu-prof wrote no profile of the main thread');
    return {
      main: await summarizeProfile(join(dir, main), 8),
      ...(loader ? { loader: await summarizeProfile(join(dir, loader), 8) } : {}),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
