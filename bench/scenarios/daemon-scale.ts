// Scenario 5: the daemon at scale. 1,000 probe × persona schedules against the demo shop,
// every 10 s (seconds-field cron, spread over the interval), measured in a worker process
// of its own: CPU share, schedule lag and memory growth between warm-up and the end.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../support/paths.ts';
import { goal, type Scenario, type ScenarioResult } from '../support/report.ts';
import { createShopUser, startShopProcess } from '../support/shop-process.ts';

const WORKER = fileURLToPath(new URL('./daemon-worker.ts', import.meta.url));
const SCHEDULES = 1_000;
const INTERVAL_S = 10;

interface WorkerMemory {
  rssMiB: number;
  heapUsedMiB: number;
  externalMiB: number;
}

interface WorkerReport {
  schedules: number;
  runsMeasured: number;
  runsDuringWarmup: number;
  outcomes: { pass: number; fail: number; error: number };
  skippedTicks: number;
  wallS: number;
  runsPerS: number;
  cpu: { userS: number; systemS: number; sharePercent: number };
  lagMs: { p50: number; p95: number; p99: number; max: number; min: number };
  memoryAfterWarmup: WorkerMemory;
  memoryAfterRuns: WorkerMemory;
  gcExposed: boolean;
  trend: Array<WorkerMemory & { runs: number; s: number }>;
  firstProblem?: string;
  [key: string]: unknown;
}

function runWorker(args: readonly string[], env: NodeJS.ProcessEnv, progress: (m: string) => void, timeoutMs: number): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', WORKER, ...args], { cwd: PACKAGE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderrTail = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderrTail = (stderrTail + text).slice(-4_000);
      for (const line of text.split('\n')) if (line.trim()) progress(line.trim());
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop();
      if (code !== 0 || !last) return reject(new Error(`the daemon worker exited with ${code ?? signal}: ${stderrTail.trim()}`));
      resolve(JSON.parse(last) as WorkerReport);
    });
  });
}

export const daemonScaleScenario: Scenario = {
  id: 5,
  title: 'Daemon at scale',
  async run(ctx) {
    const settings = ctx.quick ? { warmupS: 15, runs: 1_000, maxS: 60 } : { warmupS: 25, runs: 10_000, maxS: 300 };
    const shop = await startShopProcess();
    try {
      const [a, b] = [await createShopUser(shop.url), await createShopUser(shop.url)];
      ctx.progress(`${SCHEDULES} schedules every ${INTERVAL_S} s; warm-up ${settings.warmupS} s, then ${settings.runs} runs`);
      const report = await runWorker(
        [shop.url, String(settings.warmupS), String(settings.runs), String(settings.maxS)],
        {
          ...process.env,
          PAYLOADWATCH_BENCH_SCHEDULES: String(SCHEDULES),
          PAYLOADWATCH_BENCH_INTERVAL_S: String(INTERVAL_S),
          BENCH_SHOP_AUTHORIZATION_A: `Bearer ${a!.token}`,
          BENCH_SHOP_AUTHORIZATION_B: `Bearer ${b!.token}`,
          OTEL_METRICS_EXPORTER: 'prometheus',
        },
        ctx.progress,
        (settings.warmupS + settings.maxS + 120) * 1000,
      );
      if (report.outcomes.fail + report.outcomes.error > 0) {
        throw new Error(`${report.outcomes.fail} runs failed and ${report.outcomes.error} errored; first problem: ${report.firstProblem ?? 'none logged'}`);
      }
      const growth = (before: number, after: number) => ((after - before) / before) * 100;
      const rssGrowth = growth(report.memoryAfterWarmup.rssMiB, report.memoryAfterRuns.rssMiB);
      const heapGrowth = growth(report.memoryAfterWarmup.heapUsedMiB, report.memoryAfterRuns.heapUsedMiB);
      const rssGoal = goal(rssGrowth, '<=', 10);
      const heapGoal = goal(heapGrowth, '<=', 10);
      return {
        id: 5,
        title: 'Daemon at scale',
        baseline: 'none: absolute figures of the daemon process alone',
        rows: [
          { figure: `CPU share, ${Math.round(report.runsPerS)} runs/s`, unit: '% core', payloadwatch: { median: report.cpu.sharePercent } },
          { figure: 'schedule lag p50 / p99', unit: 'ms', payloadwatch: { median: report.lagMs.p50, p95: report.lagMs.p99 } },
          {
            figure: `RSS after warm-up → after ${report.runsMeasured} runs`,
            unit: 'MiB',
            payloadwatch: { median: report.memoryAfterRuns.rssMiB },
            baseline: { median: report.memoryAfterWarmup.rssMiB },
            ratio: report.memoryAfterRuns.rssMiB / report.memoryAfterWarmup.rssMiB,
            goal: 'growth < 10%',
            met: rssGoal.met,
          },
          {
            figure: `heapUsed after warm-up → after ${report.runsMeasured} runs`,
            unit: 'MiB',
            payloadwatch: { median: report.memoryAfterRuns.heapUsedMiB },
            baseline: { median: report.memoryAfterWarmup.heapUsedMiB },
            ratio: report.memoryAfterRuns.heapUsedMiB / report.memoryAfterWarmup.heapUsedMiB,
            goal: 'growth < 10%',
            met: heapGoal.met,
          },
        ],
        details: { ...report, rssGrowthPercent: rssGrowth, heapUsedGrowthPercent: heapGrowth, settings },
        notes: [
          `${report.schedules} schedules (500 probes × 2 personas, 1 API request each), every ${INTERVAL_S} s with seconds offsets and the scheduler's jitter; ${report.runsMeasured} runs measured after ${report.runsDuringWarmup} warm-up runs, ${report.skippedTicks} ticks skipped.`,
          'CPU share is process.cpuUsage of the daemon process over wall time (100% = one core); lag is run start (from the daemon’s own run log) minus the cron tick plus the schedule’s jitter.',
          'In the memory rows the "base" columns hold the figure after warm-up, "pw" after the runs, and the ratio is after ÷ before (both after a forced GC).',
          `After a forced GC, by runs: ${report.trend.map((t) => `${t.runs}: RSS ${t.rssMiB} / heap ${t.heapUsedMiB} MiB`).join(' → ')}.`,
          'Part of the growth is bounded by design: the status page keeps the last 30 outcomes and 60 values of each measure per schedule, which at this interval fill for 5 and 10 minutes.',
        ],
      } satisfies ScenarioResult;
    } finally {
      await shop.close();
    }
  },
};
