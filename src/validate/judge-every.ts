// The every rule: each item of a list satisfies a predicate or validates against a schema.
import type { RuleContext, RuleNode } from '../model/definitions.ts';
import { readCustomVerdict } from './custom-verdict.ts';
import { formatValue } from './format-value.ts';
import type { RuleOf } from './rules.ts';
import type { SchemaRegistry } from './schemas.ts';
import { selectList } from './selection.ts';
import { errorText, howManyFailed, nothingSelected, PASS, type Verdict } from './verdict.ts';

type EveryRule = RuleOf<'every'>;
type Failure = Extract<Verdict, { outcome: 'fail' }>;

export async function judgeEvery(rule: EveryRule, ctx: RuleContext, schemas: SchemaRegistry): Promise<Verdict> {
  const expected = everyExpectation(rule);
  const list = selectList(ctx, rule.path);
  if (!list) return nothingSelected(rule.path, expected);
  // "Every item of nothing" is true, and useless: an empty list must not pass quietly.
  if (list.items.length === 0) {
    const where = list.container?.path ?? rule.path;
    return { outcome: 'fail', message: `${where} has no items to check`, path: where, expected, actual: '[]' };
  }
  if (rule.schema !== undefined) return judgeAgainstSchema(rule.schema, list.items, schemas);
  if (rule.predicate) return judgeWithPredicate(rule.predicate, expected, list.items);
  return { outcome: 'error', message: 'every needs a predicate or a schema' };
}

async function judgeWithPredicate(
  predicate: NonNullable<EveryRule['predicate']>,
  expected: string,
  items: readonly RuleNode[],
): Promise<Verdict> {
  const failures: Failure[] = [];
  for (const [index, item] of items.entries()) {
    let result: unknown;
    try {
      // Awaited although the type says synchronous: an async predicate must not pass by returning a Promise.
      result = await predicate(item.value, index);
    } catch (error) {
      return { outcome: 'error', message: `every predicate threw at ${item.path}: ${errorText(error)}`, path: item.path };
    }
    const verdict = readCustomVerdict(result, `${item.path} does not satisfy ${expected}`);
    if ('invalid' in verdict) return { outcome: 'error', message: `every predicate ${verdict.invalid}`, path: item.path };
    if (!verdict.pass) {
      failures.push({ outcome: 'fail', message: verdict.message, path: item.path, expected, actual: formatValue(item.value) });
    }
  }
  return firstOf(failures, items.length);
}

function judgeAgainstSchema(schema: string | object, items: readonly RuleNode[], schemas: SchemaRegistry): Verdict {
  const problem = schemas.problem(schema);
  if (problem !== undefined) return { outcome: 'error', message: problem };
  const failures: Failure[] = [];
  for (const item of items) {
    const [first, ...rest] = schemas.validate(schema, item.value, item.path);
    if (!first) continue;
    const more = rest.length > 0 ? ` (+${rest.length} more in this item)` : '';
    failures.push({
      outcome: 'fail',
      message: first.message + more,
      path: first.path,
      ...(first.expected !== undefined ? { expected: first.expected } : {}),
      ...(first.actual !== undefined ? { actual: first.actual } : {}),
    });
  }
  return firstOf(failures, items.length);
}

function firstOf(failures: readonly Failure[], total: number): Verdict {
  const first = failures[0];
  if (!first) return PASS;
  return { ...first, message: first.message + howManyFailed(failures.length, total, 'items') };
}

function everyExpectation(rule: EveryRule): string {
  if (rule.description) return rule.description;
  if (rule.schema !== undefined) return `matches ${typeof rule.schema === 'string' ? rule.schema : 'the inline schema'}`;
  return rule.predicate?.name ? rule.predicate.name : 'the predicate';
}
