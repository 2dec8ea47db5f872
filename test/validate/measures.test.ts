import { describe, expect, it } from 'vitest';
import { MeasureError, measure, takeMeasure } from '../../src/validate/measures.ts';
import { selectList } from '../../src/validate/selection.ts';
import { ruleContext } from './rule-context.ts';

const payload = {
  items: [
    { id: 'a', price: 10 },
    { id: 'b', price: 2.5 },
    { id: 'c', price: '7' },
  ],
  total: 12.5,
  none: [],
  emptyObject: {},
  label: 'x',
};
const ctx = ruleContext(payload);

describe('count semantics', () => {
  it('counts the elements of one selected array, and the nodes otherwise, so both spellings agree', () => {
    expect(selectList(ctx, '$.items')?.items.map((n) => n.path)).toEqual(['$.items[0]', '$.items[1]', '$.items[2]']);
    expect(selectList(ctx, '$.items[*]')?.items.map((n) => n.path)).toEqual(['$.items[0]', '$.items[1]', '$.items[2]']);
    expect(selectList(ctx, '$.items[*].id')?.items.length).toBe(3);
  });

  it('reads a wildcard over an empty array as an empty list, not as nothing selected', () => {
    expect(selectList(ctx, '$.none')).toEqual({ items: [], container: { path: '$.none', value: [] } });
    expect(selectList(ctx, '$.none[*]')).toEqual({ items: [], container: { path: '$.none', value: [] } });
    expect(selectList(ctx, '$.emptyObject.*')).toEqual({ items: [], container: { path: '$.emptyObject', value: {} } });
  });

  it('is undefined when the path selects nothing', () => {
    expect(selectList(ctx, '$.missing')).toBeUndefined();
    expect(selectList(ctx, '$.missing[*]')).toBeUndefined();
    expect(selectList(ctx, '$.items[*].missing')).toBeUndefined();
  });
});

describe('measures', () => {
  it('build plain measure objects', () => {
    expect(measure.count('$.items')).toEqual({ measure: 'count', path: '$.items' });
    expect(measure.value('$.total')).toEqual({ measure: 'value', path: '$.total' });
    expect(measure.sum('$.a')).toEqual({ measure: 'sum', path: '$.a' });
    expect(measure.min('$.a')).toEqual({ measure: 'min', path: '$.a' });
    expect(measure.max('$.a')).toEqual({ measure: 'max', path: '$.a' });
    const fn = () => 1;
    expect(measure.custom(fn)).toEqual({ measure: 'custom', fn });
  });

  it('count agrees for $.items and $.items[*], including 0 for an empty list', () => {
    expect(takeMeasure(measure.count('$.items'), ctx)).toBe(3);
    expect(takeMeasure(measure.count('$.items[*]'), ctx)).toBe(3);
    expect(takeMeasure(measure.count('$.none'), ctx)).toBe(0);
    expect(takeMeasure(measure.count('$.none[*]'), ctx)).toBe(0);
    expect(takeMeasure(measure.count('$.items[?@.price > 5]'), ctx)).toBe(1);
    expect(takeMeasure(measure.count('$.label'), ctx)).toBe(1);
  });

  it('count is undefined when the path selects nothing', () => {
    expect(takeMeasure(measure.count('$.missing'), ctx)).toBeUndefined();
  });

  it('value is the selected number, and undefined for non-numbers', () => {
    expect(takeMeasure(measure.value('$.total'), ctx)).toBe(12.5);
    expect(takeMeasure(measure.value('$.items[*].price'), ctx)).toBe(10);
    expect(takeMeasure(measure.value('$.label'), ctx)).toBeUndefined();
    expect(takeMeasure(measure.value('$.items'), ctx)).toBeUndefined();
    expect(takeMeasure(measure.value('$.missing'), ctx)).toBeUndefined();
  });

  it('sum, min and max take the numbers selected and skip the rest', () => {
    expect(takeMeasure(measure.sum('$.items[*].price'), ctx)).toBe(12.5);
    expect(takeMeasure(measure.min('$.items[*].price'), ctx)).toBe(2.5);
    expect(takeMeasure(measure.max('$.items[*].price'), ctx)).toBe(10);
  });

  it('sum, min and max read one selected array as its elements', () => {
    const numbers = ruleContext({ scores: [3, 9, 1] });
    expect(takeMeasure(measure.sum('$.scores'), numbers)).toBe(13);
    expect(takeMeasure(measure.min('$.scores'), numbers)).toBe(1);
    expect(takeMeasure(measure.max('$.scores'), numbers)).toBe(9);
  });

  it('sum, min and max are undefined, never NaN or 0, when nothing numeric is selected', () => {
    expect(takeMeasure(measure.sum('$.none'), ctx)).toBeUndefined();
    expect(takeMeasure(measure.min('$.items[*].id'), ctx)).toBeUndefined();
    expect(takeMeasure(measure.max('$.missing'), ctx)).toBeUndefined();
  });

  it('min and max handle lists too long to spread into arguments', () => {
    const big = ruleContext({ n: Array.from({ length: 300_000 }, (_, i) => i) });
    expect(takeMeasure(measure.max('$.n'), big)).toBe(299_999);
  });

  it('custom returns the function result when it is a finite number', () => {
    expect(takeMeasure(measure.custom((c) => (c.json as typeof payload).total * 2), ctx)).toBe(25);
    expect(takeMeasure(measure.custom(() => Number.NaN), ctx)).toBeUndefined();
    expect(takeMeasure(measure.custom(() => undefined), ctx)).toBeUndefined();
    expect(takeMeasure(measure.custom(() => '3' as unknown as number), ctx)).toBeUndefined();
  });

  it('throws a MeasureError when a custom function throws or a path is invalid', () => {
    const failing = measure.custom(() => {
      throw new Error('boom');
    });
    expect(() => takeMeasure(failing, ctx)).toThrow(MeasureError);
    expect(() => takeMeasure(failing, ctx)).toThrow('custom measure threw: boom');
    expect(() => takeMeasure(measure.count('$.items[?'), ctx)).toThrow(/^measure count\(\$\.items\[\?\) failed: /);
  });
});
