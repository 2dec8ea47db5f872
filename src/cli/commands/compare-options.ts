// The `compare` command's flags and their defaults. Its work lives in compare.ts, loaded
// only when the command runs: every other command starts without the canary machinery.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_COMPARE_RUNS, DEFAULT_COMPARE_WARMUP } from '../../compare/compare-defaults.ts';
import { COMPARE_REPORT_FILE } from '../../compare/json-report.ts';
import { MAX_SEED } from '../../compare/seeded-random.ts';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from '../../logging/log-options.ts';
import type { CliIO } from '../cli-io.ts';
import type { ExitCode } from '../exit-codes.ts';
import { commaList, oneOfList, portNumber, wholeNumber } from '../parse-options.ts';

export const COMPARE_REPORTERS = ['console', 'json'] as const;
export type CompareReporterName = (typeof COMPARE_REPORTERS)[number];

/**
 * Pairs run one at a time unless asked otherwise: runs that overlap slow each other down
 * unevenly, and the spread that adds to latency makes the baseline look unstable.
 */
export const DEFAULT_COMPARE_CONCURRENCY = 1;

export const DEFAULT_GATE_HOST = '127.0.0.1';
export const DEFAULT_GATE_PORT = 9465;

export interface CompareCommandOptions {
  config?: string;
  baseline?: string;
  canary?: string;
  runs?: number;
  warmup?: number;
  seed?: number;
  probe?: string[];
  persona?: string[];
  reporter?: CompareReporterName[];
  output?: string;
  advisory?: boolean;
  concurrency?: number;
  serve?: boolean;
  host?: string;
  port?: number;
  logLevel?: LogLevel;
  logFormat?: LogFormat;
}

export function registerCompareCommand(program: Command, io: CliIO, done: (code: ExitCode) => void): void {
  program
    .command('compare')
    .description('run the same probes on a baseline and a canary, judge the canary; exit 0 PASS, 1 FAIL, 3 INCONCLUSIVE')
    .option('--baseline <name|url>', 'the release in service: a target named in the config, or a base URL')
    .option('--canary <name|url>', 'the release to judge: a target named in the config, or a base URL')
    .option('--runs <n>', `judged rounds: runs a side of each probe × persona (default ${DEFAULT_COMPARE_RUNS})`, wholeNumber(1))
    .option('--warmup <n>', `rounds run first and thrown away (default ${DEFAULT_COMPARE_WARMUP})`, wholeNumber(0))
    .option('--seed <n>', 'seed of the rounds’ order, to repeat a comparison (default: random, printed and reported)', seedNumber)
    .option('--probe <names>', 'only these probes (comma-separated, repeatable)', commaList)
    .option('-p, --persona <names>', 'only these personas (comma-separated, repeatable)', commaList)
    .option('-r, --reporter <names>', `reporters: ${COMPARE_REPORTERS.join(', ')} (comma-separated)`, oneOfList(COMPARE_REPORTERS, 'reporter'))
    .option('-o, --output <dir>', `folder of the JSON report (<dir>/${COMPARE_REPORT_FILE}; default: from the config)`)
    .option('--advisory', 'always exit 0 (or answer 200), still printing and reporting the real verdict')
    .option('-c, --config <file>', 'config file (default: payloadwatch.config.ts in the working directory)')
    .option('--concurrency <n>', `probe × persona pairs run at once within a round (default ${DEFAULT_COMPARE_CONCURRENCY})`, wholeNumber(1))
    .option('--serve', 'answer webhooks (Flagger) instead: each POST runs a comparison, 200 on PASS, 500 otherwise')
    .option('--host <address>', 'with --serve: address to listen on', DEFAULT_GATE_HOST)
    .option('--port <port>', 'with --serve: port to listen on (0: any free port)', portNumber, DEFAULT_GATE_PORT)
    .addOption(new Option('--log-level <level>', 'log level (logs go to stderr)').choices(LOG_LEVELS).default('warn'))
    .addOption(new Option('--log-format <format>', 'log format').choices(LOG_FORMATS).default('json'))
    .action(async (options: CompareCommandOptions) => {
      const { compareCommand } = await import('./compare.ts');
      done(await compareCommand(options, io));
    });
}

/** A seed of `--seed`: a 32-bit unsigned integer. */
export function seedNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n > MAX_SEED) {
    throw new InvalidArgumentError(`expected a whole number from 0 to ${MAX_SEED}, got '${value}'.`);
  }
  return n;
}
