// `payloadwatch run` with OTLP on, end to end: the real CLI against the demo shop with the
// incident's fault, pushing to a loopback receiver. What the receiver holds when the
// process has exited is what was flushed before exit.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type RunningShop } from '../../src/demo/shop.ts';
import { DEMO_CONFIG, readReport, runCli } from '../support/cli.ts';
import { BUYER_ENV } from '../support/demo-shop.ts';
import { metricNamed, startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver.ts';

let shop: RunningShop;
let receiver: OtlpReceiver;
let outputDir: string;
beforeAll(async () => {
  shop = await startShop({ port: 0, faults: ['empty-recs-new-users'] });
  receiver = await startOtlpReceiver();
  outputDir = await mkdtemp(join(tmpdir(), 'payloadwatch-metrics-'));
});
afterAll(async () => {
  await shop?.close();
  await receiver?.close();
  if (outputDir) await rm(outputDir, { recursive: true, force: true });
});

describe('payloadwatch run with OTEL_METRICS_EXPORTER=otlp', () => {
  it('pushes every run before it exits, the new-user zero result among them', async () => {
    const { code, stderr } = await runCli(['run', '--config', DEMO_CONFIG, '--target', shop.url, '--reporter', 'console,json', '--output', outputDir], {
      env: {
        ...BUYER_ENV,
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_SERVICE_NAME: 'payloadwatch-e2e',
      },
    });
    expect(code, stderr).toBe(1);
    expect(stderr).not.toMatch(/metrics export failed/);

    // The export interval (60 s) never came round: the one export is the flush at exit.
    expect(receiver.received).toHaveLength(1);
    const [sent] = receiver.received;
    expect(sent!.exports[0]!.resource).toMatchObject({ 'service.name': 'payloadwatch-e2e', 'payloadwatch.location': 'local' });

    const target = new URL(shop.url).host;
    const recommendations = (persona: string) => ({ probe: 'recommendations', persona, target, measure: 'recommendations' });
    expect(metricNamed(sent!, 'payloadwatch.payload.empty')?.points.filter((p) => p.attributes.probe === 'recommendations')).toEqual([
      { attributes: recommendations('new-user'), value: 1 },
      { attributes: recommendations('returning-buyer'), value: 0 },
    ]);

    // The runs counter agrees with the JSON report, run by run.
    const report = await readReport(outputDir);
    const runs = metricNamed(sent!, 'payloadwatch.probe.runs')!;
    const counted = (probe: string, persona: string, outcome: string) =>
      runs.points.find((p) => p.attributes.probe === probe && p.attributes.persona === persona && p.attributes.outcome === outcome)?.value;
    expect(report.results.length).toBeGreaterThan(2);
    for (const result of report.results) {
      expect(counted(result.probe, result.persona, result.outcome), `${result.probe} × ${result.persona}`).toBe(1);
    }
    expect(runs.points.reduce((sum, p) => sum + (p.value ?? 0), 0)).toBe(report.results.length);
    expect(counted('recommendations', 'new-user', 'fail')).toBe(1);
    expect(counted('recommendations', 'returning-buyer', 'pass')).toBe(1);
    expect(runs.points.find((p) => p.attributes.probe === 'recommendations' && p.attributes.persona === 'new-user' && p.attributes.outcome === 'fail')?.attributes).toEqual({
      probe: 'recommendations',
      persona: 'new-user',
      target,
      location: 'local',
      outcome: 'fail',
    });
  });
});
