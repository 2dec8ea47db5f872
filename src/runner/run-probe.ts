// One probe × persona × target run, with its retries. Never throws and never hangs: the
// whole attempt races its deadline, so even a custom rule that never returns cannot
// stall the monitor; checks finished before the deadline are kept.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ResolvedDefaults } from '../config/project.ts';
import { formatMilliseconds, toMilliseconds } from '../config/duration.ts';
import { lazyChild } from '../logging/lazy-child.ts';
import type { Logger } from '../logging/logger.ts';
import type { TraceMode } from '../model/definitions.ts';
import type { CheckResult, RunOutcome, RunResult, StepResult } from '../model/results.ts';
import { Redactor, isSensitiveName } from '../personas/redaction.ts';
import { SecretMissingError } from '../personas/secrets.ts';
import { setUpPersona } from '../personas/set-up-persona.ts';
import { runApiStep } from '../steps/api/run-api-step.ts';
import { newTraceId } from '../steps/api/tagging.ts';
import { sharedBrowserPool, type BrowserPool } from '../steps/page/browser-pool.ts';
import { PageRun } from '../steps/page/page-run.ts';
import { runPageStep } from '../steps/page/run-page-step.ts';
import { linkedSignal } from '../steps/linked-signal.ts';
import type { StepContext, StepOutput } from '../steps/step-context.ts';
import { stepOutcome } from '../steps/step-outcome.ts';
import type { SchemaRegistry } from '../validate/schemas.ts';
import type { PlannedRun } from './plan.ts';

export interface RunEnvironment {
  defaults: ResolvedDefaults;
  schemas: SchemaRegistry;
  logger: Logger;
  /** Overrides of the probe's own settings from the command line. */
  overrides?: { retries?: number; runTimeoutMs?: number };
  /** Aborts every run in flight (shutdown). */
  signal?: AbortSignal;
  /** Where page steps run and leave their artifacts; default: the process's browser, `payloadwatch-report/`. */
  pages?: PageEnvironment;
}

export interface PageEnvironment {
  /** Default: the process's shared browser (`closeBrowser()` closes it). */
  browser?: BrowserPool;
  /** The reports folder, absolute: artifacts go to `<outputDir>/artifacts/<probe>/<persona>/<timestamp>/`. */
  outputDir: string;
  /** Artifact paths in results are relative to this folder. Default: the working directory. */
  cwd?: string;
  /** What each page run records for its failure report. Default `'snapshots'`. */
  trace?: TraceMode;
}

const DEFAULT_PAGE_OUTPUT = 'payloadwatch-report';

interface Attempt {
  outcome: RunOutcome;
  error?: string;
  /** The error cannot change by trying again (a missing secret, an unknown variable). */
  permanent?: boolean;
  steps: StepResult[];
  checks: CheckResult[];
  measures: Record<string, number>;
  /** Screenshot, trace and HTML snapshot of an attempt with page steps that did not pass. */
  artifacts: string[];
  durationMs: number;
}

const SETUP_STEP = '(persona setup)';

/** What an attempt has found so far; the deadline may cut it short at any point. */
interface AttemptState {
  checks: CheckResult[];
  steps: StepResult[];
  measures: Record<string, number>;
  /** The step in progress, for the deadline's message. */
  current: string;
  /** An error of the probe's own making (a missing secret, an unknown variable): retrying only doubles the time to report it. */
  permanent: boolean;
  /** The browser side of the attempt, from its first page step on. */
  pages?: PageRun;
}


export async function runProbe(plan: PlannedRun, env: RunEnvironment): Promise<RunResult> {
  const probe = plan.probe.definition;
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const retries = env.overrides?.retries ?? probe.retries ?? env.defaults.retries;
  const timeoutMs = env.overrides?.runTimeoutMs ?? toMilliseconds(probe.timeout) ?? env.defaults.runTimeoutMs;
  const log = lazyChild(env.logger, { probe: probe.name, persona: plan.persona.name, target: plan.target.name });
  env = { ...env, logger: log };

  let attempts = 0;
  let first: RunOutcome | undefined;
  let last: Attempt;
  // Every attempt that did not pass keeps its artifacts: a flaky run shows what went wrong first.
  const artifacts: string[] = [];
  for (;;) {
    attempts += 1;
    last = await attemptOnce(plan, env, timeoutMs);
    artifacts.push(...last.artifacts);
    first ??= last.outcome;
    log.debug({ attempt: attempts, outcome: last.outcome, durationMs: Math.round(last.durationMs) }, 'attempt finished');
    const retryable = (last.outcome === 'error' && !last.permanent) || (last.outcome === 'fail' && probe.retryOn === 'any');
    if (!retryable || attempts > retries || env.signal?.aborted) break;
  }
  const result: RunResult = {
    probe: probe.name,
    persona: plan.persona.name,
    target: plan.target.name,
    url: plan.target.url,
    outcome: last.outcome,
    flaky: attempts > 1 && last.outcome !== first,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    attempts,
    ...(last.error ? { error: last.error } : {}),
    steps: last.steps,
    checks: last.checks,
    measures: last.measures,
    artifacts,
  };
  log.info({ outcome: result.outcome, attempts, durationMs: result.durationMs }, 'run finished');
  return result;
}

async function attemptOnce(plan: PlannedRun, env: RunEnvironment, timeoutMs: number): Promise<Attempt> {
  const redactor = new Redactor();
  const startedAt = new Date();
  const started = performance.now();
  // Aborted at shutdown or at the deadline. Let go of the shutdown signal when the attempt
  // is over: it lives as long as the daemon.
  const linked = linkedSignal(env.signal);
  const signal = linked.signal;
  const state: AttemptState = { checks: [], steps: [], measures: {}, current: SETUP_STEP, permanent: false };
  const remainingMs = () => timeoutMs - (performance.now() - started);

  let timer: NodeJS.Timeout | undefined;
  const deadlinePassed = new Promise<'deadline'>((resolve) => {
    // Not unref()ed on purpose: it is what guarantees the run ends even if nothing else is pending.
    timer = setTimeout(() => resolve('deadline'), timeoutMs);
  });
  const work = runAttempt(plan, env, state, redactor, signal, remainingMs).then(() => 'done' as const);
  const finished = await Promise.race([work, deadlinePassed]);
  clearTimeout(timer);
  if (finished === 'done') linked.dispose();

  // Copy now: an abandoned attempt may still be writing into `state`.
  const checks = [...state.checks];
  const steps = [...state.steps];
  if (finished === 'deadline') {
    linked.abort(new Error(`run deadline of ${formatMilliseconds(timeoutMs)} passed`));
    checks.push({
      name: 'deadline',
      kind: 'transport',
      outcome: 'error',
      step: state.current,
      message: `the run did not finish within its ${formatMilliseconds(timeoutMs)} deadline (stuck in step '${state.current}')`,
    });
    // Every step of the probe appears in the result: the stuck one as an error, the rest as skipped.
    const reported = new Set(steps.map((s) => s.name));
    for (const step of plan.probe.definition.steps) {
      if (reported.has(step.name)) continue;
      const stuck = step.name === state.current;
      steps.push({ name: step.name, outcome: stuck ? 'error' : 'skip', durationMs: 0, ...(stuck ? { error: 'deadline passed' } : {}) });
    }
  }
  const judged = checks.filter((c) => c.outcome !== 'skip');
  const outcome: RunOutcome = judged.length === 0 ? 'error' : stepOutcome(checks);
  const firstError = checks.find((c) => c.outcome === 'error');
  const error = judged.length === 0 ? 'no checks ran: the probe judged nothing' : firstError?.message;
  const permanent = state.permanent;
  const artifacts = state.pages ? await state.pages.finish({ save: outcome !== 'pass', startedAt, ...pageOutput(env.pages) }) : [];
  return redactor.deep({
    outcome,
    ...(outcome === 'error' && error ? { error } : {}),
    ...(permanent ? { permanent } : {}),
    steps,
    checks,
    measures: { ...state.measures },
    artifacts,
    durationMs: performance.now() - started,
  });
}

function pageOutput(pages: PageEnvironment | undefined): { outputDir: string; cwd: string } {
  const cwd = pages?.cwd ?? process.cwd();
  return { outputDir: pages?.outputDir ?? resolve(cwd, DEFAULT_PAGE_OUTPUT), cwd };
}

async function runAttempt(
  plan: PlannedRun,
  env: RunEnvironment,
  state: AttemptState,
  redactor: Redactor,
  signal: AbortSignal,
  remainingMs: () => number,
): Promise<void> {
  const probe = plan.probe.definition;
  const traceId = newTraceId();
  try {
    let session;
    try {
      session = await setUpPersona(plan.persona, { probe: probe.name, target: plan.target, traceId, defaults: env.defaults, redactor, signal, remainingMs });
    } catch (error) {
      state.permanent = error instanceof SecretMissingError;
      state.checks.push({ name: 'persona setup', kind: 'setup', outcome: 'error', step: SETUP_STEP, message: (error as Error).message });
      state.steps.push(...probe.steps.map((s) => ({ name: s.name, outcome: 'skip' as const, durationMs: 0 })));
      return;
    }
    const variables: Record<string, unknown> = { ...session.variables };
    let stopped = false;
    for (const step of probe.steps) {
      if (stopped || signal.aborted) {
        state.steps.push({ name: step.name, outcome: 'skip', durationMs: 0 });
        continue;
      }
      state.current = step.name;
      const context: StepContext = {
        probe: probe.name,
        persona: plan.persona.name,
        target: plan.target,
        variables,
        headers: session.headers,
        measures: state.measures,
        traceId,
        defaults: env.defaults,
        schemas: env.schemas,
        redactor,
        signal,
        remainingMs,
        log: env.logger,
      };
      let out: StepOutput;
      if ('page' in step) {
        // The browser starts with the first page step of the first run that has one.
        state.pages ??= new PageRun({
          pool: env.pages?.browser ?? sharedBrowserPool(),
          trace: env.pages?.trace ?? 'snapshots',
          probe: probe.name,
          persona: plan.persona,
          session,
          target: plan.target,
          traceId,
          redactor,
          signal,
          log: env.logger,
        });
        out = await runPageStep(step, context, state.pages);
      } else {
        out = await runApiStep(step, context);
      }
      // The deadline already spoke for this attempt; a shutdown did not, so its step says why the run stopped.
      if (signal.aborted && !env.signal?.aborted) return;
      state.steps.push(out.step);
      state.checks.push(...out.checks);
      state.permanent ||= out.permanentError === true;
      Object.assign(state.measures, out.measures);
      for (const [name, value] of Object.entries(out.captured)) {
        variables[name] = value;
        if (isSensitiveName(name)) redactor.add(value);
      }
      if (out.step.outcome !== 'pass' && !step.soft) stopped = true;
    }
  } catch (error) {
    // A bug in payloadwatch or a probe must cost one run, never the process.
    state.checks.push({ name: 'internal', kind: 'transport', outcome: 'error', step: state.current, message: `unexpected error: ${(error as Error)?.stack ?? String(error)}` });
  }
}
