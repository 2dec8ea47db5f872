// What a step sees of the run it belongs to. The runner owns it; steps read it and
// return what they found.
import type { ResolvedDefaults } from '../config/project.ts';
import type { Logger } from '../logging/logger.ts';
import type { CheckResult, StepResult } from '../model/results.ts';
import type { Redactor } from '../personas/redaction.ts';
import type { SchemaRegistry } from '../validate/schemas.ts';

export interface StepContext {
  probe: string;
  persona: string;
  target: { name: string; url: string };
  /** Persona setup variables and earlier captures. */
  variables: Readonly<Record<string, unknown>>;
  /** Headers every request of the run carries (persona headers and cookies). */
  headers: Readonly<Record<string, string>>;
  measures: Readonly<Record<string, number>>;
  /** W3C trace id shared by every request of the run. */
  traceId: string;
  defaults: ResolvedDefaults;
  schemas: SchemaRegistry;
  redactor: Redactor;
  /** Aborted when the run's deadline passes or the process shuts down. */
  signal: AbortSignal;
  /** Milliseconds left before the run's deadline. */
  remainingMs(): number;
  log: Logger;
}

export interface StepOutput {
  step: StepResult;
  checks: CheckResult[];
  measures: Record<string, number>;
  captured: Record<string, unknown>;
  /** The step could not even be built (an unknown variable, a missing secret): no retry will change that. */
  permanentError?: boolean;
}
