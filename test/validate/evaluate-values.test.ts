import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Rule } from '../../src/model/definitions.ts';
import { evaluateRule } from '../../src/validate/evaluate-rule.ts';
import { equals, fresh, notNull, oneOf, pattern, present, range } from '../../src/validate/rules.ts';
import { SchemaRegistry } from '../../src/validate/schemas.ts';
import { ruleContext } from './rule-context.ts';

const schemas = SchemaRegistry.empty();
const run = (rule: Rule, json: unknown, variables: Record<string, unknown> = {}) =>
  evaluateRule(rule, ruleContext(json, variables), 'recs', schemas);

const prices = { items: [{ price: 10 }, { price: 3 }, { price: 0 }, { price: 7 }, { price: -2 }, { price: 1 }] };

describe('present', () => {
  it('passes when the path selects something, even null', async () => {
    expect((await run(present('$.userId'), { userId: null })).outcome).toBe('pass');
  });

  it('fails when the path selects nothing', async () => {
    expect(await run(present('$.userId'), {})).toEqual({
      name: 'present $.userId',
      kind: 'rule',
      outcome: 'fail',
      step: 'recs',
      message: '$.userId selected nothing',
      path: '$.userId',
      expected: 'present',
      actual: '(nothing)',
    });
  });
});

describe('notNull', () => {
  it('passes when every selected value is not null', async () => {
    expect((await run(notNull('$.items[*].id'), { items: [{ id: 0 }, { id: '' }] })).outcome).toBe('pass');
  });

  it('fails at the first null', async () => {
    expect(await run(notNull('$.items[*].id'), { items: [{ id: 1 }, { id: null }] })).toMatchObject({
      outcome: 'fail',
      message: '$.items[1].id is null, expected a value',
      path: '$.items[1].id',
      expected: 'not null',
      actual: 'null',
    });
  });

  it('fails when nothing is selected', async () => {
    expect((await run(notNull('$.items[*].id'), { items: [{}] })).message).toBe('$.items[*].id selected nothing');
  });
});

describe('range', () => {
  it('passes when every value is within the bounds', async () => {
    expect((await run(range('$.items[*].price', { min: -2, max: 10 }), prices)).outcome).toBe('pass');
  });

  it('treats min and max as inclusive, above and below as exclusive', async () => {
    const one = { v: 1 };
    expect((await run(range('$.v', { min: 1, max: 1 }), one)).outcome).toBe('pass');
    expect((await run(range('$.v', { above: 1 }), one)).outcome).toBe('fail');
    expect((await run(range('$.v', { below: 1 }), one)).outcome).toBe('fail');
    expect((await run(range('$.v', { above: 0, below: 2 }), one)).outcome).toBe('pass');
  });

  it('fails at the first value out of range, saying how many were', async () => {
    expect(await run(range('$.items[*].price', { above: 0 }), prices)).toEqual({
      name: 'range $.items[*].price (>0)',
      kind: 'rule',
      outcome: 'fail',
      step: 'recs',
      message: '$.items[2].price is 0, expected > 0; 2 of 6 values fail',
      path: '$.items[2].price',
      expected: '> 0',
      actual: '0',
    });
  });

  it('names only the bad value when it is the only one', async () => {
    expect((await run(range('$.items[*].price', { min: 0 }), prices)).message).toBe('$.items[4].price is -2, expected >= 0');
  });

  it('fails on a value that is not a number, and says so', async () => {
    expect(await run(range('$.items[*].price', { above: 0, max: 100 }), { items: [{ price: '19.99' }] })).toMatchObject({
      outcome: 'fail',
      message: '$.items[0].price is a string ("19.99"), expected a number > 0 and <= 100',
      expected: 'a number > 0 and <= 100',
      actual: '"19.99"',
    });
    expect((await run(range('$.v', { min: 0 }), { v: null })).message).toBe('$.v is null, expected a number >= 0');
  });

  it('fails when nothing is selected', async () => {
    expect(await run(range('$.items[*].cost', { above: 0 }), prices)).toMatchObject({
      message: '$.items[*].cost selected nothing',
      expected: '> 0',
    });
  });

  it('warns with severity warn', async () => {
    expect((await run(range('$.items[*].price', { above: 0 }, { severity: 'warn' }), prices)).outcome).toBe('warn');
  });
});

describe('pattern', () => {
  const skus = { items: [{ sku: 'P-1001' }, { sku: 'p-1002' }, { sku: 'X1' }] };

  it('passes when every string matches, flags included', async () => {
    expect((await run(pattern('$.items[*].sku', /^p-\d+$/i), { items: [{ sku: 'P-1' }, { sku: 'p-2' }] })).outcome).toBe('pass');
  });

  it('fails at the first mismatch', async () => {
    expect(await run(pattern('$.items[*].sku', /^P-\d+$/), skus)).toMatchObject({
      outcome: 'fail',
      message: '$.items[1].sku is "p-1002", expected to match /^P-\\d+$/; 2 of 3 values fail',
      path: '$.items[1].sku',
      expected: '/^P-\\d+$/',
      actual: '"p-1002"',
    });
  });

  it('judges each value afresh even with a global flag', async () => {
    expect((await run(pattern('$.v[*]', /a/g), { v: ['a', 'a', 'a'] })).outcome).toBe('pass');
  });

  it('fails on a value that is not a string', async () => {
    expect((await run(pattern('$.id', '^p-'), { id: 42 })).message).toBe('$.id is a number (42), expected a string matching /^p-/');
  });

  it('errors on a pattern that is not a regular expression', async () => {
    const check = await run(pattern('$.id', '(unclosed'), { id: 'x' });
    expect(check.outcome).toBe('error');
    expect(check.message).toMatch(/^invalid pattern: Invalid regular expression: \/\(unclosed\/: Unterminated group$/);
  });

  it('fails when nothing is selected', async () => {
    expect((await run(pattern('$.sku', /x/), {})).message).toBe('$.sku selected nothing');
  });
});

describe('fresh', () => {
  const now = Date.parse('2025-06-10T12:00:00Z');
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(now);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes on a recent ISO-8601 timestamp, and on epoch seconds and milliseconds', async () => {
    expect((await run(fresh('$.at', '24h'), { at: '2025-06-10T08:00:00Z' })).outcome).toBe('pass');
    expect((await run(fresh('$.at', '24h'), { at: '2025-06-10T13:00:00+02:00' })).outcome).toBe('pass');
    expect((await run(fresh('$.at', '1h'), { at: (now - 60_000) / 1000 })).outcome).toBe('pass');
    expect((await run(fresh('$.at', '1h'), { at: now - 60_000 })).outcome).toBe('pass');
  });

  it('fails on an old timestamp, saying how old', async () => {
    expect(await run(fresh('$.generatedAt', '24h'), { generatedAt: '2025-06-07T12:00:00Z' })).toEqual({
      name: 'fresh $.generatedAt (24h)',
      kind: 'rule',
      outcome: 'fail',
      step: 'recs',
      message: '$.generatedAt is 3d old, expected within 24h',
      path: '$.generatedAt',
      expected: 'within 24h',
      actual: '"2025-06-07T12:00:00Z"',
    });
  });

  it('reads small epoch numbers as seconds', async () => {
    const twoHoursAgoInSeconds = (now - 2 * 3_600_000) / 1000;
    expect((await run(fresh('$.at', '1h'), { at: twoHoursAgoInSeconds })).message).toBe('$.at is 2h old, expected within 1h');
  });

  it('allows 5 minutes of clock skew and fails beyond it', async () => {
    expect((await run(fresh('$.at', '1h'), { at: '2025-06-10T12:04:00Z' })).outcome).toBe('pass');
    expect(await run(fresh('$.at', '1h'), { at: '2025-06-10T14:00:00Z' })).toMatchObject({
      outcome: 'fail',
      message: '$.at is 2h in the future, expected at most 5m ahead',
    });
  });

  it('fails on values that are not timestamps', async () => {
    for (const at of ['yesterday', 'March 7', '2025-13-01T00:00:00Z', null]) {
      const check = await run(fresh('$.at', '1h'), { at });
      expect(check.outcome).toBe('fail');
      expect(check.message).toBe(`$.at is ${JSON.stringify(at)}, expected an ISO-8601 timestamp or epoch number`);
    }
  });

  it('applies to every selected timestamp', async () => {
    const json = { items: [{ at: '2025-06-10T11:00:00Z' }, { at: '2025-06-01T00:00:00Z' }, { at: 'never' }] };
    expect((await run(fresh('$.items[*].at', '24h'), json)).message).toBe(
      '$.items[1].at is 9.5d old, expected within 24h; 2 of 3 values fail',
    );
  });

  it('errors on a max age that is not a duration', async () => {
    const check = await run(fresh('$.at', '3 days' as never), { at: '2025-06-10T11:00:00Z' });
    expect(check).toMatchObject({ outcome: 'error', message: `invalid maxAge "3 days": expected a duration such as '24h'` });
  });

  it('fails when nothing is selected', async () => {
    expect((await run(fresh('$.at', '1h'), {})).message).toBe('$.at selected nothing');
  });
});

describe('oneOf', () => {
  it('passes when every value is one of the allowed values, compared deeply', async () => {
    expect((await run(oneOf('$.c[*]', ['EUR', { code: 'USD', n: 1 }]), { c: ['EUR', { n: 1, code: 'USD' }] })).outcome).toBe('pass');
  });

  it('fails on a value not allowed', async () => {
    expect(await run(oneOf('$.status', ['paid', 'shipped']), { status: 'pending' })).toMatchObject({
      outcome: 'fail',
      message: '$.status is "pending", expected one of ["paid","shipped"]',
      path: '$.status',
      expected: 'one of ["paid","shipped"]',
      actual: '"pending"',
    });
  });

  it('does not confuse 1 with "1"', async () => {
    expect((await run(oneOf('$.v', [1]), { v: '1' })).outcome).toBe('fail');
  });

  it('fails when nothing is selected', async () => {
    expect((await run(oneOf('$.status', ['paid']), {})).message).toBe('$.status selected nothing');
  });
});

describe('equals', () => {
  it('compares deeply', async () => {
    expect((await run(equals('$.v', { a: [1, { b: 2 }] }), { v: { a: [1, { b: 2 }] } })).outcome).toBe('pass');
    expect((await run(equals('$.v', { a: [1, 2] }), { v: { a: [2, 1] } })).outcome).toBe('fail');
  });

  it('fills {{variables}}, keeping the type of a lone placeholder', async () => {
    expect((await run(equals('$.userId', '{{userId}}'), { userId: 'u-1' }, { userId: 'u-1' })).outcome).toBe('pass');
    expect((await run(equals('$.userId', '{{ userId }}'), { userId: 42 }, { userId: 42 })).outcome).toBe('pass');
    expect((await run(equals('$.greeting', 'hello {{name}}!'), { greeting: 'hello Ada!' }, { name: 'Ada' })).outcome).toBe('pass');
  });

  it('fails with both values shown', async () => {
    expect(await run(equals('$.userId', '{{userId}}'), { userId: 'u-2' }, { userId: 'u-1' })).toEqual({
      name: 'equals $.userId "{{userId}}"',
      kind: 'rule',
      outcome: 'fail',
      step: 'recs',
      message: '$.userId is "u-2", expected "u-1"',
      path: '$.userId',
      expected: '"u-1"',
      actual: '"u-2"',
    });
  });

  it('errors when a variable is not defined, listing those that are', async () => {
    expect(await run(equals('$.userId', '{{userId}}'), { userId: 'u-1' }, { token: 't', cartId: 'c' })).toMatchObject({
      outcome: 'error',
      message: `cannot fill "{{userId}}": no variable 'userId'; available: cartId, token`,
    });
  });

  it('fails when nothing is selected', async () => {
    expect((await run(equals('$.userId', 'u-1'), {})).message).toBe('$.userId selected nothing');
  });
});

describe('a broken path', () => {
  it('is an error, not a throw', async () => {
    const check = await run(range('$.items[?', { min: 0 }), {});
    expect(check.outcome).toBe('error');
    expect(check.message).toMatch(/^range rule could not be evaluated: /);
  });
});

describe('per-value rules over an empty list', () => {
  const empty = ruleContext({ items: [] });
  const listed = ruleContext({ items: [{ price: 3 }] });

  it('pass when the list behind the wildcard is empty: the emptiness is nonEmpty\'s to report', async () => {
    for (const rule of [range('$.items[*].price', { above: 0 }), notNull('$.items[*].id'), pattern('$.items[*].id', /^p-/), fresh('$.items[*].updatedAt', '1h'), oneOf('$.items[*].currency', ['EUR'])]) {
      expect((await evaluateRule(rule, empty, 'step', SchemaRegistry.empty())).outcome).toBe('pass');
    }
  });

  it('still fail when a non-empty list has no such field (a misspelt path)', async () => {
    const check = await evaluateRule(range('$.items[*].prize', { above: 0 }), listed, 'step', SchemaRegistry.empty());
    expect(check).toMatchObject({ outcome: 'fail', message: '$.items[*].prize selected nothing' });
  });

  it('still fail when a singular path selects nothing', async () => {
    const check = await evaluateRule(fresh('$.generatedAt', '1h'), empty, 'step', SchemaRegistry.empty());
    expect(check).toMatchObject({ outcome: 'fail', message: '$.generatedAt selected nothing' });
  });
});
