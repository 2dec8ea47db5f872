import { describe, expect, it } from 'vitest';
import {
  count,
  custom,
  equals,
  every,
  fresh,
  nonEmpty,
  notNull,
  oneOf,
  pattern,
  present,
  range,
  ruleName,
  sorted,
  unique,
} from '../../src/validate/rules.ts';

describe('rule factories', () => {
  it('build plain objects with only the fields given', () => {
    expect(nonEmpty('$.items')).toEqual({ rule: 'nonEmpty', path: '$.items' });
    expect(count('$.items', { min: 1 })).toEqual({ rule: 'count', path: '$.items', min: 1 });
    expect(Object.keys(count('$.items', { min: 1, max: undefined }))).toEqual(['rule', 'path', 'min']);
    expect(unique('$.items')).toEqual({ rule: 'unique', path: '$.items' });
    expect(unique('$.items', { by: 'id' })).toEqual({ rule: 'unique', path: '$.items', by: 'id' });
    expect(present('$.userId')).toEqual({ rule: 'present', path: '$.userId' });
    expect(notNull('$.items[*].id')).toEqual({ rule: 'notNull', path: '$.items[*].id' });
    expect(range('$.p', { above: 0, max: 5 })).toEqual({ rule: 'range', path: '$.p', above: 0, max: 5 });
    expect(fresh('$.at', '24h')).toEqual({ rule: 'fresh', path: '$.at', maxAge: '24h' });
    expect(sorted('$.items', { by: 'price', order: 'desc' })).toEqual({ rule: 'sorted', path: '$.items', by: 'price', order: 'desc' });
    expect(oneOf('$.c', ['EUR'])).toEqual({ rule: 'oneOf', path: '$.c', values: ['EUR'] });
    expect(equals('$.u', '{{userId}}')).toEqual({ rule: 'equals', path: '$.u', value: '{{userId}}' });
  });

  it('are plain objects, not class instances', () => {
    expect(Object.getPrototypeOf(range('$.p', { min: 0 }))).toBe(Object.prototype);
  });

  it('carry name and severity from the options', () => {
    expect(nonEmpty('$.items', { name: 'has recs', severity: 'warn' })).toEqual({
      rule: 'nonEmpty',
      path: '$.items',
      name: 'has recs',
      severity: 'warn',
    });
  });

  it('store a RegExp as its source and flags', () => {
    expect(pattern('$.sku', /^p-\d+$/i)).toEqual({ rule: 'pattern', path: '$.sku', pattern: '^p-\\d+$', flags: 'i' });
    expect(pattern('$.sku', /^p/)).toEqual({ rule: 'pattern', path: '$.sku', pattern: '^p' });
    expect(pattern('$.sku', '^p')).toEqual({ rule: 'pattern', path: '$.sku', pattern: '^p' });
  });

  it('every takes a predicate or a schema reference', () => {
    const inStock = (item: unknown) => (item as { stock: number }).stock > 0;
    expect(every('$.items', inStock)).toEqual({ rule: 'every', path: '$.items', predicate: inStock });
    expect(every('$.items', { schema: 'product.schema.json' }, { description: 'valid products' })).toEqual({
      rule: 'every',
      path: '$.items',
      schema: 'product.schema.json',
      description: 'valid products',
    });
  });

  it('custom takes a name, a check and optionally a path and severity', () => {
    const check = () => true;
    expect(custom('totals add up', check, { path: '$.total', severity: 'warn' })).toEqual({
      rule: 'custom',
      name: 'totals add up',
      check,
      path: '$.total',
      severity: 'warn',
    });
  });
});

describe('ruleName', () => {
  it('prefers the given name', () => {
    expect(ruleName(nonEmpty('$.items', { name: 'recommendations present' }))).toBe('recommendations present');
  });

  it('builds a default from the rule, its path and its parameters', () => {
    expect(ruleName(nonEmpty('$.items'))).toBe('nonEmpty $.items');
    expect(ruleName(count('$.items', { min: 1, max: 10 }))).toBe('count $.items [1..10]');
    expect(ruleName(count('$.items', { min: 1 }))).toBe('count $.items [1..]');
    expect(ruleName(count('$.items', { max: 10 }))).toBe('count $.items [..10]');
    expect(ruleName(range('$.items[*].price', { above: 0 }))).toBe('range $.items[*].price (>0)');
    expect(ruleName(range('$.r', { min: 1, max: 5 }))).toBe('range $.r (>=1 <=5)');
    expect(ruleName(unique('$.items', { by: 'id' }))).toBe('unique $.items by id');
    expect(ruleName(unique('$.items'))).toBe('unique $.items');
    expect(ruleName(present('$.userId'))).toBe('present $.userId');
    expect(ruleName(notNull('$.items[*].id'))).toBe('notNull $.items[*].id');
    expect(ruleName(pattern('$.sku', /^P-\d+$/i))).toBe('pattern $.sku /^P-\\d+$/i');
    expect(ruleName(fresh('$.generatedAt', '24h'))).toBe('fresh $.generatedAt (24h)');
    expect(ruleName(fresh('$.generatedAt', 90_000))).toBe('fresh $.generatedAt (1.5m)');
    expect(ruleName(sorted('$.items'))).toBe('sorted $.items');
    expect(ruleName(sorted('$.items', { by: 'price', order: 'desc' }))).toBe('sorted $.items by price desc');
    expect(ruleName(oneOf('$.currency', ['EUR', 'USD']))).toBe('oneOf $.currency ["EUR","USD"]');
    expect(ruleName(equals('$.userId', '{{userId}}'))).toBe('equals $.userId "{{userId}}"');
    expect(ruleName(custom('totals add up', () => true))).toBe('totals add up');
  });

  it('names every rules by what they check', () => {
    function inStock(): boolean {
      return true;
    }
    expect(ruleName(every('$.items', { schema: 'product.schema.json' }))).toBe('every $.items matches product.schema.json');
    expect(ruleName(every('$.items', { schema: { type: 'object' } }))).toBe('every $.items matches inline schema');
    expect(ruleName(every('$.items', inStock))).toBe('every $.items satisfies inStock');
    expect(ruleName(every('$.items', () => true, { description: 'has stock' }))).toBe('every $.items has stock');
  });

  it('keeps long values in names short', () => {
    const name = ruleName(oneOf('$.c', Array.from({ length: 50 }, (_, i) => `value-${i}`)));
    expect(name.length).toBeLessThanOrEqual('oneOf $.c '.length + 60);
    expect(name.endsWith('…')).toBe(true);
  });
});
