// Default rule names. They become report lines and metric labels, so they are short,
// stable for the same rule, and say what is checked.
import { formatMilliseconds, toMilliseconds } from '../config/duration.ts';
import type { Rule } from '../model/definitions.ts';
import { countBoundsShort, rangeComparisons } from './bounds.ts';
import { formatValue } from './format-value.ts';
import { agreementText } from './judge-agree.ts';

const VALUE_IN_NAME_MAX = 60;

/** The rule's own name, or one built from it: `nonEmpty $.items`, `count $.items [1..10]`, `range $.items[*].price (>0)`. */
export function ruleName(rule: Rule): string {
  if (rule.name) return rule.name;
  if (rule.rule === 'agree') return agreementText(rule);
  return joinWords(rule.rule, 'path' in rule ? rule.path : undefined, detail(rule));
}

function detail(rule: Rule): string | undefined {
  switch (rule.rule) {
    case 'count':
      return countBoundsShort(rule);
    case 'unique':
      return rule.by ? `by ${rule.by}` : undefined;
    case 'every':
      return everyDetail(rule);
    case 'range':
      return `(${rangeComparisons(rule).map((c) => c.replace(' ', '')).join(' ')})`;
    case 'pattern':
      return `/${rule.pattern}/${rule.flags ?? ''}`;
    case 'fresh':
      return `(${maxAgeText(rule.maxAge)})`;
    case 'sorted':
      return joinWords(rule.by ? `by ${rule.by}` : undefined, rule.order === 'desc' ? 'desc' : undefined);
    case 'oneOf':
      return formatValue(rule.values, VALUE_IN_NAME_MAX);
    case 'equals':
      return formatValue(rule.value, VALUE_IN_NAME_MAX);
    case 'agree':
    case 'nonEmpty':
    case 'present':
    case 'notNull':
    case 'custom':
      return undefined;
  }
}

function everyDetail(rule: Extract<Rule, { rule: 'every' }>): string | undefined {
  if (rule.description) return rule.description;
  if (rule.schema !== undefined) return `matches ${typeof rule.schema === 'string' ? rule.schema : 'inline schema'}`;
  return rule.predicate?.name ? `satisfies ${rule.predicate.name}` : undefined;
}

function joinWords(...words: Array<string | undefined>): string {
  return words.filter((word) => word !== undefined && word !== '').join(' ');
}

/** `24h` as written; a number of milliseconds as a duration. Names and messages show the limit alike. */
export function maxAgeText(maxAge: Extract<Rule, { rule: 'fresh' }>['maxAge']): string {
  const ms = toMilliseconds(maxAge);
  return typeof maxAge === 'string' || ms === undefined ? String(maxAge) : formatMilliseconds(ms);
}
