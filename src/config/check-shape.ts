// A small toolkit for validating plain values that users wrote: every check reports into
// the same Diagnostics with the place it was given, and returns whether the value is usable,
// so validators read as a list of expectations and collect every problem in one pass.
import { jsonPathError } from '../validate/json-path.ts';
import { childPath } from './child-path.ts';
import { describeValue, listChoices, quote } from './describe-value.ts';
import type { Diagnostics } from './diagnostics.ts';
import { suggestion } from './did-you-mean.ts';
import { isDuration } from './duration.ts';

/** Checks one value found at `path`; reports what is wrong and returns whether it is usable. */
export type ValueCheck = (value: unknown, path: string) => boolean;

export type PlainObject = Record<string, unknown>;

export const DURATION_HINT = "use milliseconds or a number with a unit: '250ms', '10s', '5m', '24h', '7d'";
export const JSONPATH_HINT = 'JSONPath follows RFC 9535, e.g. $.items[*].price';

/** An object literal as users write them: not an array, a RegExp, a Date or a function. */
export function isPlainObject(value: unknown): value is PlainObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof RegExp) &&
    !(value instanceof Date) &&
    !(value instanceof Map) &&
    !(value instanceof Set)
  );
}

/** json-p3 ends its messages with the query and an offset, which the message already shows. */
function jsonPathReason(path: string): string | undefined {
  if (path.trim() === '') return 'it is empty';
  return jsonPathError(path)?.replace(/\s*\('(?:[^'\\]|\\.)*':\d+\)$/, '');
}

interface RangeBounds {
  min?: number;
  max?: number;
}

function describeRange(kind: string, { min, max }: RangeBounds): string {
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} of at least ${min}`;
  if (max !== undefined) return `${kind} of at most ${max}`;
  return kind;
}

export class ShapeChecker {
  constructor(
    private readonly diagnostics: Diagnostics,
    /** Relative to the working directory; every diagnostic of this checker is on this file. */
    readonly file: string,
  ) {}

  error(path: string, message: string, hint?: string): false {
    this.diagnostics.error(this.file, path, message, hint);
    return false;
  }

  warning(path: string, message: string, hint?: string): void {
    this.diagnostics.warning(this.file, path, message, hint);
  }

  /** `expected <expected>, got <what came>`. */
  typeError(path: string, expected: string, value: unknown, hint?: string): false {
    return this.error(path, `expected ${expected}, got ${describeValue(value)}`, hint);
  }

  /** An object whose keys are all in `allowedKeys`; unknown keys are reported with a did-you-mean. */
  shape(value: unknown, path: string, allowedKeys: readonly string[], expected = 'an object'): PlainObject | undefined {
    if (!isPlainObject(value)) {
      this.typeError(path, expected, value);
      return undefined;
    }
    this.knownKeys(value, path, allowedKeys);
    return value;
  }

  knownKeys(value: PlainObject, path: string, allowedKeys: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (allowedKeys.includes(key)) continue;
      this.error(childPath(path, key), `unknown key ${quote(key)}`, suggestion(key, allowedKeys, { listLabel: 'known keys' }));
    }
  }

  /** Checks `owner[key]` when present; a missing required key is reported on its own path. */
  field(owner: PlainObject, path: string, key: string, check: ValueCheck, options: { required?: boolean; hint?: string } = {}): boolean {
    const value = owner[key];
    const fieldPath = childPath(path, key);
    if (value === undefined) {
      if (options.required) return this.error(fieldPath, `missing required key ${quote(key)}`, options.hint);
      return true;
    }
    return check(value, fieldPath);
  }

  readonly anything: ValueCheck = () => true;

  readonly string: ValueCheck = (value, path) => typeof value === 'string' || this.typeError(path, 'a string', value);

  readonly nonEmptyString: ValueCheck = (value, path) =>
    (typeof value === 'string' && value.trim() !== '') || this.typeError(path, 'a non-empty string', value);

  readonly boolean: ValueCheck = (value, path) => typeof value === 'boolean' || this.typeError(path, 'a boolean', value);

  readonly function: ValueCheck = (value, path) => typeof value === 'function' || this.typeError(path, 'a function', value);

  readonly finiteNumber: ValueCheck = (value, path) =>
    (typeof value === 'number' && Number.isFinite(value)) || this.typeError(path, 'a finite number', value);

  readonly duration: ValueCheck = (value, path) => isDuration(value) || this.typeError(path, 'a duration', value, DURATION_HINT);

  readonly jsonPath: ValueCheck = (value, path) => {
    if (typeof value !== 'string') return this.typeError(path, 'a JSONPath string', value, JSONPATH_HINT);
    const reason = jsonPathReason(value);
    return reason === undefined || this.error(path, `invalid JSONPath ${quote(value)}: ${reason}`, JSONPATH_HINT);
  };

  integer(bounds: RangeBounds = {}): ValueCheck {
    return (value, path) => {
      const inRange =
        typeof value === 'number' &&
        Number.isInteger(value) &&
        (bounds.min === undefined || value >= bounds.min) &&
        (bounds.max === undefined || value <= bounds.max);
      return inRange || this.typeError(path, describeRange('an integer', bounds), value);
    };
  }

  /** A member of a closed set such as `HTTP_METHODS`; the same tuple feeds the message. */
  oneOf(allowed: readonly string[], noun: string, listLabel: string): ValueCheck {
    return (value, path) => {
      if (typeof value !== 'string') return this.typeError(path, `one of ${listChoices(allowed)}`, value);
      if (allowed.includes(value)) return true;
      return this.error(path, `unknown ${noun} ${quote(value)}`, suggestion(value, allowed, { listLabel }));
    };
  }

  arrayOf(item: ValueCheck, options: { emptyMessage?: string; emptyHint?: string } = {}): ValueCheck {
    return (value, path) => {
      if (!Array.isArray(value)) return this.typeError(path, 'an array', value);
      if (value.length === 0 && options.emptyMessage) return this.error(path, options.emptyMessage, options.emptyHint);
      let ok = true;
      value.forEach((element, index) => {
        ok = item(element, childPath(path, index)) && ok;
      });
      return ok;
    };
  }

  /** An object used as a map (`headers`, `capture`): any keys, each value checked. */
  recordOf(entry: ValueCheck): ValueCheck {
    return (value, path) => {
      if (!isPlainObject(value)) return this.typeError(path, 'an object', value);
      let ok = true;
      for (const [key, element] of Object.entries(value)) ok = entry(element, childPath(path, key)) && ok;
      return ok;
    };
  }
}

/**
 * The keys of `T` as a tuple the compiler checks to be complete, so a field added to
 * definitions.ts fails the build here instead of being reported to users as unknown.
 * @example const PROBE_KEYS = keysOf<ProbeDefinition>()('name', 'steps', …);
 */
export function keysOf<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    ...keys: K & (Exclude<keyof T, K[number]> extends never ? unknown : { missingKeys: Exclude<keyof T, K[number]> })
  ): readonly string[] => keys;
}
