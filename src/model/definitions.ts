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
  /** The parsed JSON body. */
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
  | (RuleBase & { rule: 'custom'; name: string; path?: string; check: (ctx: RuleContext) => CustomRuleVerdict | Promise<CustomRuleVerdict> });

// ---------------------------------------------------------------------------------------
// Measures: named numbers taken from each run, exported as metrics.

export const MEASURE_KINDS = ['count', 'value', 'sum', 'min', 'max', 'custom'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export type Measure =
  | { measure: 'count' | 'value' | 'sum' | 'min' | 'max'; path: string }
  | { measure: 'custom'; fn: (ctx: RuleContext) => number | undefined };

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

export type Step = ApiStep;

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

export interface PersonaSetupResult {
  /** Available to steps as `{{name}}`. */
  variables?: Record<string, string | number | boolean>;
  /** Added to every request of the run, e.g. `authorization`. */
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  /** Variable names whose values are redacted wherever they appear (tokens are by default). */
  sensitive?: readonly string[];
}

export interface PersonaDefinition {
  name: string;
  description?: string;
  headers?: Record<string, Templated>;
  cookies?: Record<string, Templated>;
  /** Runs before the steps of every run: create a fresh user, log in. */
  setup?: (ctx: PersonaSetupContext) => Promise<PersonaSetupResult | void> | PersonaSetupResult | void;
}

export const REPORTER_NAMES = ['console', 'json'] as const;
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
  reporters?: readonly ReporterName[];
  /** Reports and artifacts folder. Default `payloadwatch-report`. */
  output?: string;
  /** Where the probes run from; a metric attribute. Default `local`. */
  location?: string;
}
