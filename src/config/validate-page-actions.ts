// `page.actions`: the flow on a page, one action per object, its kind given by its key
// (`{ click: '#add-to-cart' }`), like steps are by `api` or `page`.
import { PAGE_ACTION_KINDS, WAIT_STATES, type PageAction, type PageActionKind } from '../model/definitions.ts';
import { isPlainObject, keysOf, type PlainObject, type ShapeChecker } from './check-shape.ts';
import { templatedValue } from './check-templated.ts';
import { listChoices } from './describe-value.ts';
import { selector } from './validate-selector.ts';

type ActionOf<K extends PageActionKind> = Extract<PageAction, Record<K, string>>;

const ACTION_EXAMPLE = "e.g. { click: '#add-to-cart' } or { fill: '#search-input', value: 'lamp' }";

const ACTION_KEYS: { [K in PageActionKind]: readonly string[] } = {
  click: keysOf<ActionOf<'click'>>()('click', 'timeout'),
  fill: keysOf<ActionOf<'fill'>>()('fill', 'value', 'timeout'),
  press: keysOf<ActionOf<'press'>>()('press', 'key', 'timeout'),
  waitFor: keysOf<ActionOf<'waitFor'>>()('waitFor', 'state', 'timeout'),
};

export function validatePageAction(value: unknown, path: string, check: ShapeChecker): boolean {
  if (!isPlainObject(value)) return check.typeError(path, 'an action object', value, ACTION_EXAMPLE);
  const kinds = PAGE_ACTION_KINDS.filter((kind) => kind in value);
  if (kinds.length === 0) {
    check.knownKeys(value, path, [...new Set(Object.values(ACTION_KEYS).flat())]);
    return check.error(path, `action has no kind: expected one of the keys ${listChoices(PAGE_ACTION_KINDS)}`, ACTION_EXAMPLE);
  }
  if (kinds.length > 1) {
    return check.error(path, `action has several kinds (${listChoices(kinds)}); an action does one thing`, 'split it into one action per kind');
  }
  const kind = kinds[0]!;
  check.knownKeys(value, path, ACTION_KEYS[kind]);
  const results = [check.field(value, path, kind, selector(check)), check.field(value, path, 'timeout', check.duration), ...kindFields(kind, value, path, check)];
  return results.every(Boolean);
}

function kindFields(kind: PageActionKind, action: PlainObject, path: string, check: ShapeChecker): boolean[] {
  switch (kind) {
    case 'fill':
      return [check.field(action, path, 'value', templatedValue(check), { required: true, hint: "e.g. { fill: '#search-input', value: 'lamp' }" })];
    case 'press':
      return [check.field(action, path, 'key', check.nonEmptyString, { required: true, hint: "a key such as 'Enter', 'ArrowDown' or 'Control+A'" })];
    case 'waitFor':
      return [check.field(action, path, 'state', check.oneOf(WAIT_STATES, 'state', 'known states'))];
    case 'click':
      return [];
  }
}
