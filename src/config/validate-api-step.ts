// `api` steps: the request, what is expected of the response, and what is taken from it.
import { HTTP_METHODS, type ApiRequest, type ApiStep } from '../model/definitions.ts';
import { isPlainObject, keysOf, type ShapeChecker, type ValueCheck } from './check-shape.ts';
import { templatedValue } from './check-templated.ts';
import { childPath } from './child-path.ts';
import { quote } from './describe-value.ts';
import type { StepKind } from './step-kind.ts';
import { validateExpectations } from './validate-expectations.ts';
import { validateMeasures } from './validate-measure.ts';
import { VARIABLE_NAME } from '../steps/template.ts';

export const API_STEP_KEYS = keysOf<ApiStep>()('name', 'api', 'expect', 'capture', 'measures', 'soft');

export const API_REQUEST_KEYS = keysOf<ApiRequest>()(
  'method',
  'path',
  'query',
  'headers',
  'body',
  'timeout',
  'maxBodyBytes',
  'maxRedirects',
);

const PATH_HINT = "the path on the target, e.g. path: '/api/recommendations'";


export const API_STEP: StepKind = {
  key: 'api',
  keys: API_STEP_KEYS,
  example: "an API step: { name: 'recommendations', api: { path: '/api/recommendations' } }",
  validate(step, path, context) {
    const { check } = context;
    const results = [
      check.field(step, path, 'api', request(check)),
      check.field(step, path, 'expect', (value, expectPath) => validateExpectations(value, expectPath, context)),
      check.field(step, path, 'capture', captures(check)),
      check.field(step, path, 'measures', (value, measuresPath) => validateMeasures(value, measuresPath, check)),
    ];
    return results.every(Boolean);
  },
};

function request(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    const api = check.shape(value, path, API_REQUEST_KEYS, "a request such as { path: '/api/items' }");
    if (!api) return false;
    const results = [
      check.field(api, path, 'method', check.oneOf(HTTP_METHODS, 'HTTP method', 'HTTP methods')),
      check.field(api, path, 'path', check.nonEmptyString, { required: true, hint: PATH_HINT }),
      check.field(api, path, 'query', check.recordOf(templatedValue(check))),
      check.field(api, path, 'headers', check.recordOf(templatedValue(check))),
      check.field(api, path, 'timeout', check.duration),
      check.field(api, path, 'maxBodyBytes', check.integer({ min: 1 })),
      check.field(api, path, 'maxRedirects', check.integer({ min: 0 })),
    ];
    return results.every(Boolean);
  };
}

export function captures(check: ShapeChecker): ValueCheck {
  const paths = check.recordOf(check.jsonPath);
  return (value, path) => {
    let ok = paths(value, path);
    if (!isPlainObject(value)) return false;
    for (const name of Object.keys(value)) {
      if (VARIABLE_NAME.test(name)) continue;
      const message = `capture name ${quote(name)} cannot be used as a {{variable}}`;
      ok = check.error(childPath(path, name), message, 'use letters, digits, _, . and -') && ok;
    }
    return ok;
  };
}
