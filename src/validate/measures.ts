// Measures: numbers taken from each payload and exported as metrics, so dashboards can plot
// "how many recommendations" and alerts can fire on the zero-result rate.
import type { DomMeasure, Measure, RuleContext } from '../model/definitions.ts';
import { selectList } from './selection.ts';

type PathMeasure = Extract<Measure, { path: string }>;
type CustomMeasure = Extract<Measure, { measure: 'custom' }>;
type DomCountMeasure = Extract<DomMeasure, { measure: 'domCount' }>;
type DomValueMeasure = Extract<DomMeasure, { measure: 'domValue' }>;

export const measure = {
  /**
   * How many items: one selected array counts its elements, otherwise the selected nodes
   * are counted, so `'$.items'` and `'$.items[*]'` agree (both 0 for an empty list).
   * @example recommendations: measure.count('$.items')
   */
  count: (path: string): PathMeasure => ({ measure: 'count', path }),
  /**
   * The number the path selects (the first, when it selects several).
   * @example total: measure.value('$.total')
   */
  value: (path: string): PathMeasure => ({ measure: 'value', path }),
  /** @example basketValue: measure.sum('$.items[*].price') */
  sum: (path: string): PathMeasure => ({ measure: 'sum', path }),
  /** @example cheapest: measure.min('$.items[*].price') */
  min: (path: string): PathMeasure => ({ measure: 'min', path }),
  /** @example dearest: measure.max('$.items[*].price') */
  max: (path: string): PathMeasure => ({ measure: 'max', path }),
  /**
   * Any number computed from the response; return `undefined` when there is none.
   * @example discounted: measure.custom((ctx) => (ctx.json as Cart).items.filter((i) => i.discount).length)
   */
  custom: (fn: CustomMeasure['fn']): CustomMeasure => ({ measure: 'custom', fn }),
  /**
   * In a page step: how many elements the selector matches on the rendered page.
   * @example recommendationCards: measure.domCount('.rec-card')
   */
  domCount: (selector: string): DomCountMeasure => ({ measure: 'domCount', selector }),
  /**
   * In a page step: the first number in the text, or in an attribute, of the first element
   * matched (`€1,299.50` reads 1299.5); no element or no number gives no value.
   * @example shownPrice: measure.domValue('.product-price', { attribute: 'data-price' })
   */
  domValue: (selector: string, options: { attribute?: string } = {}): DomValueMeasure => ({
    measure: 'domValue',
    selector,
    ...(options.attribute !== undefined ? { attribute: options.attribute } : {}),
  }),
} as const;

/** A measure's path or function failed: a broken JSONPath, or a custom function threw. */
export class MeasureError extends Error {
  override name = 'MeasureError';
  constructor(
    readonly measure: Measure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The measure's number, or `undefined` when the path selects nothing numeric (never NaN).
 * @throws MeasureError when the JSONPath is invalid or a custom function throws
 */
export function takeMeasure(m: Measure, ctx: RuleContext): number | undefined {
  try {
    return m.measure === 'custom' ? finiteOrUndefined(m.fn(ctx)) : fromPath(m, ctx);
  } catch (error) {
    const what = m.measure === 'custom' ? 'custom measure threw' : `measure ${m.measure}(${m.path}) failed`;
    throw new MeasureError(m, `${what}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
}

function fromPath(m: PathMeasure, ctx: RuleContext): number | undefined {
  // A value is what the path points at; an array there is not a number, not its first element.
  if (m.measure === 'value') return ctx.query(m.path).map((node) => node.value).find(isFiniteNumber);
  const list = selectList(ctx, m.path);
  if (!list) return undefined;
  if (m.measure === 'count') return list.items.length;
  const numbers = list.items.map((item) => item.value).filter(isFiniteNumber);
  if (numbers.length === 0) return undefined;
  switch (m.measure) {
    case 'sum':
      return numbers.reduce((total, n) => total + n, 0);
    // reduce, not Math.min(...numbers): spreading a 200k-item list overflows the stack.
    case 'min':
      return numbers.reduce((least, n) => (n < least ? n : least));
    case 'max':
      return numbers.reduce((most, n) => (n > most ? n : most));
  }
}

function finiteOrUndefined(value: unknown): number | undefined {
  return isFiniteNumber(value) ? value : undefined;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
