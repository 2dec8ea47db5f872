// Commands and flags. Usage errors exit 2, like configuration errors (DESIGN.md). Each
// command's work is imported when it runs, so a command loads only what it needs.
import { Command, CommanderError, Option } from 'commander';
import { FAULTS, type FaultName } from '../demo/faults.ts';
import { SHOP_VERSIONS } from '../demo/versions.ts';
import { DEFAULT_DRAIN_TIMEOUT_MS, DEFAULT_HOST, DEFAULT_PORT } from '../daemon/daemon-defaults.ts';
import { LOG_FORMATS, LOG_LEVELS } from '../logging/log-options.ts';
import { REPORTER_NAMES } from '../model/definitions.ts';
import { VERSION } from '../version.ts';
import { processIO, type CliIO } from './cli-io.ts';
import { registerCompareCommand } from './commands/compare-options.ts';
// Light: node's fs and path, and the scaffold's text.
import { DEMO_SHOP_URL } from './commands/init.ts';
import { registerDemoCanaryCommand } from './commands/demo-canary-options.ts';
import { faultSettingList } from './demo-options.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { DEFAULT_FAIL_ON, FAIL_ON_OUTCOMES, failOnList } from './fail-on.ts';
import { commaList, duration, oneOfList, portNumber, regex, shardSpec, wholeNumber } from './parse-options.ts';

export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const done = (code: ExitCode) => {
    exitCode = code;
  };
  const program = buildProgram(io, done);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      const benign = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      return benign ? EXIT.ok : EXIT.usage;
    }
    io.stderr.write(`payloadwatch: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.failed;
  }
  return exitCode;
}

function logOptions(command: Command): Command {
  return command
    .addOption(new Option('--log-level <level>', 'log level (logs go to stderr)').choices(LOG_LEVELS).default('warn'))
    .addOption(new Option('--log-format <format>', 'log format').choices(LOG_FORMATS).default('json'));
}

function buildProgram(io: CliIO, done: (code: ExitCode) => void): Command {
  const program = new Command('payloadwatch')
    .description('Synthetic payload-correctness monitor: judges what 200 OK answers contain, persona by persona.')
    .version(VERSION)
    // Program options only before a command: `demo shop --version v2` names a release of the shop.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(add --help for usage)');

  logOptions(
    program
      .command('run')
      .description('run probes once against each target; exit 0 when all pass, 1 when any fails or errors (see --fail-on)')
      .argument('[probe...]', 'probe names (default: all)')
      .option('-c, --config <file>', 'config file (default: payloadwatch.config.ts in the working directory)')
      .option('-t, --target <names|urls>', 'targets named in the config, or base URLs (comma-separated, repeatable; default: the default target)', commaList)
      .option('--probe <names>', 'only these probes (comma-separated, repeatable), like the arguments', commaList)
      .option('-p, --persona <names>', 'only these personas (comma-separated, repeatable)', commaList)
      .option('--tag <tags>', 'only probes with any of these tags (comma-separated, repeatable)', commaList)
      .option('--grep <regex>', "only runs whose 'probe persona' matches", regex)
      .option('--shard <i/n>', 'only part i of n of the selected runs (split deterministically, without overlap)', shardSpec)
      .option('--fail-on <outcomes>', `outcomes that exit 1: ${FAIL_ON_OUTCOMES.join(', ')}, or none (comma-separated; default: ${DEFAULT_FAIL_ON.join(',')})`, failOnList)
      .option('-r, --reporter <names>', `reporters: ${REPORTER_NAMES.join(', ')} (comma-separated)`, oneOfList(REPORTER_NAMES, 'reporter'))
      .option('-o, --output <dir>', 'folder for reports and artifacts (default: from the config, else payloadwatch-report)')
      .option('--concurrency <n>', 'probe × persona runs at once', wholeNumber(1))
      .option('--retries <n>', 'extra attempts after an error', wholeNumber(0))
      .option('--timeout <duration>', 'deadline of each whole run, e.g. 30s', duration)
      .option('--repeat <n>', 'make each run n times (false-alarm and flakiness checks)', wholeNumber(1)),
  ).action(async (probes: string[], options) => done(await (await import('./commands/run.ts')).runCommand(probes, options, io)));

  program
    .command('daemon')
    .description('run every scheduled probe × persona continuously, with /metrics, a status page and health endpoints')
    .option('-c, --config <file>', 'config file (default: payloadwatch.config.ts in the working directory)')
    .option('-t, --target <name|url>', 'a target named in the config, or a base URL')
    .option('--host <address>', 'address the HTTP server listens on', DEFAULT_HOST)
    .option('--port <port>', 'port of the HTTP server (0: any free port)', portNumber, DEFAULT_PORT)
    .option('--concurrency <n>', 'runs at once across all schedules (default: from the config)', wholeNumber(1))
    .addOption(
      new Option('--drain-timeout <duration>', 'on SIGTERM/SIGINT, how long runs in flight may finish before they are aborted')
        .argParser(duration)
        .default(DEFAULT_DRAIN_TIMEOUT_MS, '10s'),
    )
    .addOption(new Option('--log-level <level>', 'log level (logs go to stderr)').choices(LOG_LEVELS).default('info'))
    .addOption(new Option('--log-format <format>', 'log format').choices(LOG_FORMATS).default('json'))
    .action(async (options) => done(await (await import('./commands/daemon.ts')).daemonCommand(options, io)));

  program
    .command('list')
    .description('list probes × personas with their schedules')
    .option('-c, --config <file>', 'config file')
    .action(async (options) => done(await (await import('./commands/list.ts')).listCommand(options, io)));

  program
    .command('validate')
    .description('check the config, personas, probes and schemas; exit 2 with every problem found')
    .option('-c, --config <file>', 'config file')
    .action(async (options) => done(await (await import('./commands/validate.ts')).validateCommand(options, io)));

  program
    .command('init')
    .description('scaffold a config, a persona, an API probe with its schema and a page probe in an empty (or new) folder')
    .argument('[dir]', 'the folder (default: the working directory)')
    .option('-t, --target <url>', `base URL of the scaffold's target (default: the demo shop, ${DEMO_SHOP_URL})`)
    .option('--force', 'write into a folder that is not empty, replacing files of the same names')
    .action(async (dir: string | undefined, options) => done(await (await import('./commands/init.ts')).initCommand(dir, options, io)));

  registerCompareCommand(program, io, done);

  const demo = program.command('demo').description('the embedded demo shop');
  logOptions(
    demo
      .command('tour', { isDefault: true })
      .description("run the example probes against the demo shop with the incident's bug switched on")
      .option('--fault <names>', `faults to switch on, or 'none' (default: empty-recs-new-users)`, faultList, undefined),
  ).action(async (options) => done(await (await import('./commands/demo.ts')).demoTourCommand({ ...options, fault: options.fault ?? ['empty-recs-new-users'] }, io)));
  demo
    .command('shop')
    .description('serve the demo shop alone and print its URL')
    .option('--port <port>', 'port (0: any free port)', wholeNumber(0), 4010)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--fault <names>', `faults: ${FAULTS.join(', ')}; empty-recs-new-users=0.3 reaches 30% of new users (comma-separated, repeatable)`, faultSettingList, [])
    .addOption(new Option('--version <release>', "the release: v1 healthy, v2 the incident's (empty-recs-new-users)").choices(SHOP_VERSIONS).default('v1'))
    .option('--seed <n>', 'which users a fault share reaches: the same seed, the same users', wholeNumber(0), 0)
    .action(async (options) => done(await (await import('./commands/demo.ts')).demoShopCommand(options, io)));
  registerDemoCanaryCommand(demo, io, done);

  return program;
}

function faultList(value: string, previous: FaultName[] = []): FaultName[] {
  if (value === 'none') return [];
  return oneOfList(FAULTS, 'fault')(value, previous);
}
