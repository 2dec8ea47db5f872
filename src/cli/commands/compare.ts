// `payloadwatch compare`: the canary gate. Runs the selected probes × personas on the
// baseline and on the canary in interleaved rounds and exits with the verdict: PASS 0,
// FAIL 1, INCONCLUSIVE 3 (usage and configuration errors 2); `--advisory` always exits 0.
// `--serve` answers webhooks instead (see compare/gate-server.ts).
import { join, relative, resolve } from 'node:path';
import type { Project } from '../../config/project.ts';
import { COMPARE_REPORT_FILE, CompareJsonReporter } from '../../compare/json-report.ts';
import { DEFAULT_COMPARE_RUNS, DEFAULT_COMPARE_WARMUP } from '../../compare/compare-defaults.ts';
import type { CompareReport } from '../../compare/compare-report.ts';
import { CompareReporterMultiplexer, type CompareReporter } from '../../compare/compare-reporter.ts';
import { CompareConsoleReporter } from '../../compare/console-report.ts';
import { GateRequestError, startCompareGate, type GateTargets, type RunningGate } from '../../compare/gate-server.ts';
import { runCompare, type CompareUnit } from '../../compare/run-compare.ts';
import { randomSeed } from '../../compare/seeded-random.ts';
import type { Verdict } from '../../compare/verdict.ts';
import { createLogger, type Logger } from '../../logging/logger.ts';
import { planRuns, resolveTarget, SelectionError, type Target } from '../../runner/plan.ts';
import type { RunEnvironment } from '../../runner/run-probe.ts';
import { closeHttpClient } from '../../steps/api/http-client.ts';
import { closeBrowser } from '../../steps/page/browser-pool.ts';
import { pageEnvironment } from '../page-environment.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadOrReport } from '../load-or-report.ts';
import { watchInterrupts } from '../interrupt.ts';
import { COMPARE_REPORTERS, DEFAULT_COMPARE_CONCURRENCY, DEFAULT_GATE_HOST, DEFAULT_GATE_PORT, type CompareCommandOptions, type CompareReporterName } from './compare-options.ts';

/** The exit-code contract of compare. */
export function compareExitCode(verdict: Verdict, advisory = false): ExitCode {
  if (advisory) return EXIT.ok;
  return verdict === 'PASS' ? EXIT.ok : verdict === 'FAIL' ? EXIT.failed : EXIT.inconclusive;
}

export async function compareCommand(options: CompareCommandOptions, io: CliIO): Promise<ExitCode> {
  if (!options.serve) {
    const missing = (['baseline', 'canary'] as const).filter((side) => !options[side]);
    if (missing.length) {
      io.stderr.write(`error: ${missing.map((side) => `--${side} <name|url>`).join(' and ')} required: the releases to compare\n`);
      io.stderr.write('  hint: payloadwatch compare --baseline https://stable.example.com --canary https://canary.example.com\n');
      return EXIT.usage;
    }
  }
  const project = await loadOrReport(options.config, io);
  if (!project) return EXIT.usage;
  const logger = createLogger({ level: options.logLevel, format: options.logFormat });
  if (options.serve) return serveGate(project, options, io, logger);
  const outcome = await executeCompare(project, options, io, logger);
  return typeof outcome === 'number' ? outcome : compareExitCode(outcome.verdict, outcome.options.advisory);
}

interface PreparedCompare {
  baseline: Target;
  canary: Target;
  units: CompareUnit[];
}

/** Targets and probes × personas; a mistake in them is a SelectionError naming what is known. */
function prepare(project: Project, options: CompareCommandOptions, targets: GateTargets = {}): PreparedCompare {
  const baselineName = targets.baseline ?? options.baseline;
  const canaryName = targets.canary ?? options.canary;
  if (!baselineName || !canaryName) {
    const missing = [baselineName ? '' : 'baseline', canaryName ? '' : 'canary'].filter(Boolean).join(' and ');
    throw new SelectionError(`no ${missing} to compare: name it in the webhook's metadata or on the command line`);
  }
  const baseline = resolveTarget(project, baselineName);
  const canary = resolveTarget(project, canaryName);
  const units = planRuns(project, { probes: options.probe ?? [], personas: options.persona ?? [], targets: [baseline] }).map(
    ({ probe, persona }) => ({ probe, persona }),
  );
  if (units.length === 0) throw new SelectionError('nothing to compare: no probe × persona matches the selection');
  return { baseline, canary, units };
}

/** Runs, reports and returns the report; a selection mistake is printed and returned as the usage exit code. */
export async function executeCompare(
  project: Project,
  options: CompareCommandOptions,
  io: CliIO,
  logger: Logger,
): Promise<CompareReport | ExitCode> {
  let prepared: PreparedCompare;
  try {
    prepared = prepare(project, options);
  } catch (error) {
    if (!(error instanceof SelectionError)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT.usage;
  }
  const shutdown = watchInterrupts(io.stderr);
  try {
    return await compareOnce(project, options, prepared, io, logger, shutdown.signal);
  } finally {
    shutdown.dispose();
    await closeHttpClient();
    await closeBrowser();
  }
}

async function compareOnce(
  project: Project,
  options: CompareCommandOptions,
  prepared: PreparedCompare,
  io: CliIO,
  logger: Logger,
  signal: AbortSignal,
): Promise<CompareReport> {
  const outputDir = options.output ? resolve(io.cwd, options.output) : project.outputDir;
  const configured = project.reporters.filter((name): name is CompareReporterName => (COMPARE_REPORTERS as readonly string[]).includes(name));
  const reporterNames = options.reporter ?? (configured.length ? configured : ['console']);
  const reporters: CompareReporter[] = reporterNames.map((name) =>
    name === 'json' ? new CompareJsonReporter(join(outputDir, COMPARE_REPORT_FILE)) : new CompareConsoleReporter(io.stdout),
  );
  const hub = new CompareReporterMultiplexer(reporters, (error, hook) => logger.error({ err: error, hook }, 'a reporter failed; the others carry on'));
  const report = await runCompare(
    {
      ...prepared,
      runs: options.runs ?? DEFAULT_COMPARE_RUNS,
      warmup: options.warmup ?? DEFAULT_COMPARE_WARMUP,
      seed: options.seed ?? randomSeed(),
      concurrency: options.concurrency ?? DEFAULT_COMPARE_CONCURRENCY,
      advisory: options.advisory ?? false,
    },
    runEnvironment(project, outputDir, io, logger, signal),
    hub,
  );
  for (const reporter of reporters) {
    if (reporter instanceof CompareJsonReporter) io.stderr.write(`JSON report: ${relative(io.cwd, reporter.file) || reporter.file}\n`);
  }
  return report;
}

function runEnvironment(project: Project, outputDir: string, io: CliIO, logger: Logger, signal: AbortSignal): RunEnvironment {
  return { defaults: project.defaults, schemas: project.schemas, logger, signal, pages: pageEnvironment(project, outputDir, io.cwd, logger) };
}

/** `--serve`: one comparison per webhook POST, until SIGINT or SIGTERM. */
async function serveGate(project: Project, options: CompareCommandOptions, io: CliIO, logger: Logger): Promise<ExitCode> {
  const shutdown = new AbortController();
  let gate: RunningGate;
  try {
    gate = await startCompareGate({
      host: options.host ?? DEFAULT_GATE_HOST,
      port: options.port ?? DEFAULT_GATE_PORT,
      async compare(targets) {
        let prepared;
        try {
          prepared = prepare(project, options, targets);
        } catch (error) {
          throw error instanceof SelectionError ? new GateRequestError(error.message) : error;
        }
        return compareOnce(project, options, prepared, io, logger, shutdown.signal);
      },
      onError: (error) => logger.error({ err: error }, 'a comparison failed'),
    });
  } catch (error) {
    io.stderr.write(`error: cannot listen on ${options.host}:${options.port}: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const defaults = [options.baseline ? `baseline ${options.baseline}` : '', options.canary ? `canary ${options.canary}` : ''].filter(Boolean);
  io.stdout.write(`payloadwatch compare gate listening on ${gate.url}: POST /gate runs a comparison${defaults.length ? ` (default ${defaults.join(', ')})` : ''}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  shutdown.abort(new Error('shutting down'));
  await gate.close();
  await closeHttpClient();
  await closeBrowser();
  return EXIT.ok;
}
