// The key a list rule compares items by: the item itself, a property (`'id'`), or a
// JSONPath relative to the item (`'$.price.amount'`).
import type { RuleNode } from '../model/definitions.ts';
import { queryNodes } from './json-path.ts';
import { memberPath } from './path-building.ts';

/** The key's value (`undefined` when the item has none) and where it is in the payload. */
export function itemKey(item: RuleNode, by: string | undefined): RuleNode {
  if (by === undefined) return item;
  if (by.startsWith('$')) {
    const found = queryNodes(by, item.value)[0];
    // Relative paths are shown from the item: `$.items[3]` + `$.price` → `$.items[3].price`.
    return found
      ? { path: item.path + found.path.slice(1), value: found.value }
      : { path: item.path + by.slice(1), value: undefined };
  }
  const value = item.value;
  const isRecord = value !== null && typeof value === 'object' && !Array.isArray(value);
  return {
    path: memberPath(item.path, by),
    value: isRecord && Object.hasOwn(value, by) ? (value as Record<string, unknown>)[by] : undefined,
  };
}
