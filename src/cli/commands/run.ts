// `payloadwatch run`: every selected probe × persona once against each target, reports, an exit code.
import { resolve } from 'node:path';
import type { Project } from '../../config/project.ts';
import type { ReporterName } from '../../model/definitions.ts';
import type { Report } from '../../model/results.ts';
import type { LogFormat, LogLevel } from '../../logging/log-options.ts';
import { createLogger, type Logger } from '../../logging/logger.ts';
import { createMetricsPipeline } from '../../metrics/metrics-pipeline.ts';
import { ReporterMultiplexer, type Reporter } from '../../reporters/reporter.ts';
import { closeHttpClient } from '../../steps/api/http-client.ts';
import { closeBrowser } from '../../steps/page/browser-pool.ts';
import { pageEnvironment } from '../page-environment.ts';
import { planRuns, resolveTargets, SelectionError, type Shard } from '../../runner/plan.ts';
import { runAll } from '../../runner/run-all.ts';
import type { CliIO } from '../cli-io.ts';
import { buildReporters, describeReportFiles, reporterNames } from '../build-reporters.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { DEFAULT_FAIL_ON, exitCodeFor, type FailOnOutcome } from '../fail-on.ts';
import { loadOrReport } from '../load-or-report.ts';
import { watchInterrupts } from '../interrupt.ts';

export interface RunOptions {
  config?: string;
  /** Configured names or URLs; several make every run once per target. */
  target?: string | readonly string[];
  /** Probe names, in addition to the command's arguments. */
  probe?: string[];
  persona?: string[];
  /** Probes having any of these tags. */
  tag?: string[];
  /** Runs whose `probe persona` matches. */
  grep?: RegExp;
  shard?: Shard;
  /** Outcomes that make the exit code 1; default `fail`, `error`. */
  failOn?: FailOnOutcome[];
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
  return typeof outcome === 'number' ? outcome : exitCodeFor(outcome, options.failOn ?? DEFAULT_FAIL_ON);
}

/** Runs and reports; a selection mistake is printed and returned as the usage exit code. */
export async function executeRun(
  project: Project,
  probes: readonly string[],
  options: RunOptions,
  io: CliIO,
  logger: Logger,
): Promise<Report | ExitCode> {
  let targets;
  let runs;
  let unsharded;
  try {
    targets = resolveTargets(project, typeof options.target === 'string' ? [options.target] : options.target);
    const selection = {
      probes: [...probes, ...(options.probe ?? [])],
      personas: options.persona ?? [],
      tags: options.tag ?? [],
      ...(options.grep ? { grep: options.grep } : {}),
      targets,
    };
    unsharded = planRuns(project, selection);
    runs = options.shard ? planRuns(project, { ...selection, shard: options.shard }) : unsharded;
  } catch (error) {
    if (!(error instanceof SelectionError)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT.usage;
  }
  if (unsharded.length === 0) {
    io.stderr.write('error: nothing to run: no probe × persona matches the selection\n');
    return EXIT.usage;
  }
  if (options.shard) {
    // More shards than runs leaves some empty: that shard has nothing to do, which is no mistake.
    io.stderr.write(`shard ${options.shard.index}/${options.shard.total}: ${runs.length} of ${unsharded.length} runs\n`);
  }

  const outputDir = options.output ? resolve(io.cwd, options.output) : project.outputDir;
  const names = reporterNames({ ...(options.reporter ? { requested: options.reporter } : {}), configured: project.reporters }, io.env ?? process.env);
  const built = buildReporters(names, outputDir, io);
  const reporters: Reporter[] = built.map((b) => b.reporter);
  const metrics = await createMetricsPipeline({ location: project.location, logger, mode: 'run' });
  if (metrics) reporters.push(metrics.reporter);
  const hub = new ReporterMultiplexer(reporters, (error, hook) =>
    logger.error({ err: error, hook }, 'a reporter failed; the others carry on'),
  );

  const shutdown = watchInterrupts(io.stderr);
  try {
    const report = await runAll(
      runs,
      {
        defaults: project.defaults,
        schemas: project.schemas,
        logger,
        signal: shutdown.signal,
        pages: pageEnvironment(project, outputDir, io.cwd, logger),
        overrides: {
          ...(options.retries !== undefined ? { retries: options.retries } : {}),
          ...(options.timeout !== undefined ? { runTimeoutMs: options.timeout } : {}),
        },
      },
      { concurrency: options.concurrency ?? project.defaults.concurrency, repeat: options.repeat ?? 1, targets, reporter: hub },
    );
    io.stderr.write(describeReportFiles(built, io.cwd));
    return report;
  } finally {
    shutdown.dispose();
    await closeHttpClient();
    await closeBrowser();
    // Flushes: the process exits next, and what was recorded must have been pushed.
    await metrics?.shutdown();
  }
}
