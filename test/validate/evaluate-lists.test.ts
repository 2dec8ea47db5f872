import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/model/definitions.ts';
import { evaluateRule } from '../../src/validate/evaluate-rule.ts';
import { count, nonEmpty, sorted, unique } from '../../src/validate/rules.ts';
import { SchemaRegistry } from '../../src/validate/schemas.ts';
import { ruleContext } from './rule-context.ts';

const schemas = SchemaRegistry.empty();
const run = (rule: Rule, json: unknown) => evaluateRule(rule, ruleContext(json), 'recs', schemas);

describe('nonEmpty', () => {
  it('passes on a non-empty array', async () => {
    expect(await run(nonEmpty('$.items'), { items: [1] })).toEqual({
      name: 'nonEmpty $.items',
      kind: 'rule',
      outcome: 'pass',
      step: 'recs',
      message: '',
    });
  });

  it('fails on an empty array, naming where and what came', async () => {
    expect(await run(nonEmpty('$.items'), { items: [] })).toEqual({
      name: 'nonEmpty $.items',
      kind: 'rule',
      outcome: 'fail',
      step: 'recs',
      message: 'expected a non-empty array at $.items, got []',
      path: '$.items',
      expected: 'non-empty',
      actual: '[]',
    });
  });

  it('fails alike when a wildcard runs over the empty array', async () => {
    const check = await run(nonEmpty('$.items[*]'), { items: [] });
    expect(check.outcome).toBe('fail');
    expect(check.message).toBe('expected a non-empty array at $.items, got []');
    expect(check.path).toBe('$.items');
  });

  it.each([
    ['', 'expected a non-empty string at $.v, got ""', '""'],
    [{}, 'expected a non-empty object at $.v, got {}', '{}'],
    [null, 'expected a non-empty value at $.v, got null', 'null'],
  ])('fails on %j', async (value, message, actual) => {
    const check = await run(nonEmpty('$.v'), { v: value });
    expect(check).toMatchObject({ outcome: 'fail', message, path: '$.v', expected: 'non-empty', actual });
  });

  it('passes on values that are not empty, zero and false included', async () => {
    for (const v of ['a', { a: 1 }, 0, false]) expect((await run(nonEmpty('$.v'), { v })).outcome).toBe('pass');
  });

  it('judges every selected value and says how many were empty', async () => {
    const check = await run(nonEmpty('$.items[*].name'), { items: [{ name: 'a' }, { name: '' }, { name: null }] });
    expect(check).toMatchObject({
      outcome: 'fail',
      message: 'expected a non-empty string at $.items[1].name, got ""; 2 of 3 values fail',
      path: '$.items[1].name',
    });
  });

  it('fails when the path selects nothing', async () => {
    expect(await run(nonEmpty('$.items'), { other: [] })).toMatchObject({
      outcome: 'fail',
      message: '$.items selected nothing',
      path: '$.items',
      expected: 'non-empty',
      actual: '(nothing)',
    });
  });

  it('reports warn instead of fail when its severity is warn', async () => {
    const check = await run(nonEmpty('$.items', { severity: 'warn', name: 'recs' }), { items: [] });
    expect(check).toMatchObject({ name: 'recs', outcome: 'warn', message: 'expected a non-empty array at $.items, got []' });
  });
});

describe('count', () => {
  const items = { items: [{ id: 1 }, { id: 2 }, { id: 3 }] };

  it('passes within inclusive bounds, for the array and for its wildcard alike', async () => {
    expect((await run(count('$.items', { min: 3, max: 3 }), items)).outcome).toBe('pass');
    expect((await run(count('$.items[*]', { min: 1, max: 3 }), items)).outcome).toBe('pass');
  });

  it('fails above the maximum with the count', async () => {
    expect(await run(count('$.items', { min: 1, max: 2 }), items)).toEqual({
      name: 'count $.items [1..2]',
      kind: 'rule',
      outcome: 'fail',
      step: 'recs',
      message: '$.items has 3 items, expected between 1 and 2',
      path: '$.items',
      expected: 'between 1 and 2',
      actual: '3',
    });
  });

  it('counts an empty list as 0 whether written $.items or $.items[*]', async () => {
    for (const path of ['$.items', '$.items[*]']) {
      expect(await run(count(path, { min: 1 }), { items: [] })).toMatchObject({
        outcome: 'fail',
        message: '$.items has 0 items, expected at least 1',
        path: '$.items',
        expected: 'at least 1',
        actual: '0',
      });
      expect((await run(count(path, { max: 0 }), { items: [] })).outcome).toBe('pass');
    }
  });

  it('counts the nodes of a filter', async () => {
    expect(await run(count('$.items[?@.id > 1]', { max: 1 }), items)).toMatchObject({
      outcome: 'fail',
      message: '$.items[?@.id > 1] selected 2 values, expected at most 1',
      path: '$.items[?@.id > 1]',
      actual: '2',
    });
  });

  it('fails when the path selects nothing, even with no minimum', async () => {
    expect(await run(count('$.missing', { max: 5 }), items)).toMatchObject({
      outcome: 'fail',
      message: '$.missing selected nothing',
      expected: 'at most 5',
      actual: '(nothing)',
    });
  });

  it('warns instead of failing with severity warn', async () => {
    expect((await run(count('$.items', { min: 5 }, { severity: 'warn' }), items)).outcome).toBe('warn');
  });
});

describe('unique', () => {
  it('passes when no two items are equal', async () => {
    expect((await run(unique('$.ids'), { ids: [1, 2, '1'] })).outcome).toBe('pass');
  });

  it('fails at the first repeat, naming the first occurrence', async () => {
    const json = { items: [{ id: 'p-1001' }, { id: 'p-1001' }, { id: 'p-2' }] };
    expect(await run(unique('$.items', { by: 'id' }), json)).toEqual({
      name: 'unique $.items by id',
      kind: 'rule',
      outcome: 'fail',
      step: 'recs',
      message: '$.items[1].id repeats "p-1001" (first at $.items[0].id)',
      path: '$.items[1].id',
      expected: 'unique',
      actual: '"p-1001"',
    });
  });

  it('takes the key as a relative JSONPath too', async () => {
    const json = { items: [{ sku: { code: 'A' } }, { sku: { code: 'B' } }, { sku: { code: 'A' } }] };
    expect(await run(unique('$.items[*]', { by: '$.sku.code' }), json)).toMatchObject({
      outcome: 'fail',
      message: '$.items[2].sku.code repeats "A" (first at $.items[0].sku.code)',
      path: '$.items[2].sku.code',
    });
  });

  it('compares deeply, whatever the key order', async () => {
    const check = await run(unique('$.items'), { items: [{ a: 1, b: 2 }, { b: 2, a: 1 }] });
    expect(check).toMatchObject({ outcome: 'fail', message: '$.items[1] repeats {"b":2,"a":1} (first at $.items[0])' });
  });

  it('says how many repeated', async () => {
    const check = await run(unique('$.v'), { v: [1, 1, 2, 2, 3] });
    expect(check.message).toBe('$.v[1] repeats 1 (first at $.v[0]); 2 of 5 values fail');
  });

  it('fails on an item without the key', async () => {
    expect(await run(unique('$.items', { by: 'id' }), { items: [{ id: 1 }, { name: 'x' }] })).toMatchObject({
      outcome: 'fail',
      message: '$.items[1].id is missing, expected a unique value',
      path: '$.items[1].id',
      actual: '(missing)',
    });
  });

  it('passes on an empty list and fails when the path selects nothing', async () => {
    expect((await run(unique('$.items[*]'), { items: [] })).outcome).toBe('pass');
    expect((await run(unique('$.items'), {})).message).toBe('$.items selected nothing');
  });
});

describe('sorted', () => {
  it('passes on ascending numbers and on descending ones when asked', async () => {
    expect((await run(sorted('$.v'), { v: [1, 2, 2, 10] })).outcome).toBe('pass');
    expect((await run(sorted('$.v', { order: 'desc' }), { v: [10, 2, 2, 1] })).outcome).toBe('pass');
  });

  it('compares numbers numerically, not as text', async () => {
    expect((await run(sorted('$.v'), { v: [9, 10, 100] })).outcome).toBe('pass');
  });

  it('compares strings with localeCompare', async () => {
    expect((await run(sorted('$.v'), { v: ['apple', 'Banana', 'cherry'] })).outcome).toBe('pass');
  });

  it('fails at the first item out of order, by key', async () => {
    const json = { items: [{ price: 5 }, { price: 25 }, { price: 19 }, { price: 30 }] };
    expect(await run(sorted('$.items', { by: 'price' }), json)).toEqual({
      name: 'sorted $.items by price',
      kind: 'rule',
      outcome: 'fail',
      step: 'recs',
      message: '$.items[2].price is 19 but $.items[1].price before it is 25, expected ascending order',
      path: '$.items[2].price',
      expected: '>= 25',
      actual: '19',
    });
  });

  it('says how many neighbouring pairs are out of order', async () => {
    const check = await run(sorted('$.v', { order: 'desc' }), { v: [3, 4, 1, 2] });
    expect(check).toMatchObject({
      message: '$.v[1] is 4 but $.v[0] before it is 3, expected descending order; 2 of 3 neighbouring pairs are out of order',
      expected: '<= 3',
    });
  });

  it('fails on keys that cannot be compared', async () => {
    expect(await run(sorted('$.items', { by: '$.price' }), { items: [{ price: 1 }, { price: '2' }] })).toMatchObject({
      outcome: 'fail',
      message: '$.items[1].price is a string ("2"), expected a number like $.items[0].price to sort by',
      path: '$.items[1].price',
    });
    expect((await run(sorted('$.items', { by: 'price' }), { items: [{ price: 1 }, {}] })).message).toBe(
      '$.items[1].price is missing, expected a number like $.items[0].price to sort by',
    );
  });

  it('passes on an empty list and fails when the path selects nothing', async () => {
    expect((await run(sorted('$.items[*]'), { items: [] })).outcome).toBe('pass');
    expect((await run(sorted('$.items'), {})).message).toBe('$.items selected nothing');
  });
});
