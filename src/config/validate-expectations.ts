// `expect` of an API step: status, headers, content type, schema, rules, latency.
import type { ApiExpectations } from '../model/definitions.ts';
import { isPlainObject, keysOf, type ShapeChecker, type ValueCheck } from './check-shape.ts';
import type { ProbeCheckContext } from './probe-context.ts';
import { validateRule } from './validate-rule.ts';

export const EXPECT_KEYS = keysOf<ApiExpectations>()('status', 'headers', 'contentType', 'schema', 'rules', 'latency');

const STATUS_CLASS = /^[1-5]xx$/;
const STATUS_EXPECTED = "an HTTP status from 100 to 599, an array of them, or a class such as '2xx'";
const STATUS_HINT = "e.g. status: 200, status: [200, 304] or status: '2xx'";

export function validateExpectations(value: unknown, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  const expect = check.shape(value, path, EXPECT_KEYS);
  if (!expect) return false;
  const results = [
    check.field(expect, path, 'status', statusExpectation(check)),
    check.field(expect, path, 'headers', check.recordOf(headerExpectation(check))),
    check.field(expect, path, 'contentType', check.nonEmptyString),
    check.field(expect, path, 'schema', schemaReference(context)),
    check.field(expect, path, 'rules', check.arrayOf((rule, rulePath) => validateRule(rule, rulePath, context))),
    check.field(expect, path, 'latency', check.duration),
  ];
  return results.every(Boolean);
}

function isStatusCode(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

export function statusExpectation(check: ShapeChecker): ValueCheck {
  const codes = check.arrayOf((code, path) => isStatusCode(code) || check.typeError(path, 'an HTTP status from 100 to 599', code), {
    emptyMessage: 'expected at least one status, got an empty array',
    emptyHint: STATUS_HINT,
  });
  return (value, path) => {
    if (Array.isArray(value)) return codes(value, path);
    if (isStatusCode(value) || (typeof value === 'string' && STATUS_CLASS.test(value))) return true;
    return check.typeError(path, STATUS_EXPECTED, value, STATUS_HINT);
  };
}

function headerExpectation(check: ShapeChecker): ValueCheck {
  return (value, path) => typeof value === 'string' || value instanceof RegExp || check.typeError(path, 'a string or a RegExp', value);
}

/** A schema file name, `$id` or inline schema; whether it resolves is known once the schemas folder is loaded. */
export function schemaReference(context: ProbeCheckContext): ValueCheck {
  const { check } = context;
  return (value, path) => {
    if (!(typeof value === 'string' && value.trim() !== '') && !isPlainObject(value)) {
      const expected = 'a schema file name, a $id or an inline JSON Schema object';
      return check.typeError(path, expected, value, "e.g. schema: 'recommendations.schema.json'");
    }
    context.schemaUses.push({ ref: value, file: check.file, path });
    return true;
  };
}
