// `payloadwatch demo`: the quick start. Serves the embedded demo shop with the incident's
// bug switched on, runs the example probes against it, and shows what was caught.
// `payloadwatch demo shop`: serves the shop alone, for trying probes by hand.
import { fileURLToPath } from 'node:url';
import { DEMO_BUYER } from '../../demo/store.ts';
import type { FaultName } from '../../demo/faults.ts';
import { formatFaultSetting, splitFaultSettings, type FaultSetting } from '../../demo/fault-share.ts';
import { startShop } from '../../demo/shop.ts';
import type { ShopVersion } from '../../demo/versions.ts';
import type { LogFormat, LogLevel } from '../../logging/log-options.ts';
import { createLogger } from '../../logging/logger.ts';
import type { Report } from '../../model/results.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadOrReport } from '../load-or-report.ts';
import { executeRun } from './run.ts';

/** The package's own folder: its config, probes and schemas are the embedded demo. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface DemoOptions {
  fault: FaultName[];
  logLevel?: LogLevel;
  logFormat?: LogFormat;
}

export async function demoTourCommand(options: DemoOptions, io: CliIO): Promise<ExitCode> {
  const faults = options.fault;
  const shop = await startShop({ port: 0, faults });
  // The demo buyer's credentials are the shop's own, public, demo-only ones.
  process.env.SHOP_BUYER_EMAIL ??= DEMO_BUYER.email;
  process.env.SHOP_BUYER_PASSWORD ??= DEMO_BUYER.password;
  try {
    io.stdout.write(introduction(shop.url, faults));
    const project = await loadOrReport(undefined, { ...io, cwd: PACKAGE_ROOT });
    if (!project) return EXIT.usage;
    const logger = createLogger({ level: options.logLevel, format: options.logFormat });
    // Artifacts (screenshots of what a persona saw) go where the user is, not into the package.
    const report = await executeRun(project, [], { target: shop.url, reporter: ['console'], output: 'payloadwatch-report' }, io, logger);
    if (typeof report === 'number') return report;
    io.stdout.write(conclusion(report, faults));
    const caught = report.summary.failed + report.summary.errored > 0;
    return faults.length === 0 ? (caught ? EXIT.failed : EXIT.ok) : caught ? EXIT.ok : EXIT.failed;
  } finally {
    await shop.close();
  }
}

function introduction(url: string, faults: readonly FaultName[]): string {
  if (faults.length === 0) return `payloadwatch demo: the demo shop at ${url} is healthy; every probe should pass.\n\n`;
  const incident = faults.includes('empty-recs-new-users')
    ? '  Its recommendation API answers 200 OK with an empty list for users without purchase\n' +
      '  history: the bug from the incident. Status codes, error rates and latency all look fine.\n'
    : '';
  return `payloadwatch demo: the demo shop at ${url} is running with the fault ${faults.map((f) => `'${f}'`).join(', ')}.\n${incident}\n`;
}

function conclusion(report: Report, faults: readonly FaultName[]): string {
  const lines: string[] = [''];
  const broken = report.results.filter((r) => r.outcome !== 'pass');
  const statuses = new Set(report.results.flatMap((r) => r.steps.map((s) => s.status).filter((s) => s !== undefined)));
  if (faults.length && broken.length) {
    const byPersona = new Map<string, string[]>();
    for (const r of broken) byPersona.set(r.persona, [...(byPersona.get(r.persona) ?? []), r.probe]);
    lines.push('Caught:');
    for (const [persona, probes] of byPersona) lines.push(`  ${persona}: ${probes.join(', ')}`);
    const healthy = [...new Set(report.results.map((r) => r.persona))].filter((p) => !byPersona.has(p));
    if (healthy.length) lines.push(`  ${healthy.join(', ')}: every probe passed, so the failure hides in a segment.`);
    if ([...statuses].every((s) => s! < 400)) lines.push(`  Every response was ${[...statuses].sort().join('/')}: a status-code monitor saw nothing wrong.`);
  }
  lines.push(
    '',
    'Point payloadwatch at your own API:',
    '  1. describe your targets and personas in payloadwatch.config.ts, and what a correct payload',
    '     looks like in probes/*.probe.ts and schemas/ (README: "Writing a probe")',
    '  2. npx payloadwatch validate',
    '  3. npx payloadwatch run --target https://staging.example.com',
    '',
  );
  return lines.join('\n');
}

export interface DemoShopOptions {
  port: number;
  host: string;
  fault: FaultSetting[];
  version?: ShopVersion;
  seed?: number;
}

export async function demoShopCommand(options: DemoShopOptions, io: CliIO): Promise<ExitCode> {
  const { faults, shares } = splitFaultSettings(options.fault);
  const version = options.version ?? 'v1';
  const shop = await startShop({ port: options.port, host: options.host, faults, faultShares: shares, version, seed: options.seed ?? 0 });
  const on = [...shop.faults].map((fault) => formatFaultSetting(fault, shop.faultShares));
  io.stdout.write(`demo shop ${version} listening on ${shop.url}${on.length ? ` with faults: ${on.join(', ')}` : ''}\n`);
  io.stdout.write(`demo buyer: SHOP_BUYER_EMAIL=${DEMO_BUYER.email} SHOP_BUYER_PASSWORD=${DEMO_BUYER.password}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await shop.close();
  return EXIT.ok;
}
