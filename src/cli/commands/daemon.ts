// `payloadwatch daemon`: every scheduled probe × persona, continuously, with /metrics, a
// status page and health endpoints. Runs until SIGTERM or SIGINT; SIGHUP reloads.
import { ConfigError } from '../../config/diagnostics.ts';
import { startDaemon, type RunningDaemon } from '../../daemon/daemon.ts';
import { ListenError } from '../../daemon/http-server.ts';
import { SIGNAL_EXIT_CODES, watchSignals, type StopSignal } from '../../daemon/signals.ts';
import type { LogFormat, LogLevel } from '../../logging/log-options.ts';
import { createLogger } from '../../logging/logger.ts';
import { SelectionError } from '../../runner/plan.ts';
import { closeHttpClient } from '../../steps/api/http-client.ts';
import { closeBrowser } from '../../steps/page/browser-pool.ts';
import { pageEnvironment } from '../page-environment.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { printDiagnostics } from '../print-diagnostics.ts';

export interface DaemonCommandOptions {
  config?: string;
  target?: string;
  host: string;
  port: number;
  concurrency?: number;
  drainTimeout: number;
  logLevel: LogLevel;
  logFormat?: LogFormat;
}

/** How long a finished daemon waits for stray handles before exiting anyway. */
const EXIT_GRACE_MS = 2_000;

export async function daemonCommand(options: DaemonCommandOptions, io: CliIO): Promise<ExitCode> {
  const logger = createLogger({ level: options.logLevel, format: options.logFormat });
  let daemon: RunningDaemon | undefined;
  let stopSignal: StopSignal | undefined;
  let markStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  const stop = () => void daemon!.stop().then(() => markStopped());

  const unwatch = watchSignals({
    stop(signal) {
      logger.info({ signal }, `${signal}: stopping (send it again to exit at once)`);
      stopSignal = signal;
      if (daemon) stop();
    },
    exitNow(signal) {
      logger.warn({ signal }, `${signal} again: exiting at once`);
      process.exit(SIGNAL_EXIT_CODES[signal]);
    },
    reload() {
      if (daemon) void daemon.reload();
      else logger.warn('SIGHUP during start-up is ignored; send it again once the daemon is listening');
    },
  });
  // Probe files are the user's code: a stray rejection or throw in a custom rule's timer
  // must cost a log line, not the monitor.
  const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection, most likely in a probe; the daemon carries on');
  const onException = (error: Error) => logger.error({ err: error }, 'uncaught exception, most likely in a probe; the daemon carries on');
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  const cleanUp = () => {
    unwatch();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };

  try {
    daemon = await startDaemon({
      cwd: io.cwd,
      ...(options.config ? { config: options.config } : {}),
      ...(options.target ? { target: options.target } : {}),
      host: options.host,
      port: options.port,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      drainTimeoutMs: options.drainTimeout,
      logger,
      onDiagnostics: (diagnostics) => printDiagnostics(diagnostics, io.stderr),
      // The browser starts only when a run reaches a page step; a reload reconfigures it.
      pages: (project) => pageEnvironment(project, project.outputDir, io.cwd, logger),
      resources: [
        { name: 'http client', close: closeHttpClient },
        { name: 'browser', close: closeBrowser },
      ],
    });
  } catch (error) {
    cleanUp();
    if (error instanceof ConfigError) return EXIT.usage; // its diagnostics are printed already
    if (error instanceof SelectionError) {
      io.stderr.write(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof ListenError) {
      io.stderr.write(`error: ${error.message}\n  hint: ${error.hint}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  if (stopSignal) stop();
  await stopped;
  cleanUp();
  // Everything is closed; a handle left by a probe's own code must not keep the process up.
  setTimeout(() => process.exit(EXIT.ok), EXIT_GRACE_MS).unref();
  return EXIT.ok;
}
