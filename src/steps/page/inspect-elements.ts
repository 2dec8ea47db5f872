// Facts about the elements a selector matches, gathered inside the page in one round trip;
// judging them happens here in Node, where messages are built and tested.
//
// The in-page code is kept as plain JavaScript text: it runs in the browser, where helpers
// a TypeScript compiler might add around named functions do not exist.
import type { Locator, Page } from 'playwright-core';

export interface InspectWant {
  text?: boolean;
  visibility?: boolean;
  attribute?: string;
  /** Where a substring, or a RegExp's first match, occurs in each element's text. */
  find?: { text?: string; pattern?: string; flags?: string };
}

export interface ElementFacts {
  /** innerText with whitespace collapsed, cut to a thousand characters. */
  text?: string;
  /** Why the element is not visible; `null` when it is. */
  hidden?: string | null;
  /** The attribute's value; `null` when the element has none. */
  attribute?: string | null;
  /** The match in context (`…text around it…`); `null` when there is none. */
  found?: string | null;
}

export interface ElementsFacts {
  /** Every element matched. */
  count: number;
  /** Facts of the first ELEMENTS_JUDGED of them. */
  elements: ElementFacts[];
}

export const ELEMENTS_JUDGED = 100;
const TEXT_KEPT = 1_000;

const INSPECT_SOURCE = String.raw`
const label = (el) => {
  const classes = typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter(Boolean) : [];
  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes.map((c) => '.' + c).join('');
};
const hiddenReason = (el) => {
  if (!el.isConnected) return 'detached from the document';
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const style = getComputedStyle(node);
    const where = node === el ? '' : ' on ' + label(node);
    if (style.display === 'none') return 'display: none' + where;
    if (Number(style.opacity) === 0) return 'opacity: 0' + where;
  }
  const style = getComputedStyle(el);
  if (style.visibility !== 'visible') return 'visibility: ' + style.visibility;
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return 'zero size (' + Math.round(box.width) + '×' + Math.round(box.height) + ')';
  const root = document.documentElement;
  const left = box.left + window.scrollX;
  const top = box.top + window.scrollY;
  if (left + box.width <= 0 || top + box.height <= 0 || left >= root.scrollWidth || top >= root.scrollHeight) return 'outside the page';
  return null;
};
const textOf = (el) => String(el.innerText ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
const findIn = (text, find) => {
  let index = -1;
  let length = 0;
  if (find.text !== undefined) {
    index = text.indexOf(find.text);
    length = find.text.length;
  } else {
    const match = new RegExp(find.pattern, (find.flags || '').replace(/[gy]/g, '')).exec(text);
    if (match) {
      index = match.index;
      length = match[0].length;
    }
  }
  if (index < 0) return null;
  const from = Math.max(0, index - 40);
  const to = Math.min(text.length, index + length + 40);
  return (from > 0 ? '…' : '') + text.slice(from, to) + (to < text.length ? '…' : '');
};
return {
  count: elements.length,
  elements: elements.slice(0, limit).map((el) => {
    const facts = {};
    const text = want.text || want.find ? textOf(el) : '';
    if (want.text) facts.text = text.length > textKept ? text.slice(0, textKept - 1) + '…' : text;
    if (want.visibility) facts.hidden = hiddenReason(el);
    if (want.attribute !== undefined) facts.attribute = el.getAttribute(want.attribute);
    if (want.find) facts.found = findIn(text, want.find);
    return facts;
  }),
};
`;

const inspect = new Function('elements', 'want', `const limit = ${ELEMENTS_JUDGED}; const textKept = ${TEXT_KEPT};\n${INSPECT_SOURCE}`) as (
  elements: unknown[],
  want: InspectWant,
) => ElementsFacts;

/**
 * Starts Playwright's set-up of the page's main world, where inspectElements runs, without
 * waiting for it. Playwright injects its selector engine there on the first evaluation,
 * about 25 ms of browser time per document that `waitFor` and `count()`, which run in
 * another world, never pay; started as soon as the document is in, it overlaps the wait
 * for the page to settle instead of adding to it.
 */
export function prepareInspection(page: Page): void {
  page
    .locator(':root')
    .evaluateAll('() => 0')
    .catch(() => {});
}

export function inspectElements(locator: Locator, want: InspectWant): Promise<ElementsFacts> {
  return locator.evaluateAll(inspect as never, want) as Promise<ElementsFacts>;
}

/** The first number in a text: `€1,299.50` → 1299.5 (commas read as thousands separators). */
export function firstNumber(text: string | null | undefined): number | undefined {
  const match = /-?\d[\d,]*(?:\.\d+)?/.exec(text ?? '');
  if (!match) return undefined;
  const value = Number(match[0].replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}
