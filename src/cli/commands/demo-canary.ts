// `payloadwatch demo canary`: the canary gate on the demo shop. Serves the healthy release
// v1 as the baseline and the incident's v2 as the canary, side by side, and compares them
// with the example probes. It exits as the gate would: 1 (FAIL) for v2, 0 for
// `--canary-version v1`.
import { splitFaultSettings } from '../../demo/fault-share.ts';
import { startShop } from '../../demo/shop.ts';
import { DEMO_BUYER } from '../../demo/store.ts';
import { VERSION_FAULTS, type ShopVersion } from '../../demo/versions.ts';
import { randomSeed } from '../../compare/seeded-random.ts';
import { createLogger } from '../../logging/logger.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadOrReport } from '../load-or-report.ts';
import { compareExitCode, executeCompare } from './compare.ts';
import type { DemoCanaryOptions } from './demo-canary-options.ts';
import { PACKAGE_ROOT } from './demo.ts';

export async function demoCanaryCommand(options: DemoCanaryOptions, io: CliIO): Promise<ExitCode> {
  const seed = options.seed ?? randomSeed();
  const canaryVersion = options.canaryVersion ?? 'v2';
  const { faults, shares } = splitFaultSettings(options.fault ?? []);
  const baseline = await startShop({ port: 0, version: 'v1' });
  const canary = await startShop({ port: 0, version: canaryVersion, faults, faultShares: shares, seed });
  // The demo buyer's credentials are the shop's own, public, demo-only ones.
  process.env.SHOP_BUYER_EMAIL ??= DEMO_BUYER.email;
  process.env.SHOP_BUYER_PASSWORD ??= DEMO_BUYER.password;
  try {
    io.stdout.write(introduction(baseline.url, canary.url, canaryVersion, faults.length > 0));
    const project = await loadOrReport(undefined, { ...io, cwd: PACKAGE_ROOT });
    if (!project) return EXIT.usage;
    const logger = createLogger({ level: options.logLevel, format: options.logFormat });
    // Page probes start a browser per run: forty rounds of them take minutes, so they run only when asked for.
    const probe = options.probe ?? project.probes.filter((p) => p.definition.steps.every((step) => !('page' in step))).map((p) => p.definition.name);
    const report = await executeCompare(project, { ...options, probe, baseline: baseline.url, canary: canary.url, seed }, io, logger);
    if (typeof report === 'number') return report;
    return compareExitCode(report.verdict, report.options.advisory);
  } finally {
    await Promise.all([baseline.close(), canary.close()]);
  }
}

function introduction(baselineUrl: string, canaryUrl: string, canaryVersion: ShopVersion, extraFaults: boolean): string {
  const lines = [`payloadwatch demo canary: the demo shop's v1 at ${baselineUrl} is the baseline, ${canaryVersion} at ${canaryUrl} the canary.`];
  if (VERSION_FAULTS[canaryVersion].includes('empty-recs-new-users')) {
    lines.push(
      '  v2 is the release from the incident: its recommendation API answers 200 OK with an empty',
      '  list for users without purchase history. Status codes, error rates and latency look fine.',
    );
  } else if (!extraFaults) {
    lines.push('  Both serve the same healthy release: the gate should pass.');
  }
  return `${lines.join('\n')}\n\n`;
}
