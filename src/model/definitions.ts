// The shapes users write in payloadwatch.config.ts and probes/*.probe.ts.
// Types only: validation lives in config/, behaviour in the runner and validate/.

/** Milliseconds, or a string such as `'250ms'`, `'10s'`, `'5m'`, `'24h'`, `'7d'`. */
export type Duration = number | `${number}${'ms' | 's' | 'm' | 'h' | 'd'}`;

/** A value read from an environment variable at run time; never written to a file or a report. */
export interface SecretRef {
  readonly $secret: string;
}

/** A string that may hold `{{variable}}` placeholders, or a secret reference. */
export type Templated = string | number | boolean | SecretRef;

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const SEVERITIES = ['fail', 'warn'] as const;
/** `warn`: a broken rule is reported but does not fail the run. */
export type Severity = (typeof SEVERITIES)[number];

// ---------------------------------------------------------------------------------------
// Rules: semantic assertions over a payload, built with the factories in validate/rules.

export const RULE_KINDS = [
  'nonEmpty',
  'count',
  'unique',
  'every',
  'present',
  'notNull',
  'range',
  'pattern',
  'fresh',
  'sorted',
  'oneOf',
  'equals',
  'agree',
  'custom',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

interface RuleBase {
  /** Appears in reports and metric labels; defaults to the rule and its path, e.g. `nonEmpty $.items`. */
  name?: string;
  severity?: Severity;
}

/** Each item a rule judges: what the JSONPath selected, with its normalised path. */
export interface RuleNode {
  path: string;
  value: unknown;
}

export interface RuleContext {
  /** The parsed JSON body; `undefined` for the rules of a page step, which judge measures. */
  json: unknown;
  /** Variables of the run so far (persona setup, captures). */
  variables: Readonly<Record<string, unknown>>;
  /** Measures taken so far in this run, this step's included. */
  measures: Readonly<Record<string, number>>;
  /** Runs a JSONPath query against the body. */
  query(path: string): RuleNode[];
  status?: number;
  headers?: Readonly<Record<string, string>>;
}

/** `true` or nothing: pass. `false`: fail. A string: fail with that message. */
export type CustomRuleVerdict = boolean | string | void | undefined;
export type ItemPredicate = (item: unknown, index: number) => CustomRuleVerdict;

export const AGREE_OPERATORS = ['==', '!=', '<', '<=', '>', '>='] as const;
/** How the two sides of `agree` compare. */
export type AgreeOperator = (typeof AGREE_OPERATORS)[number];

export type Rule =
  | (RuleBase & { rule: 'nonEmpty'; path: string })
  | (RuleBase & { rule: 'count'; path: string; min?: number; max?: number })
  | (RuleBase & { rule: 'unique'; path: string; by?: string })
  | (RuleBase & { rule: 'every'; path: string; predicate?: ItemPredicate; schema?: string | object; description?: string })
  | (RuleBase & { rule: 'present'; path: string })
  | (RuleBase & { rule: 'notNull'; path: string })
  | (RuleBase & { rule: 'range'; path: string; min?: number; max?: number; above?: number; below?: number })
  | (RuleBase & { rule: 'pattern'; path: string; pattern: string; flags?: string })
  | (RuleBase & { rule: 'fresh'; path: string; maxAge: Duration })
  | (RuleBase & { rule: 'sorted'; path: string; by?: string; order?: 'asc' | 'desc' })
  | (RuleBase & { rule: 'oneOf'; path: string; values: readonly unknown[] })
  | (RuleBase & { rule: 'equals'; path: string; value: unknown })
  | (RuleBase & { rule: 'agree'; left: string | number; op: AgreeOperator; right: string | number; cap?: number })
  | (RuleBase & { rule: 'custom'; name: string; path?: string; check: (ctx: RuleContext) => CustomRuleVerdict | Promise<CustomRuleVerdict> });

// ---------------------------------------------------------------------------------------
// Measures: named numbers taken from each run, exported as metrics.

export const MEASURE_KINDS = ['count', 'value', 'sum', 'min', 'max', 'custom'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export type Measure =
  | { measure: 'count' | 'value' | 'sum' | 'min' | 'max'; path: string }
  | { measure: 'custom'; fn: (ctx: RuleContext) => number | undefined };

export const DOM_MEASURE_KINDS = ['domCount', 'domValue'] as const;
export type DomMeasureKind = (typeof DOM_MEASURE_KINDS)[number];

/** Numbers read from the rendered page of a page step, e.g. `measure.domCount('.rec-card')`. */
export type DomMeasure =
  | { measure: 'domCount'; selector: string }
  | { measure: 'domValue'; selector: string; attribute?: string };

// ---------------------------------------------------------------------------------------
// Steps

export interface ApiRequest {
  /** Default `GET`. */
  method?: HttpMethod;
  /** Relative to the target's base URL; may hold `{{variables}}`. */
  path: string;
  query?: Record<string, Templated>;
  headers?: Record<string, Templated>;
  /** Sent as JSON; strings inside may hold `{{variables}}`. */
  body?: unknown;
  /** Per-request timeout; default from `defaults.timeout`. */
  timeout?: Duration;
  /** Largest body read, counted after decompression; default from `defaults.maxBodyBytes`. */
  maxBodyBytes?: number;
  /** Redirects followed at most; 0 disables following. */
  maxRedirects?: number;
}

export interface ApiExpectations {
  /**
   * Accepted statuses. Default: any 2xx.
   * @example status: 200
   * @example status: [200, 304]
   * @example status: '2xx'
   */
  status?: number | readonly number[] | `${1 | 2 | 3 | 4 | 5}xx`;
  /** Header values that must equal a string or match a RegExp (names are case-insensitive). */
  headers?: Record<string, string | RegExp>;
  /** Required media type; default `application/json` when the step reads the body as JSON. */
  contentType?: string;
  /**
   * A JSON Schema (2020-12): a file name in the schemas folder, its `$id`, or an inline schema.
   * @example schema: 'recommendations.schema.json'
   */
  schema?: string | object;
  rules?: readonly Rule[];
  /**
   * Latency budget for the whole request.
   * @example latency: '800ms'
   */
  latency?: Duration;
}

export interface ApiStep {
  name: string;
  api: ApiRequest;
  expect?: ApiExpectations;
  /** Variables taken from the JSON body by JSONPath, for later steps: `{ cartId: '$.id' }`. */
  capture?: Record<string, string>;
  /** Named numbers taken from the body: `{ recommendations: measure.count('$.items') }`. */
  measures?: Record<string, Measure>;
  /** Later steps still run when this one fails. */
  soft?: boolean;
}

export const PAGE_WAIT_UNTIL = ['load', 'domcontentloaded', 'networkidle'] as const;
/** When navigation counts as done: the `load` event, `DOMContentLoaded`, or no network traffic for 500 ms. */
export type PageWaitUntil = (typeof PAGE_WAIT_UNTIL)[number];

export const WAIT_STATES = ['visible', 'attached', 'hidden', 'detached'] as const;
export type WaitState = (typeof WAIT_STATES)[number];

export const PAGE_ACTION_KINDS = ['click', 'fill', 'press', 'waitFor'] as const;
export type PageActionKind = (typeof PAGE_ACTION_KINDS)[number];

/**
 * One step of a flow on the page, in order. Selectors are CSS, or any Playwright selector.
 * Each action waits up to its `timeout` (default: the page step's) for its element.
 * @example { click: '#add-to-cart' }
 * @example { fill: '#search-input', value: 'lamp' }
 * @example { press: '#search-input', key: 'Enter' }
 * @example { waitFor: '.search-result' }
 */
export type PageAction =
  | { click: string; timeout?: Duration }
  /** `value` may hold `{{variables}}` or be a secret. */
  | { fill: string; value: Templated; timeout?: Duration }
  /** A key as Playwright names it: `Enter`, `ArrowDown`, `Control+A`. */
  | { press: string; key: string; timeout?: Duration }
  /** Default state `visible`. */
  | { waitFor: string; state?: WaitState; timeout?: Duration };

export interface PageVisit {
  /** Relative to the target's base URL; may hold `{{variables}}`. */
  path: string;
  /** Default `load`. Client-rendered content usually needs `networkidle` or `waitFor`. */
  waitUntil?: PageWaitUntil;
  /** A selector that must become visible before the page is judged. */
  waitFor?: string;
  /** For the navigation, each wait and each action; default from `defaults.timeout`. */
  timeout?: Duration;
  actions?: readonly PageAction[];
}

export const DOM_CHECK_KINDS = ['count', 'text', 'visible', 'notContains', 'attribute'] as const;
export type DomCheckKind = (typeof DOM_CHECK_KINDS)[number];

interface DomCheckBase {
  /** CSS, or any Playwright selector. Shown as the check's path. */
  selector: string;
  /** Appears in reports and metric labels; defaults to the check and its selector, e.g. `count .rec-card [1..]`. */
  name?: string;
  severity?: Severity;
}

/** An assertion on the rendered page, built with the `dom` factories. */
export type DomCheck =
  | (DomCheckBase & { dom: 'count'; min?: number; max?: number })
  | (DomCheckBase & { dom: 'text'; equals?: string; pattern?: string; flags?: string })
  | (DomCheckBase & { dom: 'visible' })
  | (DomCheckBase & { dom: 'notContains'; text?: string; pattern?: string; flags?: string })
  | (DomCheckBase & { dom: 'attribute'; attribute: string; equals?: string; pattern?: string; flags?: string });

/** A response the page itself fetches, judged like the response of an API step. */
export interface PageResponse {
  /**
   * Which responses: a path on the target (`'/api/recommendations'`, query ignored unless the
   * pattern has one; `*` matches within a path segment, `**` across segments), a full URL glob
   * (`'https://cdn.example.com/**'`), or a RegExp tested against the full URL.
   * When several responses match, the last one before the page is judged counts.
   */
  url: string | RegExp;
  /** Only responses to this method. Default: any. */
  method?: HttpMethod;
  /** Prefixes this response's checks in reports; default: the pattern as written. */
  name?: string;
  /** Status, headers, content type, schema, rules and latency, as for an API step. */
  expect?: ApiExpectations;
  /** Named numbers taken from the body: `{ recommendations: measure.count('$.items') }`. */
  measures?: Record<string, Measure>;
  /** Variables taken from the body by JSONPath, for later steps. */
  capture?: Record<string, string>;
}

export const PAGE_ISSUE_SEVERITIES = ['fail', 'warn', 'ignore'] as const;
/** What a page problem does to the run: fail it, be reported as a warning, or not be recorded. */
export type PageIssueSeverity = (typeof PAGE_ISSUE_SEVERITIES)[number];

/**
 * A severity, or a severity with messages (or URLs) to leave out, each a substring or a RegExp.
 * @example console: { severity: 'fail', ignore: [/third-party-widget/] }
 */
export type PageIssuePolicy = PageIssueSeverity | { severity?: PageIssueSeverity; ignore?: readonly (string | RegExp)[] };

export interface PageExpectations {
  /** Accepted statuses of the page's own document, as for an API step. Default: any 2xx. */
  status?: ApiExpectations['status'];
  /** Budget from the start of navigation until the page is ready (after `waitUntil` and `waitFor`). */
  latency?: Duration;
  /** Assertions on the rendered page, built with `dom.count`, `dom.text`, `dom.visible`, `dom.notContains`, `dom.attribute`. */
  dom?: readonly DomCheck[];
  /** Responses the page must fetch, each judged like an API step's response. */
  responses?: readonly PageResponse[];
  /**
   * Rules over the measures of this step and earlier ones: `agree` and `custom`.
   * @example rules: [agree('recommendationCards', '==', 'recommendations')]
   */
  rules?: readonly Rule[];
  /** Uncaught exceptions in the page. Default `fail`. */
  pageErrors?: PageIssuePolicy;
  /** `console.error` messages. Default `warn`. */
  console?: PageIssuePolicy;
  /** Subresources that failed to load or answered 4xx/5xx (declared responses excepted). Default `warn`. */
  failedRequests?: PageIssuePolicy;
  /** A main content (`main`, `[role=main]`, else `body`) without visible text. Default `fail`. */
  blank?: PageIssueSeverity;
}

/** Text (or an attribute) of the first element a selector matches, captured as a variable. */
export interface DomCapture {
  selector: string;
  /** Capture this attribute instead of the text. */
  attribute?: string;
}

export interface PageStep {
  name: string;
  page: PageVisit;
  expect?: PageExpectations;
  /** Named numbers read from the page: `{ recommendationCards: measure.domCount('.rec-card') }`. */
  measures?: Record<string, DomMeasure>;
  /** Variables read from the page for later steps: a selector (its text) or `{ selector, attribute }`. */
  capture?: Record<string, string | DomCapture>;
  /** Later steps still run when this one fails. */
  soft?: boolean;
}

export type Step = ApiStep | PageStep;

// ---------------------------------------------------------------------------------------
// Probes, personas, config

export interface ProbeDefinition {
  /** Unique across the project; appears in reports and metric labels. */
  name: string;
  description?: string;
  /**
   * Cron schedule for `payloadwatch daemon` (seconds field allowed).
   * @example schedule: '*\/30 * * * * *'
   */
  schedule?: string;
  /** Personas the probe runs as; default: the built-in `anonymous` persona. */
  personas?: readonly string[];
  tags?: readonly string[];
  /** Deadline for one whole run, setup included; default from `defaults.runTimeout`. */
  timeout?: Duration;
  /** Extra attempts; default from `defaults.retries`. */
  retries?: number;
  /** Which outcomes are retried: `error` (default) or `any` (content failures too). */
  retryOn?: 'error' | 'any';
  /**
   * `payloadwatch compare` fails the canary as soon as one canary run of this probe fails its
   * checks, whatever the statistics say; its regressions fail the verdict on their own.
   * @example critical: true
   */
  critical?: boolean;
  steps: readonly Step[];
}

export interface HttpRequestSpec {
  method?: HttpMethod;
  path: string;
  query?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface HttpResponseData {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  json: unknown;
  durationMs: number;
}

export interface PersonaSetupContext {
  target: { name: string; url: string };
  /** Calls the target with payloadwatch's HTTP client (tagging, timeouts, size limit). */
  request(spec: HttpRequestSpec): Promise<HttpResponseData>;
  /** Reads an environment variable, registers it for redaction; a missing one errors the run. */
  secret(name: string): string;
  /** A random id unique to this run, for fresh accounts. */
  runId: string;
  signal: AbortSignal;
}

/** A cookie for page steps; give `url`, or `domain` and `path`. */
export interface BrowserCookie {
  name: string;
  value: string;
  url?: string;
  domain?: string;
  path?: string;
  /** Unix time in seconds. */
  expires?: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
}

/** Browser state a page step starts with, in Playwright's storage-state shape. */
export interface StorageState {
  cookies?: readonly BrowserCookie[];
  origins?: readonly { origin: string; localStorage: readonly { name: string; value: string }[] }[];
}

export interface PersonaSetupResult {
  /** Available to steps as `{{name}}`. */
  variables?: Record<string, string | number | boolean>;
  /** Added to every request of the run, e.g. `authorization`. */
  headers?: Record<string, string>;
  /** Sent by API steps in a `Cookie` header, and set in the browser of page steps for the target. */
  cookies?: Record<string, string>;
  /** Variable names whose values are redacted wherever they appear (tokens are by default). */
  sensitive?: readonly string[];
  /**
   * Cookies and local storage page steps start with (values are redacted like tokens).
   * @example storageState: { origins: [{ origin: target.url, localStorage: [{ name: 'token', value: token }] }] }
   */
  storageState?: StorageState;
}

export interface PersonaDefinition {
  name: string;
  description?: string;
  headers?: Record<string, Templated>;
  cookies?: Record<string, Templated>;
  /**
   * A device from Playwright's list that page steps emulate (viewport, user agent, touch).
   * @example device: 'Pixel 7'
   */
  device?: string;
  /**
   * Locale of page steps (`navigator.language`, `Accept-Language`).
   * @example locale: 'de-DE'
   */
  locale?: string;
  /**
   * IANA time zone of page steps.
   * @example timezone: 'Europe/Berlin'
   */
  timezone?: string;
  /** Runs before the steps of every run: create a fresh user, log in. */
  setup?: (ctx: PersonaSetupContext) => Promise<PersonaSetupResult | void> | PersonaSetupResult | void;
}

/**
 * `console`: one line per run on stdout; `json`: `<output>/report.json`; `junit`: `<output>/junit.xml`;
 * `html`: `<output>/report.html`; `github`: GitHub Actions annotations and step summary.
 */
export const REPORTER_NAMES = ['console', 'json', 'junit', 'html', 'github'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

export interface Defaults {
  /** Per request. Default `'10s'`. */
  timeout?: Duration;
  /** Whole run, persona setup included. Default `'60s'`. */
  runTimeout?: Duration;
  /** Extra attempts after an error. Default 1. */
  retries?: number;
  /** Probe × persona runs at once. Default 8. */
  concurrency?: number;
  /** Default 10 MiB. */
  maxBodyBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Browser contexts (runs with page steps) open at once. Default 2. */
  pageConcurrency?: number;
}

/**
 * What a page run records for its failure report. `snapshots`: a Playwright trace with DOM
 * snapshots, network and console (the failure's screenshot is taken apart). `screencast`:
 * the same, plus screencast frames for the trace viewer's filmstrip, about 15% slower page
 * visits. `off`: no trace; the screenshot and HTML snapshot are still kept.
 */
export const TRACE_MODES = ['snapshots', 'screencast', 'off'] as const;
export type TraceMode = (typeof TRACE_MODES)[number];

export interface BrowserConfig {
  /**
   * The Chromium (or Chrome) binary for page steps; relative paths are relative to the config file.
   * Default: `$PAYLOADWATCH_CHROMIUM`, else `/usr/bin/chromium`, else Playwright's own Chromium.
   * @example browser: { executablePath: '/usr/bin/google-chrome' }
   */
  executablePath?: string;
  /**
   * What a page run records throughout and keeps when it does not pass. Default `'snapshots'`.
   * @example browser: { trace: 'screencast' }
   */
  trace?: TraceMode;
}

export interface PayloadwatchConfig {
  /** Name → base URL. `--target` takes a name or a URL. */
  targets: Record<string, string>;
  /** Target used without `--target`; default: the first. */
  defaultTarget?: string;
  personas?: readonly PersonaDefinition[];
  /** Probe file globs, relative to the config file. Default `probes/**\/*.probe.ts`. */
  probes?: string | readonly string[];
  /** Folder of JSON Schemas, relative to the config file. Default `schemas`. */
  schemas?: string;
  defaults?: Defaults;
  /** The browser page steps run in. */
  browser?: BrowserConfig;
  reporters?: readonly ReporterName[];
  /** Reports and artifacts folder. Default `payloadwatch-report`. */
  output?: string;
  /** Where the probes run from; a metric attribute. Default `local`. */
  location?: string;
}
