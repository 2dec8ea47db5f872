// What user code may return from a custom rule or an `every` predicate.
import { quote } from './verdict.ts';

export type CustomOutcome = { pass: true } | { pass: false; message: string } | { invalid: string };

/** `true` or nothing: pass. `false`: fail with `falseMessage`. A string: fail with it. Anything else is a mistake. */
export function readCustomVerdict(result: unknown, falseMessage: string): CustomOutcome {
  if (result === true || result === undefined) return { pass: true };
  if (result === false) return { pass: false, message: falseMessage };
  if (typeof result === 'string') return { pass: false, message: result || falseMessage };
  return { invalid: `returned ${quote(result)}; expected true, false, a message or nothing` };
}
