// A step's kind is the key that holds its action (`api`, later `page`); each kind brings
// its own allowed keys and checks, so a new kind is one more entry in STEP_KINDS.
import type { PlainObject } from './check-shape.ts';
import type { ProbeCheckContext } from './probe-context.ts';

export interface StepKind {
  /** The key that marks a step as this kind, e.g. `api`. */
  key: string;
  /** Every key a step of this kind may have, the common `name` and `soft` included. */
  keys: readonly string[];
  /** Shown when a step has no kind. */
  example: string;
  /** Checks everything but the common keys and unknown keys. */
  validate(step: PlainObject, path: string, context: ProbeCheckContext): boolean;
}
