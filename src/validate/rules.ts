// The rule factories users call in probes. Each returns a plain object, never a class
// instance: probe files may load their own copy of this module, and a plain object reads
// the same from either copy.
import type {
  AgreeOperator,
  CustomRuleVerdict,
  Duration,
  ItemPredicate,
  Rule,
  RuleContext,
  RuleKind,
  Severity,
} from '../model/definitions.ts';

export { ruleName } from './rule-name.ts';

/** The rule object a factory builds, e.g. `RuleOf<'count'>` has `min` and `max`. */
export type RuleOf<K extends RuleKind> = Extract<Rule, { rule: K }>;

export interface RuleOptions {
  /**
   * Appears in reports and metric labels; default: the rule and its path.
   * @example nonEmpty('$.items', { name: 'recommendations present' })
   */
  name?: string;
  /**
   * `warn` reports a broken rule without failing the run. Default `fail`.
   * @example range('$.items[*].discount', { max: 0.5 }, { severity: 'warn' })
   */
  severity?: Severity;
}

export interface CountBounds {
  /** Inclusive. */
  min?: number;
  /** Inclusive. */
  max?: number;
}

export interface UniqueOptions {
  /** The key compared: a JSONPath relative to each item (`'$.id'`) or a property name (`'id'`). */
  by?: string;
}

export interface SortedOptions {
  /** The key sorted by: a JSONPath relative to each item (`'$.price'`) or a property name (`'price'`). */
  by?: string;
  /** Default `asc`. */
  order?: 'asc' | 'desc';
}

export interface RangeBounds {
  /** Inclusive lower bound. */
  min?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Exclusive lower bound: `above: 0` means `> 0`. */
  above?: number;
  /** Exclusive upper bound. */
  below?: number;
}

export interface SchemaReference {
  /** A file name in the schemas folder, its `$id`, or an inline JSON Schema. */
  schema: string | object;
}

export interface EveryOptions extends RuleOptions {
  /** Says what the predicate checks; used in the default name and in failure messages. */
  description?: string;
}

export interface CustomRuleOptions {
  severity?: Severity;
  /** The JSONPath the rule is about, shown where a failure is. */
  path?: string;
}

/**
 * The value is not empty: not `[]`, `''`, `{}` or `null` — every selected value, when the path selects several.
 * @example nonEmpty('$.items')
 */
export function nonEmpty(path: string, options?: RuleOptions): RuleOf<'nonEmpty'> {
  return withOptions({ rule: 'nonEmpty', path }, options);
}

/**
 * How many items there are, inclusive bounds. One selected array counts its elements;
 * otherwise the selected nodes are counted, so `'$.items'` and `'$.items[*]'` agree.
 * @example count('$.items', { min: 1, max: 10 })
 */
export function count(path: string, bounds: CountBounds, options?: RuleOptions): RuleOf<'count'> {
  return withOptions({ rule: 'count', path, ...definedOnly({ min: bounds.min, max: bounds.max }) }, options);
}

/**
 * No two items are equal (deeply), or no two have the same key.
 * @example unique('$.items', { by: 'id' })
 */
export function unique(path: string, by: UniqueOptions = {}, options?: RuleOptions): RuleOf<'unique'> {
  return withOptions({ rule: 'unique', path, ...definedOnly({ by: by.by }) }, options);
}

/**
 * Every item satisfies a predicate, or validates against a JSON Schema.
 * A predicate returns `false` or a message to fail.
 * @example every('$.items', (item) => (item as { stock: number }).stock >= 0 || 'negative stock')
 * @example every('$.items', { schema: 'product.schema.json' })
 */
export function every(
  path: string,
  check: ItemPredicate | SchemaReference,
  options?: EveryOptions,
): RuleOf<'every'> {
  const judged = typeof check === 'function' ? { predicate: check } : { schema: check.schema };
  const { description, ...rest } = options ?? {};
  return withOptions({ rule: 'every', path, ...judged, ...definedOnly({ description }) }, rest);
}

/**
 * The path selects something (the value may be `null`).
 * @example present('$.userId')
 */
export function present(path: string, options?: RuleOptions): RuleOf<'present'> {
  return withOptions({ rule: 'present', path }, options);
}

/**
 * Every selected value is not `null`; selecting nothing fails too.
 * @example notNull('$.items[*].id')
 */
export function notNull(path: string, options?: RuleOptions): RuleOf<'notNull'> {
  return withOptions({ rule: 'notNull', path }, options);
}

/**
 * Every selected value is a number within the bounds.
 * @example range('$.items[*].price', { above: 0 })
 */
export function range(path: string, bounds: RangeBounds, options?: RuleOptions): RuleOf<'range'> {
  const { min, max, above, below } = bounds;
  return withOptions({ rule: 'range', path, ...definedOnly({ min, max, above, below }) }, options);
}

/**
 * Every selected value is a string matching the pattern.
 * @example pattern('$.items[*].sku', /^P-\d{4}$/)
 */
export function pattern(path: string, regex: RegExp | string, options?: RuleOptions): RuleOf<'pattern'> {
  const source = typeof regex === 'string' ? regex : regex.source;
  const flags = typeof regex === 'string' ? undefined : regex.flags || undefined;
  return withOptions({ rule: 'pattern', path, pattern: source, ...definedOnly({ flags }) }, options);
}

/**
 * Every selected timestamp (ISO-8601, or epoch seconds/milliseconds) is at most `maxAge` old.
 * @example fresh('$.generatedAt', '24h')
 */
export function fresh(path: string, maxAge: Duration, options?: RuleOptions): RuleOf<'fresh'> {
  return withOptions({ rule: 'fresh', path, maxAge }, options);
}

/**
 * The items are in order: numbers numerically, strings by `localeCompare`.
 * @example sorted('$.items', { by: 'price', order: 'desc' })
 */
export function sorted(path: string, by: SortedOptions = {}, options?: RuleOptions): RuleOf<'sorted'> {
  return withOptions({ rule: 'sorted', path, ...definedOnly({ by: by.by, order: by.order }) }, options);
}

/**
 * Every selected value equals (deeply) one of the values.
 * @example oneOf('$.currency', ['EUR', 'USD'])
 */
export function oneOf(path: string, values: readonly unknown[], options?: RuleOptions): RuleOf<'oneOf'> {
  return withOptions({ rule: 'oneOf', path, values }, options);
}

/**
 * Every selected value equals (deeply) the value. A string may hold `{{variable}}` placeholders;
 * a string that is only one placeholder compares with the variable's own value and type.
 * @example equals('$.userId', '{{userId}}')
 */
export function equals(path: string, value: unknown, options?: RuleOptions): RuleOf<'equals'> {
  return withOptions({ rule: 'equals', path, value }, options);
}

export interface AgreeOptions extends RuleOptions {
  /**
   * Compare with the right side capped at this number, `min(right, cap)`: a widget that shows
   * at most 8 items agrees with `{ cap: 8 }`, and `'>=', …, { cap: 1 }` says "if the API
   * returned anything, the page shows something".
   */
  cap?: number;
}

/**
 * Two measures of the run agree: taken by this step or an earlier one, from an API response,
 * a page's own API calls or its DOM. A side may be a number instead of a measure name.
 * A measure that was not taken fails the rule.
 * @example agree('recommendationCards', '==', 'recommendations') // the page shows every item the API returned
 * @example agree('recommendationCards', '>=', 'recommendations', { cap: 1 }) // items in the API ⇒ at least one card
 */
export function agree(left: string | number, op: AgreeOperator, right: string | number, options?: AgreeOptions): RuleOf<'agree'> {
  const { cap, ...rest } = options ?? {};
  return withOptions({ rule: 'agree', left, op, right, ...definedOnly({ cap }) }, rest);
}

/**
 * Any check over the response. Return `true` or nothing to pass, `false` or a message to fail.
 * @example custom('total matches items', (ctx) => sumOf(ctx.json) === total(ctx.json) || 'total is off')
 */
export function custom(
  name: string,
  check: (ctx: RuleContext) => CustomRuleVerdict | Promise<CustomRuleVerdict>,
  options?: CustomRuleOptions,
): RuleOf<'custom'> {
  const { severity, path } = options ?? {};
  return { rule: 'custom', name, check, ...definedOnly({ severity, path }) };
}

function withOptions<R extends Rule>(rule: R, options: RuleOptions | undefined): R {
  return { ...rule, ...definedOnly({ name: options?.name, severity: options?.severity }) };
}

/** Leaves out unset keys, so rule objects compare equal however they were written. */
function definedOnly<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
