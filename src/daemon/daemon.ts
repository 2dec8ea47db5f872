// `payloadwatch daemon` as a library: load the project, start the metrics pipeline, the
// HTTP server and the scheduler, in that order; stop in reverse under a deadline; reload
// the configuration in place. Nothing here prints: the CLI prints start-up diagnostics,
// everything else goes to the logger.
import { formatDiagnostic, ConfigError, type Diagnostic } from '../config/diagnostics.ts';
import { loadProject } from '../config/load-project.ts';
import type { Project } from '../config/project.ts';
import type { Logger } from '../logging/logger.ts';
import { createMetricsPipeline, type MetricsPipeline } from '../metrics/metrics-pipeline.ts';
import { ReporterMultiplexer } from '../reporters/reporter.ts';
import { planRuns, resolveTarget, SelectionError, type PlannedRun, type Target } from '../runner/plan.ts';
import type { PageEnvironment } from '../runner/run-probe.ts';
import { ABORT_GRACE_MS, Scheduler, type ScheduleSet } from '../scheduler/scheduler.ts';
import { VERSION } from '../version.ts';
import { startHttpServer, type Readiness, type RunningHttpServer } from './http-server.ts';
import { Lifecycle, type TeardownReport } from './lifecycle.ts';
import { renderStatusPage } from './status-page.ts';
import { StatusStore } from './status-store.ts';
import { DEFAULT_DRAIN_TIMEOUT_MS, DEFAULT_HOST, DEFAULT_PORT } from './daemon-defaults.ts';

/** Shut-down time beyond the drain: flushing metrics, closing the server and the browser. */
export const SHUTDOWN_SLACK_MS = 5_000;
export const PAGE_REFRESH_SECONDS = 5;

/** Something runs share, closed once the last run has ended. */
export interface RunResource {
  name: string;
  close(): Promise<void> | void;
}

export interface DaemonOptions {
  /** Folder the config is looked up in, and messages are relative to. */
  cwd: string;
  /** @example 'monitoring/payloadwatch.config.ts' */
  config?: string;
  /** A configured target name or a base URL; default: the config's default target. */
  target?: string;
  /** Default `127.0.0.1`: the status page and /metrics are not for the whole network unless asked. */
  host?: string;
  /** Default 9470; 0 picks a free port. */
  port?: number;
  /** Runs at once across all schedules; default: the config's `defaults.concurrency`. */
  concurrency?: number;
  /**
   * How long shut-down waits for runs in flight before aborting them. Default 10 s.
   * @example drainTimeoutMs: 30_000
   */
  drainTimeoutMs?: number;
  /** Time zone cron expressions are read in; default the process's (`TZ`). */
  timezone?: string;
  logger: Logger;
  /** Where OTEL_* settings are read. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Every diagnostic of the first load, before anything starts; the CLI prints them. */
  onDiagnostics?: (diagnostics: readonly Diagnostic[]) => void;
  /**
   * Shared by runs and closed after the last one ended: the HTTP client's connection pool,
   * and the browser once page probes start one (register its close here).
   */
  resources?: readonly RunResource[];
  /** Where page steps run and leave artifacts, for a project (asked again on each reload). */
  pages?: (project: Project) => PageEnvironment;
}

export type ReloadResult =
  | { ok: true; scheduled: number; unscheduled: number }
  | { ok: false; reason: string; diagnostics: readonly Diagnostic[] };

export interface RunningDaemon {
  /** e.g. `http://127.0.0.1:9470` */
  readonly url: string;
  /** Schedules running now. */
  readonly scheduled: number;
  /** Loads config and probes again; an invalid project is refused and the running set kept. */
  reload(): Promise<ReloadResult>;
  /** Stops scheduling, drains runs in flight, closes everything in reverse order. Never rejects; idempotent. */
  stop(): Promise<TeardownReport>;
}

interface LoadedPlan {
  project: Project;
  target: Target;
  runs: PlannedRun[];
  diagnostics: readonly Diagnostic[];
}

/** Config errors come back as ConfigError, an unknown target as SelectionError. */
async function loadPlan(options: DaemonOptions): Promise<LoadedPlan> {
  const { project, diagnostics } = await loadProject({ cwd: options.cwd, ...(options.config ? { config: options.config } : {}) });
  if (!project) throw new ConfigError(diagnostics);
  const target = resolveTarget(project, options.target);
  return { project, target, runs: planRuns(project, { targets: [target] }), diagnostics };
}

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const log = options.logger;
  const drainTimeoutMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  const teardownDeadlineMs = drainTimeoutMs + ABORT_GRACE_MS + SHUTDOWN_SLACK_MS;
  const startedAt = new Date().toISOString();
  const lifecycle = new Lifecycle(log);
  const store = new StatusStore();
  let readiness: Readiness = 'starting';
  let plan!: LoadedPlan;
  let pipeline: MetricsPipeline | undefined;
  let server!: RunningHttpServer;
  let scheduler!: Scheduler;

  const scheduleSet = (loaded: LoadedPlan): ScheduleSet => ({
    runs: loaded.runs,
    env: {
      defaults: loaded.project.defaults,
      schemas: loaded.project.schemas,
      logger: log,
      ...(options.pages ? { pages: options.pages(loaded.project) } : {}),
    },
  });
  const track = () => store.track(scheduler.list().map((s) => ({ probe: s.probe, persona: s.persona, target: s.target, expression: s.expression })));
  const statusJson = () => {
    const live = new Map((scheduler?.list() ?? []).map((s) => [`${s.probe}|${s.persona}|${s.target}`, s]));
    return {
      version: VERSION,
      state: readiness,
      startedAt,
      location: plan.project.location,
      targets: [plan.target],
      concurrency: scheduler?.concurrency,
      schedules: store.snapshot().map((s) => {
        const info = live.get(`${s.probe}|${s.persona}|${s.target}`);
        return { ...s, ...(info ? { busy: info.busy, running: info.running, jitterMs: info.jitterMs, ...(info.nextRunAt ? { nextRunAt: info.nextRunAt } : {}) } : {}) };
      }),
    };
  };

  await lifecycle.start(
    [
      {
        name: 'load project',
        setup: async () => {
          try {
            plan = await loadPlan(options);
          } catch (error) {
            if (error instanceof ConfigError) options.onDiagnostics?.(error.diagnostics);
            throw error;
          }
          if (plan.diagnostics.length) options.onDiagnostics?.(plan.diagnostics);
        },
      },
      {
        name: 'metrics',
        setup: async () => {
          pipeline = await createMetricsPipeline({ env: options.env ?? process.env, location: plan.project.location, logger: log, mode: 'daemon' });
          if (!pipeline) return undefined;
          const started = pipeline;
          return () => started.shutdown();
        },
      },
      {
        name: 'http server',
        setup: async () => {
          server = await startHttpServer({
            host: options.host ?? DEFAULT_HOST,
            port: options.port ?? DEFAULT_PORT,
            logger: log,
            endpoints: {
              readiness: () => readiness,
              prometheusHandler: () => pipeline?.prometheusHandler,
              statusJson,
              statusPage: () =>
                renderStatusPage(store.snapshot(), {
                  version: VERSION,
                  targets: [plan.target],
                  location: plan.project.location,
                  startedAt,
                  state: readiness,
                  refreshSeconds: PAGE_REFRESH_SECONDS,
                  now: new Date(),
                }),
            },
          });
          return () => server.close();
        },
      },
      {
        // Nothing to start: runs open these lazily. Closed after the scheduler has drained.
        name: 'run resources',
        setup: () => async () => {
          for (const resource of options.resources ?? []) {
            try {
              await resource.close();
            } catch (error) {
              log.warn({ err: error, resource: resource.name }, 'closing a run resource failed');
            }
          }
        },
      },
      {
        name: 'scheduler',
        setup: () => {
          const reporters = [store, ...(pipeline ? [pipeline.reporter] : [])];
          scheduler = new Scheduler({
            reporter: new ReporterMultiplexer(reporters, (error, hook) => log.error({ err: error, hook }, 'a reporter failed; the others carry on')),
            onSkippedTick: (key) => {
              store.recordSkippedTick(key);
              pipeline?.reporter.recordSkippedTick(key);
            },
            concurrency: options.concurrency ?? plan.project.defaults.concurrency,
            logger: log,
            ...(options.timezone ? { timezone: options.timezone } : {}),
          });
          const summary = scheduler.replace(scheduleSet(plan));
          track();
          readiness = 'ready';
          log.info(
            {
              url: server.url,
              schedules: summary.scheduled,
              unscheduled: summary.unscheduled,
              target: plan.target.name,
              targetUrl: plan.target.url,
              concurrency: scheduler.concurrency,
              metrics: pipeline ? (pipeline.prometheusHandler ? `${server.url}/metrics` : 'push') : 'off',
              timezone: options.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
            },
            `payloadwatch daemon listening on ${server.url} with ${summary.scheduled} schedules`,
          );
          if (summary.scheduled === 0) log.warn('no probe × persona has a schedule: nothing will run until a reload brings one');
          return async () => {
            const busy = scheduler.busyCount;
            if (busy) log.info({ runs: busy, drainTimeoutMs }, 'waiting for runs in flight');
            const drained = await scheduler.drain(drainTimeoutMs);
            if (busy) log.info(drained, 'runs in flight drained');
          };
        },
      },
    ],
    teardownDeadlineMs,
  );

  let reloading: Promise<unknown> = Promise.resolve();
  let stopping: Promise<TeardownReport> | undefined;

  const reloadOnce = async (): Promise<ReloadResult> => {
    if (stopping) return { ok: false, reason: 'the daemon is stopping', diagnostics: [] };
    log.info({ config: plan.project.configFile }, 'reloading configuration and probes');
    let next: LoadedPlan;
    try {
      next = await loadPlan(options);
    } catch (error) {
      const diagnostics = error instanceof ConfigError ? error.diagnostics : [];
      for (const d of diagnostics) log[d.severity === 'error' ? 'error' : 'warn']({ file: d.file, path: d.path }, formatDiagnostic(d));
      const reason = error instanceof ConfigError ? 'configuration is invalid' : error instanceof SelectionError ? error.message : String(error);
      log.error({ reason }, `reload refused: ${reason}; the running schedules are kept`);
      return { ok: false, reason, diagnostics };
    }
    if (stopping) return { ok: false, reason: 'the daemon is stopping', diagnostics: [] };
    for (const d of next.diagnostics) log.warn({ file: d.file, path: d.path }, formatDiagnostic(d));
    if (next.project.location !== plan.project.location) {
      log.warn({ running: plan.project.location, configured: next.project.location }, 'location changed: metrics keep the old one until the daemon restarts');
    }
    const summary = scheduler.replace(scheduleSet(next));
    if (options.concurrency === undefined) scheduler.setConcurrency(next.project.defaults.concurrency);
    // Metrics were started with the old location and keep it; the page says what they say.
    plan = { ...next, project: { ...next.project, location: plan.project.location } };
    track();
    log.info({ schedules: summary.scheduled, unscheduled: summary.unscheduled, runsInFlight: scheduler.busyCount }, 'configuration reloaded');
    return { ok: true, ...summary };
  };

  return {
    get url() {
      return server.url;
    },
    get scheduled() {
      return scheduler.list().length;
    },
    reload() {
      // One reload at a time: a second SIGHUP waits for the first and then loads again.
      const next = reloading.then(reloadOnce, reloadOnce);
      reloading = next;
      return next;
    },
    stop() {
      stopping ??= (async () => {
        readiness = 'stopping';
        log.info({ runsInFlight: scheduler.busyCount, drainTimeoutMs }, 'stopping: no new runs; waiting for runs in flight');
        const report = await lifecycle.stop(teardownDeadlineMs);
        log.info(report, 'stopped');
        return report;
      })();
      return stopping;
    },
  };
}
