// `page` steps: the visit (path, waits, actions), what is expected of the page, and what is
// read from it.
import { DOM_MEASURE_KINDS, MEASURE_KINDS, PAGE_WAIT_UNTIL, type DomCapture, type DomMeasure, type DomMeasureKind, type PageStep, type PageVisit } from '../model/definitions.ts';
import { isPlainObject, keysOf, type ShapeChecker, type ValueCheck } from './check-shape.ts';
import { childPath } from './child-path.ts';
import { quote } from './describe-value.ts';
import type { StepKind } from './step-kind.ts';
import { validatePageAction } from './validate-page-actions.ts';
import { validatePageExpectations } from './validate-page-expectations.ts';
import { selector } from './validate-selector.ts';
import { VARIABLE_NAME } from '../steps/template.ts';

export const PAGE_STEP_KEYS = keysOf<PageStep>()('name', 'page', 'expect', 'measures', 'capture', 'soft');

export const PAGE_VISIT_KEYS = keysOf<PageVisit>()('path', 'waitUntil', 'waitFor', 'timeout', 'actions');

const DOM_CAPTURE_KEYS = keysOf<DomCapture>()('selector', 'attribute');
const DOM_COUNT_KEYS = keysOf<Extract<DomMeasure, { measure: 'domCount' }>>()('measure', 'selector');
const DOM_VALUE_KEYS = keysOf<Extract<DomMeasure, { measure: 'domValue' }>>()('measure', 'selector', 'attribute');

const PATH_HINT = "the path on the target, e.g. path: '/products/p-1001'";
const MEASURE_EXAMPLE = "e.g. measures: { recommendationCards: measure.domCount('.rec-card') }";


export const PAGE_STEP: StepKind = {
  key: 'page',
  keys: PAGE_STEP_KEYS,
  example: "a page step: { name: 'product page', page: { path: '/products/p-1001' } }",
  validate(step, path, context) {
    const { check } = context;
    const results = [
      check.field(step, path, 'page', visit(check)),
      check.field(step, path, 'expect', (value, expectPath) => validatePageExpectations(value, expectPath, context)),
      check.field(step, path, 'measures', domMeasures(check)),
      check.field(step, path, 'capture', domCaptures(check)),
    ];
    return results.every(Boolean);
  },
};

function visit(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    const page = check.shape(value, path, PAGE_VISIT_KEYS, "a visit such as { path: '/products/p-1001' }");
    if (!page) return false;
    const results = [
      check.field(page, path, 'path', check.nonEmptyString, { required: true, hint: PATH_HINT }),
      check.field(page, path, 'waitUntil', check.oneOf(PAGE_WAIT_UNTIL, 'waitUntil value', 'known values')),
      check.field(page, path, 'waitFor', selector(check)),
      check.field(page, path, 'timeout', check.duration),
      check.field(page, path, 'actions', check.arrayOf((action, actionPath) => validatePageAction(action, actionPath, check))),
    ];
    return results.every(Boolean);
  };
}

function domMeasures(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    if (!isPlainObject(value)) return check.typeError(path, 'an object of measure names to DOM measures', value, MEASURE_EXAMPLE);
    let ok = true;
    for (const [name, measure] of Object.entries(value)) ok = domMeasure(measure, childPath(path, name), check) && ok;
    return ok;
  };
}

function domMeasure(value: unknown, path: string, check: ShapeChecker): boolean {
  if (!isPlainObject(value)) return check.typeError(path, "a DOM measure such as measure.domCount('.rec-card')", value, MEASURE_EXAMPLE);
  const kind = value.measure;
  if (typeof kind === 'string' && (MEASURE_KINDS as readonly string[]).includes(kind)) {
    return check.error(
      childPath(path, 'measure'),
      `measure.${kind} reads a JSON payload, and a page step has none of its own`,
      "read the page with measure.domCount(selector) or measure.domValue(selector), or put it in the measures of one of expect.responses",
    );
  }
  const kindOk = check.field(value, path, 'measure', check.oneOf(DOM_MEASURE_KINDS, 'DOM measure kind', 'known DOM measure kinds'), {
    required: true,
    hint: "build DOM measures with the factories, e.g. measure.domCount('.rec-card')",
  });
  if (!kindOk) return false;
  const domKind = kind as DomMeasureKind;
  check.knownKeys(value, path, domKind === 'domCount' ? DOM_COUNT_KEYS : DOM_VALUE_KEYS);
  const results = [check.field(value, path, 'selector', selector(check), { required: true })];
  if (domKind === 'domValue') results.push(check.field(value, path, 'attribute', check.nonEmptyString));
  return results.every(Boolean);
}

function domCaptures(check: ShapeChecker): ValueCheck {
  const entry: ValueCheck = (value, path) => {
    if (typeof value === 'string') return selector(check)(value, path);
    const capture = check.shape(value, path, DOM_CAPTURE_KEYS, "a selector, or { selector, attribute }");
    if (!capture) return false;
    return [
      check.field(capture, path, 'selector', selector(check), { required: true }),
      check.field(capture, path, 'attribute', check.nonEmptyString),
    ].every(Boolean);
  };
  return (value, path) => {
    if (!isPlainObject(value)) return check.typeError(path, 'an object of variable names to selectors', value, "e.g. capture: { productName: 'h1.product-name' }");
    let ok = true;
    for (const [name, item] of Object.entries(value)) {
      const itemPath = childPath(path, name);
      ok = entry(item, itemPath) && ok;
      if (!VARIABLE_NAME.test(name)) ok = check.error(itemPath, `capture name ${quote(name)} cannot be used as a {{variable}}`, 'use letters, digits, _, . and -') && ok;
    }
    return ok;
  };
}
