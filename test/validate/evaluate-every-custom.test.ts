import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/model/definitions.ts';
import { evaluateRule } from '../../src/validate/evaluate-rule.ts';
import { custom, every } from '../../src/validate/rules.ts';
import { SchemaRegistry } from '../../src/validate/schemas.ts';
import { ruleContext } from './rule-context.ts';

const run = (rule: Rule, json: unknown, schemas = SchemaRegistry.empty()) =>
  evaluateRule(rule, ruleContext(json, { userId: 'u-1' }, { recommendations: 3 }), 'recs', schemas);

const items = { items: [{ stock: 3 }, { stock: 0 }, { stock: -1 }, { stock: 5 }] };

describe('every with a predicate', () => {
  it('passes when the predicate holds for every item, and hands it item and index', async () => {
    const seen: Array<[unknown, number]> = [];
    const check = await run(
      every('$.items', (item, index) => {
        seen.push([item, index]);
        return true;
      }),
      { items: ['a', 'b'] },
    );
    expect(check.outcome).toBe('pass');
    expect(seen).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });

  it('fails at the first item the predicate rejects, saying how many failed', async () => {
    function inStock(item: unknown): boolean {
      return (item as { stock: number }).stock > 0;
    }
    expect(await run(every('$.items', inStock), items)).toEqual({
      name: 'every $.items satisfies inStock',
      kind: 'rule',
      outcome: 'fail',
      step: 'recs',
      message: '$.items[1] does not satisfy inStock; 2 of 4 items fail',
      path: '$.items[1]',
      expected: 'inStock',
      actual: '{"stock":0}',
    });
  });

  it('uses a returned string as the message', async () => {
    const check = await run(
      every('$.items[*]', (item) => (item as { stock: number }).stock >= 0 || 'negative stock', { description: 'stock >= 0' }),
      items,
    );
    expect(check).toMatchObject({ outcome: 'fail', message: 'negative stock', path: '$.items[2]', expected: 'stock >= 0' });
  });

  it('treats an item it returns nothing for as passing', async () => {
    expect((await run(every('$.items', () => undefined), items)).outcome).toBe('pass');
  });

  it('errors, naming the item, when the predicate throws', async () => {
    const check = await run(
      every('$.items', (item) => {
        if ((item as { stock: number }).stock === 0) throw new Error('no stock field');
        return true;
      }),
      items,
    );
    expect(check).toMatchObject({ outcome: 'error', message: 'every predicate threw at $.items[1]: no stock field', path: '$.items[1]' });
  });

  it('does not let an async predicate pass by returning a promise', async () => {
    const check = await run(every('$.items', (async () => false) as never), items);
    expect(check.outcome).toBe('fail');
  });

  it('errors when the predicate returns something that is not a verdict', async () => {
    expect((await run(every('$.items', (() => 1) as never), items)).message).toBe(
      'every predicate returned 1; expected true, false, a message or nothing',
    );
  });

  it('fails on an empty list rather than passing vacuously, and when nothing is selected', async () => {
    expect(await run(every('$.items', () => true, { description: 'ok' }), { items: [] })).toMatchObject({
      outcome: 'fail',
      message: '$.items has no items to check',
      path: '$.items',
      expected: 'ok',
      actual: '[]',
    });
    expect((await run(every('$.items[*]', () => true), { items: [] })).message).toBe('$.items has no items to check');
    expect((await run(every('$.items', () => true), {})).message).toBe('$.items selected nothing');
  });

  it('warns with severity warn', async () => {
    expect((await run(every('$.items', () => false, { severity: 'warn' }), items)).outcome).toBe('warn');
  });
});

describe('every with a schema', () => {
  const product = {
    type: 'object',
    required: ['id', 'price'],
    properties: { id: { type: 'string' }, price: { type: 'number', exclusiveMinimum: 0 } },
  };

  it('passes when every item validates against an inline schema', async () => {
    expect((await run(every('$.items', { schema: product }), { items: [{ id: 'a', price: 1 }] })).outcome).toBe('pass');
  });

  it('fails at the first invalid item with its path in the payload', async () => {
    const json = { items: [{ id: 'a', price: 1 }, { id: 'b', price: '19.99' }, { price: 2 }] };
    expect(await run(every('$.items', { schema: product }), json)).toEqual({
      name: 'every $.items matches inline schema',
      kind: 'rule',
      outcome: 'fail',
      step: 'recs',
      message: '$.items[1].price must be number, got string "19.99"; 2 of 3 items fail',
      path: '$.items[1].price',
      expected: 'number',
      actual: '"19.99"',
    });
  });

  it('says how many more violations the first bad item has', async () => {
    const check = await run(every('$.items', { schema: product }), { items: [{ id: 5, price: -1 }] });
    expect(check.message).toBe('$.items[0].id must be string, got number 5 (+1 more in this item)');
  });

  it('errors when the schema reference is unknown', async () => {
    const check = await run(every('$.items', { schema: 'product.schema.json' }), { items: [{}] });
    expect(check).toMatchObject({
      outcome: 'error',
      message: "no schema 'product.schema.json' in the schemas folder; the folder has no *.json files",
    });
  });
});

describe('custom', () => {
  it('passes on true and on nothing', async () => {
    expect((await run(custom('ok', () => true), {})).outcome).toBe('pass');
    expect((await run(custom('ok', () => undefined), {})).outcome).toBe('pass');
  });

  it('sees the payload, variables and measures', async () => {
    const check = await run(
      custom('sees all', (ctx) => ctx.variables['userId'] === 'u-1' && ctx.measures['recommendations'] === 3 && ctx.query('$.a')[0]?.value === 1),
      { a: 1 },
    );
    expect(check.outcome).toBe('pass');
  });

  it('fails on false with a standard message', async () => {
    expect(await run(custom('totals add up', () => false), {})).toEqual({
      name: 'totals add up',
      kind: 'rule',
      outcome: 'fail',
      step: 'recs',
      message: 'custom rule returned false',
    });
  });

  it('fails with a returned message, at its path, and awaits async checks', async () => {
    expect(await run(custom('total', async () => 'total is 9, items sum to 10', { path: '$.total' }), {})).toMatchObject({
      outcome: 'fail',
      message: 'total is 9, items sum to 10',
      path: '$.total',
    });
  });

  it('errors when the check throws or rejects', async () => {
    const thrown = await run(
      custom('boom', () => {
        throw new Error('cannot read total');
      }),
      {},
    );
    expect(thrown).toEqual({ name: 'boom', kind: 'rule', outcome: 'error', step: 'recs', message: 'custom rule threw: cannot read total' });
    expect((await run(custom('boom', () => Promise.reject(new TypeError('x is undefined'))), {})).message).toBe(
      'custom rule threw: x is undefined',
    );
  });

  it('warns with severity warn, but still errors when it throws', async () => {
    expect((await run(custom('soft', () => false, { severity: 'warn' }), {})).outcome).toBe('warn');
    const check = await run(
      custom('soft', () => {
        throw new Error('x');
      }, { severity: 'warn' }),
      {},
    );
    expect(check.outcome).toBe('error');
  });
});

describe('an unknown rule kind', () => {
  it('is an error check', async () => {
    const check = await run({ rule: 'between', path: '$.x', name: 'odd' } as unknown as Rule, {});
    expect(check).toEqual({ name: 'odd', kind: 'rule', outcome: 'error', step: 'recs', message: "unknown rule 'between'" });
  });
});
