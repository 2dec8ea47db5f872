// The DOM check factories users call in page steps, and their default names. Like the rule
// factories they return plain objects; a RegExp is kept as its source and flags.
import type { DomCheck, DomCheckKind, Severity } from '../model/definitions.ts';
import { countBoundsShort } from './bounds.ts';
import { formatValue } from './format-value.ts';

/** The check object a factory builds, e.g. `DomCheckOf<'count'>` has `min` and `max`. */
export type DomCheckOf<K extends DomCheckKind> = Extract<DomCheck, { dom: K }>;

export interface DomCheckOptions {
  /**
   * Appears in reports and metric labels; default: the check and its selector.
   * @example dom.count('.rec-card', { min: 1 }, { name: 'recommendations are shown' })
   */
  name?: string;
  /** `warn` reports a failed check without failing the run. Default `fail`. */
  severity?: Severity;
}

export interface DomCountBounds {
  /** Inclusive. */
  min?: number;
  /** Inclusive. */
  max?: number;
}

const VALUE_IN_NAME_MAX = 40;

function pattern(expected: string | RegExp | undefined, stringKey: 'equals' | 'text'): Record<string, string> {
  if (expected === undefined) return {};
  if (typeof expected === 'string') return { [stringKey]: expected };
  return { pattern: expected.source, ...(expected.flags ? { flags: expected.flags } : {}) };
}

function withOptions<C extends DomCheck>(check: C, options: DomCheckOptions | undefined): C {
  return { ...check, ...(options?.name !== undefined ? { name: options.name } : {}), ...(options?.severity !== undefined ? { severity: options.severity } : {}) };
}

export const dom = {
  /**
   * How many elements the selector matches, inclusive bounds.
   * @example dom.count('.rec-card', { min: 1 })
   */
  count(selector: string, bounds: DomCountBounds, options?: DomCheckOptions): DomCheckOf<'count'> {
    const { min, max } = bounds;
    return withOptions({ dom: 'count', selector, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }, options);
  },
  /**
   * The selector matches something, and every element matched shows text. With `expected`,
   * the text (whitespace collapsed) must equal a string or match a RegExp.
   * @example dom.text('h1.product-name')
   * @example dom.text('#cart-status', 'Added to cart')
   */
  text(selector: string, expected?: string | RegExp, options?: DomCheckOptions): DomCheckOf<'text'> {
    return withOptions({ dom: 'text', selector, ...pattern(expected, 'equals') }, options);
  },
  /**
   * The selector matches something, and every element matched is visible: rendered, not
   * `visibility: hidden`, not transparent, not of zero size and not outside the page.
   * @example dom.visible('#recommendations')
   */
  visible(selector: string, options?: DomCheckOptions): DomCheckOf<'visible'> {
    return withOptions({ dom: 'visible', selector }, options);
  },
  /**
   * The text of what the selector matches does not contain a string (case-sensitive) or a match of a RegExp.
   * @example dom.notContains('main', 'No recommendations')
   */
  notContains(selector: string, unwanted: string | RegExp, options?: DomCheckOptions): DomCheckOf<'notContains'> {
    return withOptions({ dom: 'notContains', selector, ...pattern(unwanted, 'text') }, options);
  },
  /**
   * Every element matched has the attribute; with `expected`, its value equals a string or matches a RegExp.
   * @example dom.attribute('img', 'src', /^\/images\//)
   */
  attribute(selector: string, attribute: string, expected?: string | RegExp, options?: DomCheckOptions): DomCheckOf<'attribute'> {
    return withOptions({ dom: 'attribute', selector, attribute, ...pattern(expected, 'equals') }, options);
  },
} as const;

/** The check's own name, or one built from it: `count .rec-card [1..]`, `visible #recommendations`. */
export function domCheckName(check: DomCheck): string {
  if (check.name) return check.name;
  const words: string[] = [check.dom, check.selector];
  switch (check.dom) {
    case 'count':
      words.push(countBoundsShort({ rule: 'count', path: '', ...check }));
      break;
    case 'text':
      words.push(expectedText(check));
      break;
    case 'notContains':
      words.push(check.text !== undefined ? formatValue(check.text, VALUE_IN_NAME_MAX) : regexText(check));
      break;
    case 'attribute':
      words.push(check.attribute, expectedText(check));
      break;
    case 'visible':
      break;
  }
  return words.filter((word) => word !== '').join(' ');
}

/** `"Added to cart"`, `/^\/images\//`, or nothing. */
export function expectedText(check: { equals?: string; pattern?: string; flags?: string }): string {
  if (check.equals !== undefined) return formatValue(check.equals, VALUE_IN_NAME_MAX);
  return regexText(check);
}

export function regexText(check: { pattern?: string; flags?: string }): string {
  return check.pattern === undefined ? '' : `/${check.pattern}/${check.flags ?? ''}`;
}
