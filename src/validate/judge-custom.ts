// The custom rule: a user's function over the whole response.
import type { RuleContext } from '../model/definitions.ts';
import { readCustomVerdict } from './custom-verdict.ts';
import type { RuleOf } from './rules.ts';
import { errorText, PASS, type Verdict } from './verdict.ts';

export async function judgeCustom(rule: RuleOf<'custom'>, ctx: RuleContext): Promise<Verdict> {
  const where = rule.path !== undefined ? { path: rule.path } : {};
  let result: unknown;
  try {
    result = await rule.check(ctx);
  } catch (error) {
    return { outcome: 'error', message: `custom rule threw: ${errorText(error)}`, ...where };
  }
  const verdict = readCustomVerdict(result, 'custom rule returned false');
  if ('invalid' in verdict) return { outcome: 'error', message: `custom rule ${verdict.invalid}`, ...where };
  return verdict.pass ? PASS : { outcome: 'fail', message: verdict.message, ...where };
}
