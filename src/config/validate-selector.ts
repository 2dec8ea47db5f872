// Selectors of page steps: CSS or Playwright selectors, checked when the page is judged; here
// only what is wrong without a page: an empty one, or a JSONPath written where a selector goes.
import type { ShapeChecker, ValueCheck } from './check-shape.ts';
import { quote } from './describe-value.ts';

export const SELECTOR_HINT = "a CSS selector such as '.rec-card' or '#recommendations', or any Playwright selector";

export function selector(check: ShapeChecker): ValueCheck {
  return (value, path) => {
    if (typeof value !== 'string' || value.trim() === '') return check.typeError(path, 'a non-empty selector', value, SELECTOR_HINT);
    if (/^\$(\.|\[|$)/.test(value.trim())) {
      return check.error(path, `${quote(value)} is a JSONPath, not a selector`, `${SELECTOR_HINT}; JSONPaths judge the page's API responses, under expect.responses`);
    }
    return true;
  };
}
