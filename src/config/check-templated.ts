// Headers, cookies and query values may be literals, `{{variable}}` strings or `secret('NAME')`.
import { isSecretRef } from './define.ts';
import type { ShapeChecker, ValueCheck } from './check-shape.ts';

export function templatedValue(check: ShapeChecker): ValueCheck {
  return (value, path) =>
    ['string', 'number', 'boolean'].includes(typeof value) ||
    isSecretRef(value) ||
    check.typeError(path, "a string, number, boolean or secret('NAME')", value);
}
