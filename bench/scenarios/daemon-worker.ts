// The daemon-at-scale measurement, in a process of its own (started with --expose-gc), so
// that its CPU and memory are the daemon's alone. It starts the daemon as the CLI does,
// reads each finished run from the daemon's own log lines, and prints one JSON summary.
//
// Usage: node --expose-gc --import tsx daemon-worker.ts <shop-url> <warm-up-s> <runs> <max-s>
import { Writable } from 'node:stream';
import { startDaemon } from '../../src/daemon/daemon.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { jitterMs } from '../../src/scheduler/jitter.ts';
import { scheduleId } from '../../src/scheduler/schedule-key.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import { FIXTURES_DIR } from '../support/paths.ts';
import { percentile, summarize } from '../support/stats.ts';

const [shopUrl, warmupArg, runsArg, maxArg] = process.argv.slice(2);
if (!shopUrl) throw new Error('usage: daemon-worker.ts <shop-url> <warm-up-s> <runs> <max-s>');
const warmupS = Number(warmupArg);
const wantedRuns = Number(runsArg);
const maxS = Number(maxArg);
const intervalS = Number(process.env['PAYLOADWATCH_BENCH_INTERVAL_S'] ?? 10);
const intervalMs = intervalS * 1000;
const gc = (globalThis as { gc?: () => void }).gc;
const say = (message: string) => process.stderr.write(`${message}\n`);

interface Memory {
  rssMiB: number;
  heapUsedMiB: number;
  externalMiB: number;
}

function memoryNow(): Memory {
  // Twice: the first pass may only promote what the second one frees.
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  return { rssMiB: mib(m.rss), heapUsedMiB: mib(m.heapUsed), externalMiB: mib(m.external) };
}

/** When a run of this schedule was due: the cron second it belongs to, plus the schedule's jitter. */
function dueAt(startedAtMs: number, probe: string, persona: string, target: string): number {
  const jitter = jitterMs(scheduleId({ probe, persona, target }), intervalMs);
  const offsetS = Number(probe.slice(probe.lastIndexOf('-') + 1)) % intervalS;
  const beforeJitter = startedAtMs - jitter;
  // The latest second ≡ offset (mod interval) at or before `beforeJitter`.
  const second = Math.floor(beforeJitter / 1000);
  const back = (((second % intervalS) - offsetS) % intervalS + intervalS) % intervalS;
  return (second - back) * 1000 + jitter;
}

const EARLY_TOLERANCE_MS = 250;
let measuring = false;
const lagsMs: number[] = [];
const outcomes = { pass: 0, fail: 0, error: 0 };
let runsTotal = 0;
let runsMeasured = 0;
let skippedTicks = 0;
let firstProblem: string | undefined;

// The daemon logs at `info`, as `payloadwatch daemon` does by default; every finished run
// is one line, which is all this worker needs to know about it.
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.includes('"run finished"')) onRunFinished(JSON.parse(line) as RunLine);
      else if (line.includes('tick skipped')) skippedTicks += measuring ? 1 : 0;
      else if (line.includes('"level":50') || line.includes('"level":40')) firstProblem ??= line.slice(0, 500);
    }
    done();
  },
});

interface RunLine {
  time: number;
  probe: string;
  persona: string;
  target: string;
  outcome: 'pass' | 'fail' | 'error';
  durationMs: number;
}

function onRunFinished(line: RunLine): void {
  runsTotal += 1;
  if (!measuring) return;
  runsMeasured += 1;
  outcomes[line.outcome] += 1;
  if (line.outcome !== 'pass') firstProblem ??= `${line.probe} ${line.persona}: ${line.outcome}`;
  const startedAt = line.time - line.durationMs;
  let lag = startedAt - dueAt(startedAt, line.probe, line.persona, line.target);
  // Log times and durations are whole milliseconds: a run that started on time can seem to
  // have started a moment early, which would read as a whole interval late.
  if (lag > intervalMs - EARLY_TOLERANCE_MS) lag -= intervalMs;
  lagsMs.push(lag);
}

const logger = createLogger({ level: 'info', destination: logSink });
const started = Date.now();
const daemon = await startDaemon({
  cwd: FIXTURES_DIR,
  config: 'daemon/payloadwatch.config.ts',
  target: shopUrl,
  host: '127.0.0.1',
  port: 0,
  logger,
  env: { ...process.env, OTEL_METRICS_EXPORTER: 'prometheus' },
  resources: [{ name: 'http client', close: closeHttpClient }],
});
say(`daemon up in ${Date.now() - started} ms with ${daemon.scheduled} schedules; warming up ${warmupS} s`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
await sleep(warmupS * 1000);

const memoryAfterWarmup = memoryNow();
const runsDuringWarmup = runsTotal;
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
measuring = true;
// Memory after a forced GC at each quarter of the runs: growth that slows down is history
// filling its bounded buffers; growth that keeps its pace is a leak.
const trend: Array<Memory & { runs: number; s: number }> = [{ s: 0, runs: 0, ...memoryAfterWarmup }];
say(`warm-up done: ${runsDuringWarmup} runs; measuring until ${wantedRuns} runs (at most ${maxS} s)`);
let nextQuarter = 1;
while (runsMeasured < wantedRuns && performance.now() - wallStart < maxS * 1000) {
  await sleep(250);
  if (nextQuarter < 4 && runsMeasured >= (wantedRuns * nextQuarter) / 4) {
    nextQuarter += 1;
    const s = Math.round((performance.now() - wallStart) / 1000);
    trend.push({ s, runs: runsMeasured, ...memoryNow() });
    say(`${s} s: ${runsMeasured} runs`);
  }
}
const cpu = process.cpuUsage(cpuStart);
const wallMs = performance.now() - wallStart;
measuring = false;
const memoryAfterRuns = memoryNow();
trend.push({ s: Math.round(wallMs / 1000), runs: runsMeasured, ...memoryAfterRuns });
const report = await daemon.stop();

const lag = summarize(lagsMs);
process.stdout.write(
  `${JSON.stringify({
    schedules: daemon.scheduled,
    intervalS,
    warmupS,
    runsDuringWarmup,
    runsMeasured,
    outcomes,
    skippedTicks,
    wallS: wallMs / 1000,
    runsPerS: runsMeasured / (wallMs / 1000),
    cpu: { userS: cpu.user / 1e6, systemS: cpu.system / 1e6, sharePercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100 },
    lagMs: { p50: lag.median, p95: lag.p95, p99: percentile([...lagsMs].sort((a, b) => a - b), 0.99), max: lag.max, min: lag.min },
    memoryAfterWarmup,
    memoryAfterRuns,
    trend,
    gcExposed: gc !== undefined,
    teardown: report,
    firstProblem,
  })}\n`,
);

