// What a probe run produces. Every layer after the runner (reporters, metrics, the
// daemon, compare) reads these types and nothing else of the runner.

export const RUN_OUTCOMES = ['pass', 'fail', 'error'] as const;
/** `fail`: the content is wrong. `error`: payloadwatch could not judge it (timeout, connection, setup). */
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export const CHECK_OUTCOMES = ['pass', 'fail', 'warn', 'error', 'skip'] as const;
/** `warn`: a failed check whose severity is `warn`; `skip`: not evaluated because an earlier check made it meaningless. */
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const CHECK_KINDS = [
  'transport', // the request could not be made or answered (timeout, connection, redirects)
  'setup', // the persona's setup or a secret it needs
  'status',
  'header',
  'size', // the body exceeded the size limit
  'json', // the body is not JSON
  'schema',
  'rule',
  'capture',
  'measure', // a measure that could not be taken (a custom function threw)
  'latency',
  'dom', // the rendered page: a DOM check, a selector waited for, a blank page
  'action', // a click, fill, press or wait of a page flow that could not be done
  'page-error', // an uncaught exception in the page
  'console', // console.error messages of the page
  'network', // a page's subresource that failed, or a declared response that never came
  'browser', // the browser could not be started, or crashed or disconnected during the run
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export interface CheckResult {
  /** Unique within a run; appears in reports and metric labels. */
  name: string;
  kind: CheckKind;
  outcome: CheckOutcome;
  /** The step the check belongs to. */
  step: string;
  /** What went wrong, in words; empty on pass. */
  message: string;
  /** Where: a JSONPath (`$.items[0].price`), a header name or a selector. */
  path?: string;
  expected?: string;
  /** What came, already redacted and truncated. */
  actual?: string;
}

export interface StepResult {
  name: string;
  outcome: RunOutcome | 'skip';
  durationMs: number;
  /** HTTP method of an API step. */
  method?: string;
  /** Host of the request (`server.address` in OTel terms). */
  serverAddress?: string;
  /** HTTP status of an API step, or of a page step's document, when a response came. */
  status?: number;
  error?: string;
  /**
   * The response body of an API step that did not pass, for reports: JSON pretty-printed with a
   * 2-space indent (other text as it came), redacted, and cut at about 8 KB with a closing marker line.
   */
  excerpt?: string;
}

/** Starts the last line of an excerpt that was cut. */
export const EXCERPT_TRUNCATED_MARK = '… truncated:';

export interface RunResult {
  probe: string;
  persona: string;
  target: string;
  /** Base URL of the target. */
  url: string;
  outcome: RunOutcome;
  /** A retry changed the outcome. */
  flaky: boolean;
  startedAt: string;
  durationMs: number;
  attempts: number;
  /** Why the run errored, when it did. */
  error?: string;
  steps: StepResult[];
  checks: CheckResult[];
  measures: Record<string, number>;
  artifacts: string[];
}

export interface RunSummary {
  passed: number;
  failed: number;
  errored: number;
  flaky: number;
}

export const REPORT_VERSION = 1;

/** The JSON report: a stable, versioned document (see README, "JSON report"). */
export interface Report {
  version: typeof REPORT_VERSION;
  startedAt: string;
  finishedAt: string;
  summary: RunSummary;
  results: RunResult[];
}
