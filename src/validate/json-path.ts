// JSONPath (RFC 9535) through json-p3. Queries are compiled once per distinct path.
import { jsonpath, type JSONPathQuery } from 'json-p3';
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
    .nodes.map((node) => ({ path: displayPath(node.path), value: node.value }));
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
