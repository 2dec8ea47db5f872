// `payloadwatch run`: every selected probe × persona once against a target, reports, an exit code.
import { join, relative, resolve } from 'node:path';
import type { Project } from '../../config/project.ts';
import type { ReporterName } from '../../model/definitions.ts';
import type { Report } from '../../model/results.ts';
import { createLogger, type LogFormat, type LogLevel, type Logger } from '../../logging/logger.ts';
import { createMetricsPipeline } from '../../metrics/metrics-pipeline.ts';
import { ConsoleReporter } from '../../reporters/console-reporter.ts';
import { JsonReporter } from '../../reporters/json-reporter.ts';
import { ReporterMultiplexer, type Reporter } from '../../reporters/reporter.ts';
import { closeHttpClient } from '../../steps/api/http-client.ts';
import { planRuns, resolveTarget, SelectionError } from '../../runner/plan.ts';
import { runAll } from '../../runner/run-all.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadOrReport } from '../load-or-report.ts';

export interface RunOptions {
  config?: string;
  target?: string;
  persona?: string[];
  reporter?: ReporterName[];
  output?: string;
  concurrency?: number;
  retries?: number;
  timeout?: number;
  repeat?: number;
  logLevel?: LogLevel;
  logFormat?: LogFormat;
}

export async function runCommand(probes: string[], options: RunOptions, io: CliIO): Promise<ExitCode> {
  const project = await loadOrReport(options.config, io);
  if (!project) return EXIT.usage;
  const logger = createLogger({ level: options.logLevel, format: options.logFormat });
  const outcome = await executeRun(project, probes, options, io, logger);
  // Peak memory of the whole command: what a size limit or a flood of runs costs.
  logger.debug({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }, 'command finished');
  return typeof outcome === 'number' ? outcome : outcome.summary.failed + outcome.summary.errored > 0 ? EXIT.failed : EXIT.ok;
}

/** Runs and reports; a selection mistake is printed and returned as the usage exit code. */
export async function executeRun(
  project: Project,
  probes: readonly string[],
  options: RunOptions,
  io: CliIO,
  logger: Logger,
): Promise<Report | ExitCode> {
  let target;
  let runs;
  try {
    target = resolveTarget(project, options.target);
    runs = planRuns(project, { probes, personas: options.persona ?? [], targets: [target] });
  } catch (error) {
    if (!(error instanceof SelectionError)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT.usage;
  }
  if (runs.length === 0) {
    io.stderr.write('error: nothing to run: no probe × persona matches the selection\n');
    return EXIT.usage;
  }

  const outputDir = options.output ? resolve(io.cwd, options.output) : project.outputDir;
  const reporterNames = options.reporter ?? project.reporters;
  const reporters: Reporter[] = reporterNames.map((name) =>
    name === 'json' ? new JsonReporter(join(outputDir, 'report.json')) : new ConsoleReporter(io.stdout),
  );
  const metrics = await createMetricsPipeline({ location: project.location, logger, mode: 'run' });
  if (metrics) reporters.push(metrics.reporter);
  const hub = new ReporterMultiplexer(reporters, (error, hook) =>
    logger.error({ err: error, hook }, 'a reporter failed; the others carry on'),
  );

  const shutdown = new AbortController();
  const onSignal = () => {
    if (shutdown.signal.aborted) process.exit(130);
    io.stderr.write('\nstopping: runs in flight are being aborted (press Ctrl+C again to exit at once)\n');
    shutdown.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const report = await runAll(
      runs,
      {
        defaults: project.defaults,
        schemas: project.schemas,
        logger,
        signal: shutdown.signal,
        overrides: {
          ...(options.retries !== undefined ? { retries: options.retries } : {}),
          ...(options.timeout !== undefined ? { runTimeoutMs: options.timeout } : {}),
        },
      },
      { concurrency: options.concurrency ?? project.defaults.concurrency, repeat: options.repeat ?? 1, targets: [target], reporter: hub },
    );
    for (const reporter of reporters) {
      if (reporter instanceof JsonReporter) io.stderr.write(`JSON report: ${relative(io.cwd, reporter.file) || reporter.file}\n`);
    }
    return report;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await closeHttpClient();
    // Flushes: the process exits next, and what was recorded must have been pushed.
    await metrics?.shutdown();
  }
}
