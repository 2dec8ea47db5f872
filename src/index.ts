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
  custom,
} from './validate/rules.ts';
export { measure } from './validate/measures.ts';

export type {
  ApiExpectations,
  ApiRequest,
  ApiStep,
  Defaults,
  Duration,
  HttpMethod,
  HttpRequestSpec,
  HttpResponseData,
  Measure,
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
} from './model/definitions.ts';
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
