// Rules about each selected value on its own: present, notNull, range, pattern, oneOf, equals.
import type { RuleContext } from '../model/definitions.ts';
import { inRange, rangeText } from './bounds.ts';
import { canonicalJson } from './canonical-json.ts';
import { formatValue } from './format-value.ts';
import { judgeEachValue } from './judge-each-value.ts';
import { fillDeep } from '../steps/template.ts';
import type { RuleOf } from './rules.ts';
import { describeType, errorText, nothingSelected, PASS, quote, type Verdict } from './verdict.ts';

export function judgePresent(rule: RuleOf<'present'>, ctx: RuleContext): Verdict {
  return ctx.query(rule.path).length > 0 ? PASS : nothingSelected(rule.path, 'present');
}

export function judgeNotNull(rule: RuleOf<'notNull'>, ctx: RuleContext): Verdict {
  return judgeEachValue(ctx, rule.path, 'not null', ({ path, value }) =>
    value === null || value === undefined
      ? { message: `${path} is null, expected a value`, expected: 'not null', actual: formatValue(value) }
      : undefined,
  );
}

export function judgeRange(rule: RuleOf<'range'>, ctx: RuleContext): Verdict {
  const bounds = rangeText(rule);
  const aNumber = bounds === 'any number' ? 'a number' : `a number ${bounds}`;
  return judgeEachValue(ctx, rule.path, bounds, ({ path, value }) => {
    if (typeof value !== 'number') {
      return { message: `${path} is ${describeType(value)}, expected ${aNumber}`, expected: aNumber, actual: formatValue(value) };
    }
    return inRange(value, rule)
      ? undefined
      : { message: `${path} is ${quote(value)}, expected ${bounds}`, expected: bounds, actual: formatValue(value) };
  });
}

export function judgePattern(rule: RuleOf<'pattern'>, ctx: RuleContext): Verdict {
  let regex: RegExp;
  try {
    regex = new RegExp(rule.pattern, rule.flags);
  } catch (error) {
    return { outcome: 'error', message: `invalid pattern: ${errorText(error)}` };
  }
  const shown = `/${rule.pattern}/${rule.flags ?? ''}`;
  return judgeEachValue(ctx, rule.path, shown, ({ path, value }) => {
    if (typeof value !== 'string') {
      return {
        message: `${path} is ${describeType(value)}, expected a string matching ${shown}`,
        expected: shown,
        actual: formatValue(value),
      };
    }
    // A `g` or `y` flag makes test() resume where the last match ended; each value starts afresh.
    regex.lastIndex = 0;
    return regex.test(value)
      ? undefined
      : { message: `${path} is ${quote(value)}, expected to match ${shown}`, expected: shown, actual: formatValue(value) };
  });
}

export function judgeOneOf(rule: RuleOf<'oneOf'>, ctx: RuleContext): Verdict {
  const allowed = new Set(rule.values.map(canonicalJson));
  const expected = `one of ${formatValue(rule.values)}`;
  return judgeEachValue(ctx, rule.path, expected, ({ path, value }) =>
    allowed.has(canonicalJson(value))
      ? undefined
      : { message: `${path} is ${quote(value)}, expected one of ${quote(rule.values)}`, expected, actual: formatValue(value) },
  );
}

export function judgeEquals(rule: RuleOf<'equals'>, ctx: RuleContext): Verdict {
  let wanted: unknown;
  try {
    wanted = fillDeep(rule.value, ctx.variables);
  } catch (error) {
    return { outcome: 'error', message: `cannot fill ${quote(rule.value)}: ${errorText(error)}` };
  }
  const wantedJson = canonicalJson(wanted);
  const expected = formatValue(wanted);
  return judgeEachValue(ctx, rule.path, expected, ({ path, value }) =>
    canonicalJson(value) === wantedJson
      ? undefined
      : { message: `${path} is ${quote(value)}, expected ${quote(wanted)}`, expected, actual: formatValue(value) },
  );
}
