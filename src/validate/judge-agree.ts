// `agree`: two measures of the run compared, so a rule can say "the page shows what the API
// returned" across steps, or between an API response and the DOM.
import type { AgreeOperator, RuleContext } from '../model/definitions.ts';
import type { RuleOf } from './rules.ts';
import { NOTHING, PASS, type Verdict } from './verdict.ts';

const COMPARE: Record<AgreeOperator, (left: number, right: number) => boolean> = {
  '==': (l, r) => l === r,
  '!=': (l, r) => l !== r,
  '<': (l, r) => l < r,
  '<=': (l, r) => l <= r,
  '>': (l, r) => l > r,
  '>=': (l, r) => l >= r,
};

/** `recommendationCards >= min(recommendations, 1)`: the comparison as a name and in messages. */
export function agreementText(rule: Pick<RuleOf<'agree'>, 'left' | 'op' | 'right' | 'cap'>): string {
  const right = rule.cap === undefined ? String(rule.right) : `min(${rule.right}, ${rule.cap})`;
  return `${rule.left} ${rule.op} ${right}`;
}

export function judgeAgree(rule: RuleOf<'agree'>, ctx: RuleContext): Verdict {
  const expected = agreementText(rule);
  const missing = [rule.left, rule.right].filter((side): side is string => typeof side === 'string' && !hasMeasure(ctx, side));
  if (missing.length > 0) {
    const taken = Object.keys(ctx.measures);
    const names = missing.map((name) => `'${name}'`).join(' and ');
    return {
      outcome: 'fail',
      message: `no measure ${names} in this run, so ${expected} cannot be judged (taken so far: ${taken.length ? taken.join(', ') : 'none'})`,
      expected,
      actual: NOTHING,
    };
  }
  const left = valueOf(ctx, rule.left);
  const rawRight = valueOf(ctx, rule.right);
  const right = rule.cap === undefined ? rawRight : Math.min(rawRight, rule.cap);
  if (COMPARE[rule.op](left, right)) return PASS;
  const facts = [`${rule.left} is ${left}`];
  if (typeof rule.right === 'string') facts.push(`${rule.right} is ${rawRight}`);
  const computed = rule.cap !== undefined && typeof rule.right === 'string' ? ` = ${right}` : '';
  return {
    outcome: 'fail',
    message: `${facts.join(' but ')}; expected ${expected}${computed}`,
    expected: `${rule.op} ${right}`,
    actual: String(left),
  };
}

function hasMeasure(ctx: RuleContext, name: string): boolean {
  return Object.hasOwn(ctx.measures, name) && Number.isFinite(ctx.measures[name]);
}

function valueOf(ctx: RuleContext, side: string | number): number {
  return typeof side === 'number' ? side : ctx.measures[side]!;
}
