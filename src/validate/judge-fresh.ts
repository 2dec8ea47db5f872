// The fresh rule: every selected timestamp is recent enough, and not from the future.
import { formatMilliseconds, toMilliseconds } from '../config/duration.ts';
import type { RuleContext } from '../model/definitions.ts';
import { formatValue } from './format-value.ts';
import { judgeEachValue } from './judge-each-value.ts';
import { maxAgeText } from './rule-name.ts';
import type { RuleOf } from './rules.ts';
import { parseTimestamp } from './timestamps.ts';
import { quote, type Verdict } from './verdict.ts';

/** Clocks disagree a little; a timestamp further ahead than this is wrong, not early. */
export const ALLOWED_CLOCK_SKEW_MS = 5 * 60_000;

export function judgeFresh(rule: RuleOf<'fresh'>, ctx: RuleContext): Verdict {
  const maxAgeMs = toMilliseconds(rule.maxAge);
  if (maxAgeMs === undefined) {
    return { outcome: 'error', message: `invalid maxAge ${quote(rule.maxAge)}: expected a duration such as '24h'` };
  }
  const expected = `within ${maxAgeText(rule.maxAge)}`;
  const now = Date.now();
  return judgeEachValue(ctx, rule.path, expected, ({ path, value }) => {
    const actual = formatValue(value);
    const at = parseTimestamp(value);
    if (at === undefined) {
      return { message: `${path} is ${quote(value)}, expected an ISO-8601 timestamp or epoch number`, expected, actual };
    }
    if (at - now > ALLOWED_CLOCK_SKEW_MS) {
      const ahead = formatMilliseconds(at - now);
      return {
        message: `${path} is ${ahead} in the future, expected at most ${formatMilliseconds(ALLOWED_CLOCK_SKEW_MS)} ahead`,
        expected,
        actual,
      };
    }
    const age = now - at;
    return age > maxAgeMs ? { message: `${path} is ${formatMilliseconds(age)} old, expected ${expected}`, expected, actual } : undefined;
  });
}
