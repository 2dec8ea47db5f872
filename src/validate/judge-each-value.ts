// Rules that hold for every selected value: all are judged, the first bad one is shown,
// and the message says how many were bad.
import type { RuleContext, RuleNode } from '../model/definitions.ts';
import { emptyBehindWildcard } from './selection.ts';
import { howManyFailed, nothingSelected, PASS, type Verdict } from './verdict.ts';

export interface ValueProblem {
  message: string;
  expected: string;
  actual: string;
}

export function judgeEachValue(
  ctx: RuleContext,
  path: string,
  expected: string,
  problemOf: (node: RuleNode) => ValueProblem | undefined,
): Verdict {
  const nodes = ctx.query(path);
  if (nodes.length > 0) return judgeNodes(nodes, problemOf);
  return emptyBehindWildcard(ctx, path) ? PASS : nothingSelected(path, expected);
}

export function judgeNodes(nodes: readonly RuleNode[], problemOf: (node: RuleNode) => ValueProblem | undefined): Verdict {
  let first: { node: RuleNode; problem: ValueProblem } | undefined;
  let failed = 0;
  for (const node of nodes) {
    const problem = problemOf(node);
    if (!problem) continue;
    failed += 1;
    first ??= { node, problem };
  }
  if (!first) return PASS;
  return {
    outcome: 'fail',
    message: first.problem.message + howManyFailed(failed, nodes.length),
    path: first.node.path,
    expected: first.problem.expected,
    actual: first.problem.actual,
  };
}
