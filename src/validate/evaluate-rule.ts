// One rule over one payload → one check. Never throws: a rule that cannot be judged
// is an `error` check, so the run still reports every other check.
import type { Rule, RuleContext } from '../model/definitions.ts';
import type { CheckResult } from '../model/results.ts';
import { judgeAgree } from './judge-agree.ts';
import { judgeCustom } from './judge-custom.ts';
import { judgeEvery } from './judge-every.ts';
import { judgeFresh } from './judge-fresh.ts';
import { judgeCount, judgeNonEmpty } from './judge-lists.ts';
import { judgeSorted, judgeUnique } from './judge-order.ts';
import { judgeEquals, judgeNotNull, judgeOneOf, judgePattern, judgePresent, judgeRange } from './judge-values.ts';
import { ruleName } from './rule-name.ts';
import type { SchemaRegistry } from './schemas.ts';
import { errorText, type Verdict } from './verdict.ts';

export async function evaluateRule(rule: Rule, ctx: RuleContext, step: string, schemas: SchemaRegistry): Promise<CheckResult> {
  let verdict: Verdict;
  try {
    verdict = await judge(rule, ctx, schemas);
  } catch (error) {
    verdict = { outcome: 'error', message: `${rule.rule} rule could not be evaluated: ${errorText(error)}` };
  }
  return toCheck(rule, step, verdict);
}

function judge(rule: Rule, ctx: RuleContext, schemas: SchemaRegistry): Verdict | Promise<Verdict> {
  switch (rule.rule) {
    case 'nonEmpty':
      return judgeNonEmpty(rule, ctx);
    case 'count':
      return judgeCount(rule, ctx);
    case 'unique':
      return judgeUnique(rule, ctx);
    case 'every':
      return judgeEvery(rule, ctx, schemas);
    case 'present':
      return judgePresent(rule, ctx);
    case 'notNull':
      return judgeNotNull(rule, ctx);
    case 'range':
      return judgeRange(rule, ctx);
    case 'pattern':
      return judgePattern(rule, ctx);
    case 'fresh':
      return judgeFresh(rule, ctx);
    case 'sorted':
      return judgeSorted(rule, ctx);
    case 'oneOf':
      return judgeOneOf(rule, ctx);
    case 'equals':
      return judgeEquals(rule, ctx);
    case 'agree':
      return judgeAgree(rule, ctx);
    case 'custom':
      return judgeCustom(rule, ctx);
    default:
      // Rules are plain objects from user files; one may carry a kind this version does not know.
      return { outcome: 'error', message: `unknown rule '${String((rule as { rule?: unknown }).rule)}'` };
  }
}

function toCheck(rule: Rule, step: string, verdict: Verdict): CheckResult {
  const name = ruleName(rule);
  if (verdict.outcome === 'pass') return { name, kind: 'rule', outcome: 'pass', step, message: '' };
  const outcome = verdict.outcome === 'fail' && rule.severity === 'warn' ? 'warn' : verdict.outcome;
  const { message, path } = verdict;
  const check: CheckResult = { name, kind: 'rule', outcome, step, message };
  if (path !== undefined) check.path = path;
  if (verdict.outcome === 'fail') {
    if (verdict.expected !== undefined) check.expected = verdict.expected;
    if (verdict.actual !== undefined) check.actual = verdict.actual;
  }
  return check;
}
