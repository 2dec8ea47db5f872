// What a rule's path selects, read as a list. Shared by the count, nonEmpty, sorted,
// unique and every rules and by measures, so they all count the same way.
import type { RuleContext, RuleNode } from '../model/definitions.ts';

const TRAILING_WILDCARD = /(?:\[\*\]|\.\*)$/;

export interface ListSelection {
  items: RuleNode[];
  /** The array (or object) the items came from, when there was one. */
  container?: RuleNode;
}

/**
 * Count semantics: when the path selects exactly one node and it is an array, the list is
 * that array's elements; otherwise it is the nodes selected. So `$.items` and `$.items[*]`
 * give the same list.
 *
 * A wildcard over an empty array selects no nodes, which would read as "the path is
 * wrong". When the path ends in a wildcard and its parent is one empty array or object,
 * the list is empty instead, so `$.items[*]` on `[]` counts 0 just as `$.items` does —
 * the zero-result signal must not disappear from the metrics.
 *
 * `undefined` when the path selected nothing at all.
 */
export function selectList(ctx: RuleContext, path: string): ListSelection | undefined {
  const nodes = ctx.query(path);
  if (nodes.length === 1 && Array.isArray(nodes[0]!.value)) {
    const container = nodes[0]!;
    return { items: elementsOf(container), container };
  }
  if (nodes.length > 0) return { items: nodes };
  const container = emptyWildcardParent(ctx, path);
  return container ? { items: [], container } : undefined;
}

/** The parent of a trailing wildcard when it is one empty array or object. */
export function emptyWildcardParent(ctx: RuleContext, path: string): RuleNode | undefined {
  if (!TRAILING_WILDCARD.test(path)) return undefined;
  const parents = ctx.query(path.replace(TRAILING_WILDCARD, ''));
  if (parents.length !== 1) return undefined;
  const parent = parents[0]!;
  return isEmptyContainer(parent.value) ? parent : undefined;
}

const LAST_WILDCARD = /(?:\[\*\]|\.\*)(?!.*(?:\[\*\]|\.\*))/;

/**
 * True when a path such as `$.items[*].price` selects nothing only because the list
 * behind its last wildcard is empty. Rules over each value then have nothing to judge,
 * which is a pass: an empty list is `nonEmpty`'s business, and judging it again in every
 * per-item rule would bury the one failure that matters under copies of it. A path that
 * selects nothing from a non-empty list (a misspelt field) still fails.
 */
export function emptyBehindWildcard(ctx: RuleContext, path: string): boolean {
  const match = LAST_WILDCARD.exec(path);
  if (!match) return false;
  const parents = ctx.query(path.slice(0, match.index));
  return parents.length > 0 && parents.every((parent) => isEmptyContainer(parent.value));
}

function isEmptyContainer(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}

function elementsOf(node: RuleNode): RuleNode[] {
  return (node.value as unknown[]).map((value, index) => ({ path: `${node.path}[${index}]`, value }));
}
