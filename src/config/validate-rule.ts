// Rule objects: each kind has its own keys and its own sense checks, so a rule that can
// never pass (a count without bounds, a range that holds no number) is caught at load.
import { AGREE_OPERATORS, RULE_KINDS, SEVERITIES, type Rule, type RuleKind } from '../model/definitions.ts';
import { isPlainObject, keysOf, type PlainObject, type ShapeChecker, type ValueCheck } from './check-shape.ts';
import { childPath } from './child-path.ts';
import { describeValue } from './describe-value.ts';
import type { ProbeCheckContext } from './probe-context.ts';
import { schemaReference } from './validate-expectations.ts';

type RuleOf<K extends RuleKind> = Extract<Rule, { rule: K }>;

interface RuleShape {
  keys: readonly string[];
  /** Checks beyond the common `rule`, `name` and `severity`. */
  validate(rule: PlainObject, path: string, context: ProbeCheckContext): boolean;
}

const SORT_ORDERS = ['asc', 'desc'] as const satisfies readonly NonNullable<RuleOf<'sorted'>['order']>[];

const RULE_EXAMPLE = "build rules with the factories, e.g. nonEmpty('$.items')";

/** The key compared by `unique` and `sorted`: a JSONPath relative to each item, or a property name. */
function itemKey(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    if (!check.nonEmptyString(value, path)) return false;
    return !(value as string).startsWith('$') || check.jsonPath(value, path);
  };
}

function requiredPath(rule: PlainObject, path: string, { check }: ProbeCheckContext): boolean {
  return check.field(rule, path, 'path', check.jsonPath, { required: true });
}

function countRule(rule: PlainObject, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  const bound = check.integer({ min: 0 });
  const pathOk = requiredPath(rule, path, context);
  if (![check.field(rule, path, 'min', bound), check.field(rule, path, 'max', bound)].every(Boolean)) return false;
  const { min, max } = rule as { min?: number; max?: number };
  if (min === undefined && max === undefined) {
    return check.error(path, 'count needs min or max', "e.g. count('$.items', { min: 1, max: 10 })");
  }
  if (min !== undefined && max !== undefined && min > max) {
    const message = `min (${min}) is greater than max (${max})`;
    return check.error(childPath(path, 'min'), message, 'both bounds are inclusive; min must not exceed max');
  }
  return pathOk;
}

type Bound = { value: number; inclusive: boolean; text: string };

function rangeRule(rule: PlainObject, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  const boundKeys = ['min', 'max', 'above', 'below'] as const;
  const pathOk = requiredPath(rule, path, context);
  if (!boundKeys.map((key) => check.field(rule, path, key, check.finiteNumber)).every(Boolean)) return false;
  const { min, max, above, below } = rule as { min?: number; max?: number; above?: number; below?: number };
  if ([min, max, above, below].every((bound) => bound === undefined)) {
    return check.error(path, 'range needs at least one bound: min, max, above or below', "e.g. range('$.items[*].price', { above: 0 })");
  }
  const lower: Bound[] = [];
  const upper: Bound[] = [];
  if (min !== undefined) lower.push({ value: min, inclusive: true, text: `>= ${min}` });
  if (above !== undefined) lower.push({ value: above, inclusive: false, text: `> ${above}` });
  if (max !== undefined) upper.push({ value: max, inclusive: true, text: `<= ${max}` });
  if (below !== undefined) upper.push({ value: below, inclusive: false, text: `< ${below}` });
  for (const low of lower) {
    for (const high of upper) {
      const empty = low.value > high.value || (low.value === high.value && !(low.inclusive && high.inclusive));
      if (!empty) continue;
      const message = `no number is ${low.text} and ${high.text}`;
      return check.error(path, message, 'min and above are lower bounds, max and below upper bounds');
    }
  }
  return pathOk;
}

function patternRule(rule: PlainObject, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  const pathOk = requiredPath(rule, path, context);
  const patternOk = [check.field(rule, path, 'pattern', check.string, { required: true }), check.field(rule, path, 'flags', check.string)];
  if (!patternOk.every(Boolean)) return false;
  try {
    new RegExp(rule.pattern as string, rule.flags as string | undefined);
    return pathOk;
  } catch (error) {
    const message = `pattern does not compile: ${(error as Error).message}`;
    return check.error(childPath(path, 'pattern'), message, "e.g. pattern('$.items[*].sku', /^P-\\d{4}$/)");
  }
}

function everyRule(rule: PlainObject, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  const results = [
    requiredPath(rule, path, context),
    check.field(rule, path, 'predicate', check.function),
    check.field(rule, path, 'schema', schemaReference(context)),
    check.field(rule, path, 'description', check.string),
  ];
  if (rule.predicate === undefined && rule.schema === undefined) {
    return check.error(path, 'every needs a predicate function or a schema', "e.g. every('$.items', { schema: 'product.schema.json' })");
  }
  return results.every(Boolean);
}

function uniqueRule(rule: PlainObject, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  return [requiredPath(rule, path, context), check.field(rule, path, 'by', itemKey(check))].every(Boolean);
}

function freshRule(rule: PlainObject, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  const maxAge = check.field(rule, path, 'maxAge', check.duration, { required: true, hint: "e.g. fresh('$.generatedAt', '24h')" });
  return [requiredPath(rule, path, context), maxAge].every(Boolean);
}

function sortedRule(rule: PlainObject, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  return [
    requiredPath(rule, path, context),
    check.field(rule, path, 'by', itemKey(check)),
    check.field(rule, path, 'order', check.oneOf(SORT_ORDERS, 'order', 'known orders')),
  ].every(Boolean);
}

function oneOfRule(rule: PlainObject, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  const values = check.arrayOf(check.anything, { emptyMessage: 'expected at least one value, got an empty array' });
  return [requiredPath(rule, path, context), check.field(rule, path, 'values', values, { required: true })].every(Boolean);
}

function equalsRule(rule: PlainObject, path: string, context: ProbeCheckContext): boolean {
  // `value: undefined` is still something to compare with, so only a missing key is wrong.
  const hasValue = 'value' in rule || context.check.error(childPath(path, 'value'), "missing required key 'value'");
  return [requiredPath(rule, path, context), hasValue].every(Boolean);
}

function customRule(rule: PlainObject, path: string, { check }: ProbeCheckContext): boolean {
  // The name's type is checked with every rule's; a custom rule has no default name to fall back on.
  const hasName =
    rule.name !== undefined ||
    check.error(childPath(path, 'name'), "missing required key 'name'", "e.g. custom('total matches items', (ctx) => …)");
  const checkOk = check.field(rule, path, 'check', check.function, { required: true });
  return [hasName, checkOk, check.field(rule, path, 'path', check.jsonPath)].every(Boolean);
}

const AGREE_EXAMPLE = "e.g. agree('recommendationCards', '==', 'recommendations')";

function agreeSide(check: ShapeChecker): ValueCheck {
  return (value, path) =>
    (typeof value === 'string' && value.trim() !== '') ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    check.typeError(path, 'a measure name or a number', value, AGREE_EXAMPLE);
}

/** Operators are too short for a did-you-mean: one character off is a different comparison. */
function agreeOperator(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    if ((AGREE_OPERATORS as readonly unknown[]).includes(value)) return true;
    const message = typeof value === 'string' ? `unknown operator ${describeValue(value).replace(/^a string \((.*)\)$/, '$1')}` : `expected an operator, got ${describeValue(value)}`;
    return check.error(path, message, `known operators: ${AGREE_OPERATORS.join(', ')}`);
  };
}

function agreeRule(rule: PlainObject, path: string, { check }: ProbeCheckContext): boolean {
  const results = [
    check.field(rule, path, 'left', agreeSide(check), { required: true, hint: AGREE_EXAMPLE }),
    check.field(rule, path, 'op', agreeOperator(check), { required: true, hint: AGREE_EXAMPLE }),
    check.field(rule, path, 'right', agreeSide(check), { required: true, hint: AGREE_EXAMPLE }),
    check.field(rule, path, 'cap', check.finiteNumber),
  ];
  if (!results.every(Boolean)) return false;
  if (typeof rule.left === 'number' && typeof rule.right === 'number') {
    return check.error(path, 'agree compares measures, but both sides are numbers', `name a measure on at least one side, ${AGREE_EXAMPLE}`);
  }
  return true;
}

const RULE_SHAPES: { [K in RuleKind]: RuleShape } = {
  nonEmpty: { keys: keysOf<RuleOf<'nonEmpty'>>()('rule', 'name', 'severity', 'path'), validate: requiredPath },
  count: { keys: keysOf<RuleOf<'count'>>()('rule', 'name', 'severity', 'path', 'min', 'max'), validate: countRule },
  unique: { keys: keysOf<RuleOf<'unique'>>()('rule', 'name', 'severity', 'path', 'by'), validate: uniqueRule },
  every: { keys: keysOf<RuleOf<'every'>>()('rule', 'name', 'severity', 'path', 'predicate', 'schema', 'description'), validate: everyRule },
  present: { keys: keysOf<RuleOf<'present'>>()('rule', 'name', 'severity', 'path'), validate: requiredPath },
  notNull: { keys: keysOf<RuleOf<'notNull'>>()('rule', 'name', 'severity', 'path'), validate: requiredPath },
  range: { keys: keysOf<RuleOf<'range'>>()('rule', 'name', 'severity', 'path', 'min', 'max', 'above', 'below'), validate: rangeRule },
  pattern: { keys: keysOf<RuleOf<'pattern'>>()('rule', 'name', 'severity', 'path', 'pattern', 'flags'), validate: patternRule },
  fresh: { keys: keysOf<RuleOf<'fresh'>>()('rule', 'name', 'severity', 'path', 'maxAge'), validate: freshRule },
  sorted: { keys: keysOf<RuleOf<'sorted'>>()('rule', 'name', 'severity', 'path', 'by', 'order'), validate: sortedRule },
  oneOf: { keys: keysOf<RuleOf<'oneOf'>>()('rule', 'name', 'severity', 'path', 'values'), validate: oneOfRule },
  equals: { keys: keysOf<RuleOf<'equals'>>()('rule', 'name', 'severity', 'path', 'value'), validate: equalsRule },
  agree: { keys: keysOf<RuleOf<'agree'>>()('rule', 'name', 'severity', 'left', 'op', 'right', 'cap'), validate: agreeRule },
  custom: { keys: keysOf<RuleOf<'custom'>>()('rule', 'name', 'severity', 'path', 'check'), validate: customRule },
};

export function validateRule(value: unknown, path: string, context: ProbeCheckContext): boolean {
  const { check } = context;
  if (!isPlainObject(value)) return check.typeError(path, "a rule such as nonEmpty('$.items')", value, RULE_EXAMPLE);
  const kind = check.oneOf(RULE_KINDS, 'rule kind', 'known rule kinds');
  if (!check.field(value, path, 'rule', kind, { required: true, hint: RULE_EXAMPLE })) return false;
  const shape = RULE_SHAPES[value.rule as RuleKind];
  check.knownKeys(value, path, shape.keys);
  const results = [
    check.field(value, path, 'name', check.nonEmptyString),
    check.field(value, path, 'severity', check.oneOf(SEVERITIES, 'severity', 'known severities')),
    shape.validate(value, path, context),
  ];
  return results.every(Boolean);
}
