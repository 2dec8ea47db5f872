// What judging one rule comes to, before it becomes a CheckResult, and the sentence
// pieces every rule's messages share.
import { formatValue, VALUE_IN_MESSAGE_MAX } from './format-value.ts';

export type Verdict =
  | { outcome: 'pass' }
  | { outcome: 'fail'; message: string; path?: string; expected?: string; actual?: string }
  /** Could not judge: the rule itself is broken or user code threw. */
  | { outcome: 'error'; message: string; path?: string };

export const PASS: Verdict = { outcome: 'pass' };

export const NOTHING = '(nothing)';

/** A path that selects nothing fails: a typo in a path must never pass quietly. */
export function nothingSelected(path: string, expected: string): Verdict {
  return { outcome: 'fail', message: `${path} selected nothing`, path, expected, actual: NOTHING };
}

/** `; 2 of 6 values fail` when more than one failed; the message already names the first. */
export function howManyFailed(failed: number, total: number, noun = 'values'): string {
  return failed > 1 ? `; ${failed} of ${total} ${noun} fail` : '';
}

/** A value inside a sentence: `0`, `"19.99"`, `null`. */
export function quote(value: unknown): string {
  return formatValue(value, VALUE_IN_MESSAGE_MAX);
}

/** A value whose type is the problem: `a string ("19.99")`, `null`, `an object`, `missing`. */
export function describeType(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array (${quote(value)})`;
  if (typeof value === 'object') return `an object (${quote(value)})`;
  return `a ${typeof value} (${quote(value)})`;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
