// Scenario 1: one API probe run (request, JSON Schema, three rules, a measure, metric
// recording) against a raw undici GET of the same endpoint with the same token.
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';
import { BUILT_IN_DEFAULTS } from '../../src/config/project.ts';
import { defineProbe } from '../../src/index.ts';
import { recommendationsStep } from '../fixtures/recommendations-step.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { RunResult } from '../../src/model/results.ts';
import type { PlannedRun } from '../../src/runner/plan.ts';
import { runProbe, type RunEnvironment } from '../../src/runner/run-probe.ts';
import { closeHttpClient } from '../../src/steps/api/http-client.ts';
import { SchemaRegistry } from '../../src/validate/schemas.ts';
import { alternate } from '../support/interleave.ts';
import { describeTop, describeTopFunctions, profileWhile, type ProfileSummary } from '../support/cpu-profile.ts';
import { inMemoryMetrics, type InMemoryMetrics } from '../support/metrics.ts';
import { SCHEMAS_DIR } from '../support/paths.ts';
import { goal, type Row, type Scenario, type ScenarioResult } from '../support/report.ts';
import { createShopUser, startShopProcess } from '../support/shop-process.ts';
import { median, round, summarize } from '../support/stats.ts';

const PATH = '/api/recommendations';
const CONCURRENCY = 32;
/** An endpoint across a network: every request to the second shop waits this long first. */
const ENDPOINT_LATENCY_MS = 5;

interface Settings {
  warmup: number;
  /** Runs profiled after the measurements, to say where payloadwatch's client time goes. */
  profiled: number;
  /** Against the shop answering after ENDPOINT_LATENCY_MS: alternating batches of `perLatencyBatch` runs per arm. */
  latencyRounds: number;
  perLatencyBatch: number;
  /** Concurrency 1: alternating batches of `perBatch` sequential runs per arm. */
  rounds: number;
  perBatch: number;
  /** Concurrency 32: alternating batches of `perWorker` runs by each of 32 workers. */
  parallelRounds: number;
  perWorker: number;
}

const FULL: Settings = { warmup: 300, profiled: 2000, rounds: 20, perBatch: 100, parallelRounds: 10, perWorker: 30, latencyRounds: 10, perLatencyBatch: 40 };
const QUICK: Settings = { warmup: 60, profiled: 300, rounds: 6, perBatch: 30, parallelRounds: 4, perWorker: 10, latencyRounds: 4, perLatencyBatch: 15 };

interface Batch {
  latenciesMs: number[];
  wallMs: number;
  /** CPU time of this process (user + system) spent on the batch. */
  cpuMs: number;
}

/** The incident's endpoint, as a user would probe it. */
const recommendationsProbe = defineProbe({ name: 'bench-recommendations', steps: [recommendationsStep] });

export const apiProbeScenario: Scenario = {
  id: 1,
  title: 'API probe',
  async run(ctx) {
    const settings = ctx.quick ? QUICK : FULL;
    const shop = await startShopProcess();
    const slowShop = await startShopProcess({ latencyMs: ENDPOINT_LATENCY_MS });
    const metrics = inMemoryMetrics();
    const raw = new Agent({ keepAliveTimeout: 10_000 });
    try {
      const { registry, problems } = await SchemaRegistry.load(SCHEMAS_DIR);
      if (problems.length) throw new Error(`schemas: ${problems.map((p) => `${p.file}: ${p.message}`).join('; ')}`);
      const local = await armsFor(shop.url, registry, metrics, raw);
      const distant = await armsFor(slowShop.url, registry, metrics, raw);

      ctx.progress(`warm-up: ${settings.warmup} runs of each`);
      for (let i = 0; i < settings.warmup; i += 1) {
        await local.probeOnce();
        await local.rawOnce();
      }
      const probesBefore = await metrics.countedRuns();

      ctx.progress(`concurrency 1: ${settings.rounds} alternating batches of ${settings.perBatch}`);
      const serial = await alternate(
        settings.rounds,
        { name: 'payloadwatch', batch: () => timedBatch(1, settings.perBatch, local.probeOnce) },
        { name: 'raw undici', batch: () => timedBatch(1, settings.perBatch, local.rawOnce) },
      );
      ctx.progress(`concurrency ${CONCURRENCY}: ${settings.parallelRounds} alternating batches of ${CONCURRENCY} × ${settings.perWorker}`);
      const parallel = await alternate(
        settings.parallelRounds,
        { name: 'payloadwatch', batch: () => timedBatch(CONCURRENCY, settings.perWorker, local.probeOnce) },
        { name: 'raw undici', batch: () => timedBatch(CONCURRENCY, settings.perWorker, local.rawOnce) },
      );
      ctx.progress(`endpoint answering after ${ENDPOINT_LATENCY_MS} ms, concurrency 1: ${settings.latencyRounds} alternating batches of ${settings.perLatencyBatch}`);
      const distantSerial = await alternate(
        settings.latencyRounds,
        { name: 'payloadwatch', batch: () => timedBatch(1, settings.perLatencyBatch, distant.probeOnce) },
        { name: 'raw undici', batch: () => timedBatch(1, settings.perLatencyBatch, distant.rawOnce) },
      );
      const recorded = (await metrics.countedRuns()) - probesBefore;
      const expected =
        settings.rounds * settings.perBatch + settings.parallelRounds * CONCURRENCY * settings.perWorker + settings.latencyRounds * settings.perLatencyBatch;
      if (recorded !== expected) throw new Error(`the metrics counted ${recorded} runs, expected ${expected}`);

      // Apart from the timed batches: the profiler slows what it samples.
      ctx.progress(`profiling ${settings.profiled} runs of each, one at a time`);
      const profile = {
        payloadwatch: await profileWhile(async () => {
          for (let i = 0; i < settings.profiled; i += 1) await local.probeOnce();
        }, 10),
        baseline: await profileWhile(async () => {
          for (let i = 0; i < settings.profiled; i += 1) await local.rawOnce();
        }, 10),
      };

      return summarizeApi(serial, parallel, distantSerial, settings, profile);
    } finally {
      await closeHttpClient();
      await raw.close();
      await metrics.shutdown();
      await shop.close();
      await slowShop.close();
    }
  },
};

/** The two arms against one shop: the probe run recorded in the metrics, and the bare request. */
async function armsFor(
  shopUrl: string,
  registry: SchemaRegistry,
  metrics: InMemoryMetrics,
  raw: Agent,
): Promise<{ probeOnce(): Promise<void>; rawOnce(): Promise<void> }> {
  const user = await createShopUser(shopUrl);
  const plan: PlannedRun = {
    probe: { definition: recommendationsProbe, file: 'bench/scenarios/api-probe.ts' },
    persona: { name: 'signed-in', headers: { authorization: `Bearer ${user.token}` } },
    target: { name: 'shop', url: shopUrl },
  };
  const env: RunEnvironment = { defaults: BUILT_IN_DEFAULTS, schemas: registry, logger: createLogger() };
  const url = `${shopUrl}${PATH}`;
  // The same bytes on the wire as the probe's request: it asks for compression, so the
  // shop gzips both answers and the baseline inflates its own.
  const headers = { authorization: `Bearer ${user.token}`, accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' };
  return {
    async probeOnce() {
      const result = await runProbe(plan, env);
      metrics.reporter.onRunEnd(result);
      if (result.outcome !== 'pass') throw new NotPassing(result);
    },
    async rawOnce() {
      const response = await request(url, { dispatcher: raw as Dispatcher, headers });
      const body = Buffer.from(await response.body.arrayBuffer());
      if (response.statusCode !== 200) throw new Error(`raw GET ${PATH} answered ${response.statusCode}`);
      if (response.headers['content-encoding'] === 'gzip') gunzipSync(body);
    },
  };
}

class NotPassing extends Error {
  override name = 'NotPassing';
  constructor(readonly result: RunResult) {
    const problems = result.checks.filter((c) => c.outcome !== 'pass').map((c) => `${c.name}: ${c.message}`);
    super(`the benchmark's probe run did not pass (${result.outcome}): ${problems.join('; ') || result.error}`);
  }
}

/** `workers` loops of `perWorker` calls each, all at once; every call's latency on the monotonic clock. */
export async function timedBatch(workers: number, perWorker: number, once: () => Promise<void>): Promise<Batch> {
  const latenciesMs: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = 0; i < perWorker; i += 1) {
        const t0 = performance.now();
        await once();
        latenciesMs.push(performance.now() - t0);
      }
    }),
  );
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { latenciesMs, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

function summarizeApi(
  serial: { a: Batch[]; b: Batch[] },
  parallel: { a: Batch[]; b: Batch[] },
  distantSerial: { a: Batch[]; b: Batch[] },
  settings: Settings,
  profile: { payloadwatch: ProfileSummary; baseline: ProfileSummary },
): ScenarioResult {
  const latency = (batches: Batch[]) => summarize(batches.flatMap((b) => b.latenciesMs));
  const rates = (batches: Batch[]) => batches.map((b) => (b.latenciesMs.length / b.wallMs) * 1000);
  const cpuPerRunUs = (batches: Batch[]) =>
    (batches.reduce((sum, b) => sum + b.cpuMs, 0) / batches.reduce((sum, b) => sum + b.latenciesMs.length, 0)) * 1000;

  const serialPw = latency(serial.a);
  const serialRaw = latency(serial.b);
  const serialRatio = serialPw.median / serialRaw.median;
  // Each round's pair ran back to back: their ratio is the least disturbed by drift.
  const pairedSerial = median(serial.a.map((batch, i) => median(batch.latenciesMs) / median(serial.b[i]!.latenciesMs)));

  const ratePw = summarize(rates(parallel.a));
  const rateRaw = summarize(rates(parallel.b));
  const rateRatio = ratePw.median / rateRaw.median;
  const pairedRate = median(rates(parallel.a).map((rate, i) => rate / rates(parallel.b)[i]!));
  const parallelPw = latency(parallel.a);
  const parallelRaw = latency(parallel.b);

  const extraUs = (serialPw.median - serialRaw.median) * 1000;
  const distantPw = latency(distantSerial.a);
  const distantRaw = latency(distantSerial.b);
  const rows: Row[] = [
    {
      figure: 'latency, concurrency 1',
      unit: 'ms',
      payloadwatch: { median: serialPw.median, p95: serialPw.p95 },
      baseline: { median: serialRaw.median, p95: serialRaw.p95 },
      ratio: serialRatio,
      ...goal(serialRatio, '<=', 1.1),
    },
    {
      figure: `throughput, concurrency ${CONCURRENCY}`,
      unit: 'runs/s',
      payloadwatch: { median: ratePw.median },
      baseline: { median: rateRaw.median },
      ratio: rateRatio,
      ...goal(rateRatio, '>=', 0.85),
    },
    {
      figure: `latency, concurrency ${CONCURRENCY}`,
      unit: 'ms',
      payloadwatch: { median: parallelPw.median, p95: parallelPw.p95 },
      baseline: { median: parallelRaw.median, p95: parallelRaw.p95 },
      ratio: parallelPw.median / parallelRaw.median,
    },
    {
      figure: `latency, concurrency 1, endpoint answering after ${ENDPOINT_LATENCY_MS} ms`,
      unit: 'ms',
      payloadwatch: { median: distantPw.median, p95: distantPw.p95 },
      baseline: { median: distantRaw.median, p95: distantRaw.p95 },
      ratio: distantPw.median / distantRaw.median,
    },
    {
      figure: 'extra time per run, concurrency 1',
      unit: 'µs',
      payloadwatch: { median: extraUs },
    },
    {
      figure: 'client CPU per run, concurrency 1',
      unit: 'µs',
      payloadwatch: { median: cpuPerRunUs(serial.a) },
      baseline: { median: cpuPerRunUs(serial.b) },
      ratio: cpuPerRunUs(serial.a) / cpuPerRunUs(serial.b),
    },
  ];
  return {
    id: 1,
    title: 'API probe',
    baseline: `raw undici GET ${PATH} on a keep-alive Agent: same token and Accept-Encoding, gzip body read and inflated`,
    rows,
    details: {
      settings,
      samplesPerArm: { concurrency1: serialPw.count, [`concurrency${CONCURRENCY}`]: parallelPw.count, [`endpointAfter${ENDPOINT_LATENCY_MS}ms`]: distantPw.count },
      pairedRatioConcurrency1: round(pairedSerial),
      pairedThroughputRatio: round(pairedRate),
      throughputPerBatch: { payloadwatch: rates(parallel.a).map((r) => round(r, 1)), baseline: rates(parallel.b).map((r) => round(r, 1)) },
      profile,
      clientCpuPerRunUs: {
        concurrency1: { payloadwatch: round(cpuPerRunUs(serial.a), 1), baseline: round(cpuPerRunUs(serial.b), 1) },
        [`concurrency${CONCURRENCY}`]: { payloadwatch: round(cpuPerRunUs(parallel.a), 1), baseline: round(cpuPerRunUs(parallel.b), 1) },
      },
    },
    notes: [
      `payloadwatch adds about ${Math.round(extraUs)} µs to each run; against an endpoint that takes T to answer, the concurrency-1 ratio is about 1 + ${Math.round(extraUs)} µs / T, so ≤ 1.10 from T ≈ ${((extraUs * 10) / 1000).toFixed(1)} ms; the raw GET of the demo shop on loopback takes ${serialRaw.median.toFixed(2)} ms. Measured against a second shop whose requests wait ${ENDPOINT_LATENCY_MS} ms first: ${(distantPw.median / distantRaw.median).toFixed(2)}.`,
      'The demo shop runs in a child process; this process holds the client side only, so its CPU per run is the monitor’s own cost.',
      `Profiles of ${settings.profiled} runs of each, one at a time (sampled, so slower than the timed ones; totals). payloadwatch by origin: ${describeTop(profile.payloadwatch, 8)}; by function (self): ${describeTopFunctions(profile.payloadwatch, 5)}. The raw GET by origin: ${describeTop(profile.baseline, 5)}.`,
      'payloadwatch = runProbe (persona headers, tagging headers, deadline, redaction, schema, 3 rules, a measure) + MetricsReporter.onRunEnd on an in-memory reader.',
    ],
  };
}

