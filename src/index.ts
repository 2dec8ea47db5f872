// The public API: a deliberate list of named exports. Probe and config files import
// from here as `payloadwatch`.
export { defineConfig, defineProbe, definePersona, secret } from './config/define.ts';
export {
  nonEmpty,
  count,
  unique,
  every,
  present,
  notNull,
  range,
  pattern,
  fresh,
  sorted,
  oneOf,
  equals,
  agree,
  custom,
} from './validate/rules.ts';
export { measure } from './validate/measures.ts';
export { dom } from './validate/dom.ts';

export type {
  AgreeOperator,
  ApiExpectations,
  ApiRequest,
  ApiStep,
  BrowserConfig,
  BrowserCookie,
  Defaults,
  DomCapture,
  DomCheck,
  DomMeasure,
  Duration,
  HttpMethod,
  HttpRequestSpec,
  HttpResponseData,
  Measure,
  PageAction,
  PageExpectations,
  PageIssuePolicy,
  PageIssueSeverity,
  PageResponse,
  PageStep,
  PageVisit,
  PageWaitUntil,
  PayloadwatchConfig,
  PersonaDefinition,
  PersonaSetupContext,
  PersonaSetupResult,
  ProbeDefinition,
  ReporterName,
  Rule,
  RuleContext,
  RuleNode,
  SecretRef,
  Severity,
  Step,
  StorageState,
  WaitState,
} from './model/definitions.ts';
export type { AgreeOptions } from './validate/rules.ts';
export type { DomCheckOptions, DomCountBounds } from './validate/dom.ts';
export type {
  CheckKind,
  CheckOutcome,
  CheckResult,
  Report,
  RunOutcome,
  RunResult,
  RunSummary,
  StepResult,
} from './model/results.ts';
