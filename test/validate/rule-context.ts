// A RuleContext over a literal payload, as the runner builds one.
import type { RuleContext } from '../../src/model/definitions.ts';
import { queryNodes } from '../../src/validate/json-path.ts';

export function ruleContext(
  json: unknown,
  variables: Record<string, unknown> = {},
  measures: Record<string, number> = {},
): RuleContext {
  return { json, variables, measures, query: (path) => queryNodes(path, json) };
}
