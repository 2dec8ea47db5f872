// Rules about a list as a whole: sorted and unique. An empty list is sorted and unique;
// a path that selects nothing still fails.
import type { RuleContext, RuleNode } from '../model/definitions.ts';
import { canonicalJson } from './canonical-json.ts';
import { formatValue } from './format-value.ts';
import { itemKey } from './item-key.ts';
import type { RuleOf } from './rules.ts';
import { selectList } from './selection.ts';
import { describeType, howManyFailed, nothingSelected, PASS, quote, type Verdict } from './verdict.ts';

export function judgeSorted(rule: RuleOf<'sorted'>, ctx: RuleContext): Verdict {
  const order = rule.order === 'desc' ? 'descending' : 'ascending';
  const list = selectList(ctx, rule.path);
  if (!list) return nothingSelected(rule.path, `${order} order`);
  const keys = list.items.map((item) => itemKey(item, rule.by));
  const unsortable = unsortableKey(keys);
  if (unsortable) return unsortable;

  let failed = 0;
  let first: { previous: RuleNode; current: RuleNode } | undefined;
  for (let i = 1; i < keys.length; i += 1) {
    const previous = keys[i - 1]!;
    const current = keys[i]!;
    const difference = compare(current.value as number | string, previous.value as number | string);
    if (rule.order === 'desc' ? difference <= 0 : difference >= 0) continue;
    failed += 1;
    first ??= { previous, current };
  }
  if (!first) return PASS;
  const { previous, current } = first;
  const pairs = failed > 1 ? `; ${failed} of ${keys.length - 1} neighbouring pairs are out of order` : '';
  return {
    outcome: 'fail',
    message: `${current.path} is ${quote(current.value)} but ${previous.path} before it is ${quote(previous.value)}, expected ${order} order${pairs}`,
    path: current.path,
    expected: `${rule.order === 'desc' ? '<=' : '>='} ${formatValue(previous.value)}`,
    actual: formatValue(current.value),
  };
}

/** Keys must all be numbers or all strings: there is no honest order between 3 and "b". */
function unsortableKey(keys: readonly RuleNode[]): Verdict | undefined {
  const first = keys[0];
  if (!first) return undefined;
  const kind = typeof first.value;
  for (const key of keys) {
    if (typeof key.value === kind && (kind === 'number' || kind === 'string')) continue;
    const expected = kind === 'number' || kind === 'string' ? `a ${kind} like ${first.path}` : 'a number or a string';
    return {
      outcome: 'fail',
      message: `${key.path} is ${describeType(key.value)}, expected ${expected} to sort by`,
      path: key.path,
      expected: kind === 'number' || kind === 'string' ? kind : 'number or string',
      actual: formatValue(key.value),
    };
  }
  return undefined;
}

function compare(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

export function judgeUnique(rule: RuleOf<'unique'>, ctx: RuleContext): Verdict {
  const list = selectList(ctx, rule.path);
  if (!list) return nothingSelected(rule.path, 'unique');
  const firstSeen = new Map<string, string>();
  let failed = 0;
  let first: Extract<Verdict, { outcome: 'fail' }> | undefined;
  for (const item of list.items) {
    const key = itemKey(item, rule.by);
    let problem: Extract<Verdict, { outcome: 'fail' }> | undefined;
    if (key.value === undefined) {
      problem = {
        outcome: 'fail',
        message: `${key.path} is missing, expected a unique value`,
        path: key.path,
        expected: 'unique',
        actual: formatValue(undefined),
      };
    } else {
      const canonical = canonicalJson(key.value);
      const earlier = firstSeen.get(canonical);
      if (earlier === undefined) firstSeen.set(canonical, key.path);
      else {
        problem = {
          outcome: 'fail',
          message: `${key.path} repeats ${quote(key.value)} (first at ${earlier})`,
          path: key.path,
          expected: 'unique',
          actual: formatValue(key.value),
        };
      }
    }
    if (!problem) continue;
    failed += 1;
    first ??= problem;
  }
  if (!first) return PASS;
  return { ...first, message: first.message + howManyFailed(failed, list.items.length) };
}
