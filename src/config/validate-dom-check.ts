// `expect.dom` of a page step: each check's own keys and sense checks, like rules get.
import { DOM_CHECK_KINDS, SEVERITIES, type DomCheck, type DomCheckKind } from '../model/definitions.ts';
import { isPlainObject, keysOf, type PlainObject, type ShapeChecker } from './check-shape.ts';
import { childPath } from './child-path.ts';
import { selector } from './validate-selector.ts';

type CheckOf<K extends DomCheckKind> = Extract<DomCheck, { dom: K }>;

const DOM_EXAMPLE = "build DOM checks with the factories, e.g. dom.count('.rec-card', { min: 1 })";

interface DomCheckShape {
  keys: readonly string[];
  validate(value: PlainObject, path: string, check: ShapeChecker): boolean;
}

function countCheck(value: PlainObject, path: string, check: ShapeChecker): boolean {
  const bound = check.integer({ min: 0 });
  if (![check.field(value, path, 'min', bound), check.field(value, path, 'max', bound)].every(Boolean)) return false;
  const { min, max } = value as { min?: number; max?: number };
  if (min === undefined && max === undefined) return check.error(path, 'count needs min or max', "e.g. dom.count('.rec-card', { min: 1 })");
  if (min !== undefined && max !== undefined && min > max) {
    return check.error(childPath(path, 'min'), `min (${min}) is greater than max (${max})`, 'both bounds are inclusive; min must not exceed max');
  }
  return true;
}

/** `equals` (or `text`) and `pattern` with its `flags`; at most one of them, and `required` says whether one is needed. */
function expectedValue(stringKey: 'equals' | 'text', required: boolean, example: string) {
  return (value: PlainObject, path: string, check: ShapeChecker): boolean => {
    const results = [check.field(value, path, stringKey, check.string), check.field(value, path, 'pattern', check.string), check.field(value, path, 'flags', check.string)];
    if (!results.every(Boolean)) return false;
    if (value[stringKey] !== undefined && value.pattern !== undefined) {
      return check.error(path, `both '${stringKey}' and 'pattern' are set; a check compares with one`, example);
    }
    if (required && value[stringKey] === undefined && value.pattern === undefined) {
      return check.error(path, `missing '${stringKey}' or 'pattern'`, example);
    }
    if (value.pattern === undefined) return true;
    try {
      new RegExp(value.pattern as string, value.flags as string | undefined);
      return true;
    } catch (error) {
      return check.error(childPath(path, 'pattern'), `pattern does not compile: ${(error as Error).message}`, example);
    }
  };
}

const textExpected = expectedValue('equals', false, "e.g. dom.text('#cart-status', 'Added to cart') or dom.text('h1', /lamp/i)");
const unwanted = expectedValue('text', true, "e.g. dom.notContains('main', 'No recommendations')");
const attributeExpected = expectedValue('equals', false, "e.g. dom.attribute('img', 'src', /^\\/images\\//)");

const DOM_SHAPES: { [K in DomCheckKind]: DomCheckShape } = {
  count: { keys: keysOf<CheckOf<'count'>>()('dom', 'selector', 'name', 'severity', 'min', 'max'), validate: countCheck },
  text: { keys: keysOf<CheckOf<'text'>>()('dom', 'selector', 'name', 'severity', 'equals', 'pattern', 'flags'), validate: textExpected },
  visible: { keys: keysOf<CheckOf<'visible'>>()('dom', 'selector', 'name', 'severity'), validate: () => true },
  notContains: { keys: keysOf<CheckOf<'notContains'>>()('dom', 'selector', 'name', 'severity', 'text', 'pattern', 'flags'), validate: unwanted },
  attribute: {
    keys: keysOf<CheckOf<'attribute'>>()('dom', 'selector', 'name', 'severity', 'attribute', 'equals', 'pattern', 'flags'),
    validate: (value, path, check) =>
      [check.field(value, path, 'attribute', check.nonEmptyString, { required: true }), attributeExpected(value, path, check)].every(Boolean),
  },
};

export function validateDomCheck(value: unknown, path: string, check: ShapeChecker): boolean {
  if (!isPlainObject(value)) return check.typeError(path, "a DOM check such as dom.count('.rec-card', { min: 1 })", value, DOM_EXAMPLE);
  const kind = check.oneOf(DOM_CHECK_KINDS, 'DOM check', 'known DOM checks');
  if (!check.field(value, path, 'dom', kind, { required: true, hint: DOM_EXAMPLE })) return false;
  const shape = DOM_SHAPES[value.dom as DomCheckKind];
  check.knownKeys(value, path, shape.keys);
  const results = [
    check.field(value, path, 'selector', selector(check), { required: true }),
    check.field(value, path, 'name', check.nonEmptyString),
    check.field(value, path, 'severity', check.oneOf(SEVERITIES, 'severity', 'known severities')),
    shape.validate(value, path, check),
  ];
  return results.every(Boolean);
}
