// Rules about how much came back: count and nonEmpty — the rules that catch "200 OK, []".
import type { RuleContext } from '../model/definitions.ts';
import { countBoundsText, countWithinBounds } from './bounds.ts';
import { formatValue } from './format-value.ts';
import { judgeNodes } from './judge-each-value.ts';
import type { RuleOf } from './rules.ts';
import { emptyWildcardParent, selectList } from './selection.ts';
import { nothingSelected, PASS, quote, type Verdict } from './verdict.ts';
import { plural } from '../text/plural.ts';

/** Count semantics are `selectList`'s: one selected array counts its elements. */
export function judgeCount(rule: RuleOf<'count'>, ctx: RuleContext): Verdict {
  const bounds = countBoundsText(rule);
  const list = selectList(ctx, rule.path);
  if (!list) return nothingSelected(rule.path, bounds);
  const n = list.items.length;
  if (countWithinBounds(n, rule)) return PASS;
  const message = list.container
    ? `${list.container.path} has ${plural(n, 'item')}, expected ${bounds}`
    : `${rule.path} selected ${plural(n, 'value')}, expected ${bounds}`;
  return { outcome: 'fail', message, path: list.container?.path ?? rule.path, expected: bounds, actual: String(n) };
}

/**
 * Every selected value must be non-empty: not `[]`, `''`, `{}` or `null`. A wildcard over
 * an empty array reports the array, so `$.items` and `$.items[*]` fail alike on `[]`.
 */
export function judgeNonEmpty(rule: RuleOf<'nonEmpty'>, ctx: RuleContext): Verdict {
  const nodes = ctx.query(rule.path);
  if (nodes.length === 0) {
    const parent = emptyWildcardParent(ctx, rule.path);
    if (!parent) return nothingSelected(rule.path, 'non-empty');
    return judgeNodes([parent], emptinessProblem);
  }
  return judgeNodes(nodes, emptinessProblem);
}

function emptinessProblem({ path, value }: { path: string; value: unknown }) {
  if (!isEmpty(value)) return undefined;
  return {
    message: `expected a non-empty ${kindOf(value)} at ${path}, got ${quote(value)}`,
    expected: 'non-empty',
    actual: formatValue(value),
  };
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return 'string';
  if (value !== null && typeof value === 'object') return 'object';
  return 'value';
}
