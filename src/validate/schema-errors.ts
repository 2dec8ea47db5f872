// ajv's errors turned into violations a person can act on: a JSONPath into the payload,
// a sentence, what was expected and what came.
import type { ErrorObject } from 'ajv/dist/2020.js';
import { formatValue, VALUE_IN_MESSAGE_MAX } from './format-value.ts';
import { followPointer, memberPath } from './path-building.ts';

export interface SchemaViolation {
  /** JSONPath in display form: `$.items[0].price`. */
  path: string;
  message: string;
  expected?: string;
  actual?: string;
}

/** More violations than this are noise: the first ones already say what broke. */
export const MAX_VIOLATIONS = 20;

/**
 * @param data the value that was validated
 * @param base the JSONPath of `data` inside the payload, so violations of one item read `$.items[3].price`
 */
export function toViolations(errors: readonly ErrorObject[], data: unknown, base = '$'): SchemaViolation[] {
  const seen = new Set<string>();
  const violations: SchemaViolation[] = [];
  for (const error of errors) {
    const violation = toViolation(error, data, base);
    const key = `${violation.path}\u0000${violation.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push(violation);
    if (violations.length === MAX_VIOLATIONS) break;
  }
  return violations;
}

function toViolation(error: ErrorObject, data: unknown, base: string): SchemaViolation {
  const at = followPointer(error.instancePath, data, base);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired': {
      const name = String(params['missingProperty']);
      return {
        path: memberPath(at.path, name),
        message: `${at.path} is missing required property '${name}'`,
        expected: 'required',
        actual: '(missing)',
      };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params['additionalProperty'] ?? params['unevaluatedProperty']);
      const extra = followPointer(`/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`, at.value, at.path);
      return {
        path: extra.path,
        message: `${at.path} has unexpected property '${name}'`,
        expected: 'no such property',
        actual: formatValue(extra.value),
      };
    }
    case 'type': {
      const types = ([] as unknown[]).concat(params['type']).join(' or ');
      return {
        path: at.path,
        message: `${at.path} must be ${types}, got ${typeWithValue(at.value)}`,
        expected: types,
        actual: formatValue(at.value),
      };
    }
    case 'enum': {
      const allowed = formatValue(params['allowedValues'], VALUE_IN_MESSAGE_MAX);
      return withGot(at, `must be one of ${allowed}`, `one of ${formatValue(params['allowedValues'])}`);
    }
    case 'const':
      return withGot(at, `must equal ${formatValue(params['allowedValue'], VALUE_IN_MESSAGE_MAX)}`, formatValue(params['allowedValue']));
    case 'format':
      return withGot(at, `must be a valid ${String(params['format'])}`, `format ${String(params['format'])}`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const bound = `${String(params['comparison'])} ${String(params['limit'])}`;
      return withGot(at, `must be ${bound}`, bound);
    }
    case 'pattern':
      return withGot(at, `must match /${String(params['pattern'])}/`, `/${String(params['pattern'])}/`);
    default:
      return withGot(at, error.message ?? `fails '${error.keyword}'`, error.message ?? error.keyword);
  }
}

function withGot(at: { path: string; value: unknown }, must: string, expected: string): SchemaViolation {
  return {
    path: at.path,
    message: `${at.path} ${must}, got ${formatValue(at.value, VALUE_IN_MESSAGE_MAX)}`,
    expected,
    actual: formatValue(at.value),
  };
}

/** `string "19.99"`, `null`, `array [1,2]` — the type named first because the type is what is wrong. */
function typeWithValue(value: unknown): string {
  if (value === null) return 'null';
  const type = Array.isArray(value) ? 'array' : typeof value;
  return `${type} ${formatValue(value, VALUE_IN_MESSAGE_MAX)}`;
}
