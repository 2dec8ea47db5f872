// Commands and flags. Usage errors exit 2, like configuration errors (DESIGN.md).
import { Command, CommanderError, Option } from 'commander';
import { FAULTS, type FaultName } from '../demo/faults.ts';
import { LOG_FORMATS, LOG_LEVELS } from '../logging/logger.ts';
import { REPORTER_NAMES } from '../model/definitions.ts';
import { VERSION } from '../version.ts';
import { processIO, type CliIO } from './cli-io.ts';
import { demoShopCommand, demoTourCommand } from './commands/demo.ts';
import { listCommand } from './commands/list.ts';
import { runCommand } from './commands/run.ts';
import { validateCommand } from './commands/validate.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { commaList, duration, oneOfList, wholeNumber } from './parse-options.ts';

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
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(add --help for usage)');

  logOptions(
    program
      .command('run')
      .description('run probes once against a target; exit 0 when all pass, 1 when any fails or errors')
      .argument('[probe...]', 'probe names (default: all)')
      .option('-c, --config <file>', 'config file (default: payloadwatch.config.ts in the working directory)')
      .option('-t, --target <name|url>', 'a target named in the config, or a base URL')
      .option('-p, --persona <names>', 'only these personas (comma-separated, repeatable)', commaList)
      .option('-r, --reporter <names>', `reporters: ${REPORTER_NAMES.join(', ')} (comma-separated)`, oneOfList(REPORTER_NAMES, 'reporter'))
      .option('-o, --output <dir>', 'folder for reports and artifacts (default: from the config, else payloadwatch-report)')
      .option('--concurrency <n>', 'probe × persona runs at once', wholeNumber(1))
      .option('--retries <n>', 'extra attempts after an error', wholeNumber(0))
      .option('--timeout <duration>', 'deadline of each whole run, e.g. 30s', duration)
      .option('--repeat <n>', 'make each run n times (false-alarm and flakiness checks)', wholeNumber(1)),
  ).action(async (probes: string[], options) => done(await runCommand(probes, options, io)));

  program
    .command('list')
    .description('list probes × personas with their schedules')
    .option('-c, --config <file>', 'config file')
    .action(async (options) => done(await listCommand(options, io)));

  program
    .command('validate')
    .description('check the config, personas, probes and schemas; exit 2 with every problem found')
    .option('-c, --config <file>', 'config file')
    .action(async (options) => done(await validateCommand(options, io)));

  const demo = program.command('demo').description('the embedded demo shop');
  logOptions(
    demo
      .command('tour', { isDefault: true })
      .description("run the example probes against the demo shop with the incident's bug switched on")
      .option('--fault <names>', `faults to switch on, or 'none' (default: empty-recs-new-users)`, faultList, undefined),
  ).action(async (options) => done(await demoTourCommand({ ...options, fault: options.fault ?? ['empty-recs-new-users'] }, io)));
  demo
    .command('shop')
    .description('serve the demo shop alone and print its URL')
    .option('--port <port>', 'port (0: any free port)', wholeNumber(0), 4010)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--fault <names>', `faults: ${FAULTS.join(', ')} (comma-separated, repeatable)`, faultList, [])
    .action(async (options) => done(await demoShopCommand(options, io)));

  return program;
}

function faultList(value: string, previous: FaultName[] = []): FaultName[] {
  if (value === 'none') return [];
  return oneOfList(FAULTS, 'fault')(value, previous);
}
