// JSONPath (RFC 9535) through json-p3. Queries are compiled once per distinct path.
import { JSONPathNode, jsonpath, type JSONPathQuery } from 'json-p3';
import type { RuleNode } from '../model/definitions.ts';

const compiled = new Map<string, JSONPathQuery>();

function compile(path: string): JSONPathQuery {
  let query = compiled.get(path);
  if (!query) {
    query = jsonpath.compile(path);
    compiled.set(path, query);
  }
  return query;
}

/** The nodes a JSONPath selects, each with its path in display form (`$.items[0].price`). */
export function queryNodes(path: string, json: unknown): RuleNode[] {
  return compile(path)
    .query(json as never)
    .nodes.map((node) => ({ path: locationPath(node.location), value: node.value }));
}

// Every selected node gets a path, and serializing then rewriting each one cost more than
// judging the values: `$.items[*].price` over 5,000 items spent 10 ms on paths. The same
// names recur in every item, so each name's display form is worked out once.
const MAX_CACHED_NAMES = 1_000;
const nameSegments = new Map<string, string>();

/** `['items', 3, 'price']` → `$.items[3].price`, exactly as `displayPath` shows the normalized path. */
function locationPath(location: readonly (string | number)[]): string {
  let out = '$';
  for (const part of location) out += typeof part === 'number' ? `[${part}]` : nameSegment(part);
  return out;
}

function nameSegment(name: string): string {
  let segment = nameSegments.get(name);
  if (segment === undefined) {
    // Payloads keyed by ids would grow the cache without end; a long-running daemon must not.
    if (nameSegments.size >= MAX_CACHED_NAMES) nameSegments.clear();
    segment = displayPath(new JSONPathNode(null, [name], null).path).slice(1);
    nameSegments.set(name, segment);
  }
  return segment;
}

/** Why a JSONPath is invalid, or `undefined` when it is valid. */
export function jsonPathError(path: string): string | undefined {
  try {
    compile(path);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** `$['items'][0]['price']` → `$.items[0].price`; names that are not identifiers stay bracketed. */
export function displayPath(normalized: string): string {
  return normalized.replace(/\['((?:[^'\\]|\\.)*)'\]/g, (whole, name: string) =>
    /^[A-Za-z_][\w]*$/.test(name) ? `.${name}` : whole,
  );
}
