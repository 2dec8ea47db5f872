// The `demo canary` command's flags. Its work lives in demo-canary.ts, loaded only when
// the command runs.
import { type Command, Option } from 'commander';
import { DEFAULT_COMPARE_RUNS, DEFAULT_COMPARE_WARMUP } from '../../compare/compare-defaults.ts';
import type { FaultSetting } from '../../demo/fault-share.ts';
import { SHOP_VERSIONS, type ShopVersion } from '../../demo/versions.ts';
import { LOG_FORMATS, LOG_LEVELS } from '../../logging/log-options.ts';
import type { CliIO } from '../cli-io.ts';
import { faultSettingList } from '../demo-options.ts';
import type { ExitCode } from '../exit-codes.ts';
import { commaList, oneOfList, wholeNumber } from '../parse-options.ts';
import { COMPARE_REPORTERS, seedNumber, type CompareCommandOptions } from './compare-options.ts';

export interface DemoCanaryOptions extends Omit<CompareCommandOptions, 'baseline' | 'canary' | 'config' | 'serve' | 'host' | 'port'> {
  canaryVersion?: ShopVersion;
  fault?: FaultSetting[];
}

export function registerDemoCanaryCommand(demo: Command, io: CliIO, done: (code: ExitCode) => void): void {
  demo
    .command('canary')
    .description("serve the demo shop's v1 and v2 side by side and compare them: the gate fails v2, naming new-user recommendations")
    .addOption(new Option('--canary-version <release>', 'the release judged against v1').choices(SHOP_VERSIONS).default('v2'))
    .option('--fault <names>', 'more faults on the canary, e.g. empty-recs-new-users=0.3 (comma-separated, repeatable)', faultSettingList, [])
    .option('--runs <n>', `judged rounds (default ${DEFAULT_COMPARE_RUNS})`, wholeNumber(1))
    .option('--warmup <n>', `rounds run first and thrown away (default ${DEFAULT_COMPARE_WARMUP})`, wholeNumber(0))
    .option('--seed <n>', 'seed of the rounds’ order and of the users a fault share reaches (default: random)', seedNumber)
    .option('--probe <names>', 'only these probes (comma-separated, repeatable)', commaList)
    .option('-p, --persona <names>', 'only these personas (comma-separated, repeatable)', commaList)
    .option('-r, --reporter <names>', `reporters: ${COMPARE_REPORTERS.join(', ')} (comma-separated)`, oneOfList(COMPARE_REPORTERS, 'reporter'))
    .option('-o, --output <dir>', 'folder of the JSON report')
    .option('--advisory', 'always exit 0, still printing the real verdict')
    .option('--concurrency <n>', 'probe × persona pairs run at once within a round (default 1)', wholeNumber(1))
    .addOption(new Option('--log-level <level>', 'log level (logs go to stderr)').choices(LOG_LEVELS).default('warn'))
    .addOption(new Option('--log-format <format>', 'log format').choices(LOG_FORMATS).default('json'))
    .action(async (options: DemoCanaryOptions) => {
      const { demoCanaryCommand } = await import('./demo-canary.ts');
      done(await demoCanaryCommand(options, io));
    });
}
