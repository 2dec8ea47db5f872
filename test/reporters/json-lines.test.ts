import { describe, expect, it } from 'vitest';
import { ANY, formatPath, lineOfPath, locateValues, parsePath } from '../../src/reporters/html/json-lines.ts';

const PAYLOAD = {
  userId: 'u-1',
  items: [
    { id: 'p-1', price: 10, tags: ['a', 'b'] },
    { id: 'p-2', price: 0, 'sale-price': null, 'it\'s "odd"': true },
  ],
  empty: [],
  nested: { deeper: { value: 'x' } },
  total: 2,
};
const PRETTY = JSON.stringify(PAYLOAD, null, 2);
/** Line of the first line containing `text` in PRETTY. */
const lineWith = (text: string) => PRETTY.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('locateValues', () => {
  it('finds every value with the line it starts on', () => {
    const located = locateValues(PRETTY).map((v) => `${formatPath(v.path)}:${v.line}`);
    expect(located).toEqual([
      '$:1',
      '$.userId:2',
      '$.items:3',
      '$.items[0]:4',
      '$.items[0].id:5',
      '$.items[0].price:6',
      '$.items[0].tags:7',
      '$.items[0].tags[0]:8',
      '$.items[0].tags[1]:9',
      '$.items[1]:12',
      '$.items[1].id:13',
      '$.items[1].price:14',
      "$.items[1]['sale-price']:15",
      `$.items[1]['it\\'s "odd"']:16`,
      '$.empty:19',
      '$.nested:20',
      '$.nested.deeper:21',
      '$.nested.deeper.value:22',
      '$.total:25',
    ]);
  });

  it('locates what a cut text holds and nothing beyond', () => {
    const cut = PRETTY.split('\n').slice(0, 14).join('\n').slice(0, -1); // ends in '"price": 0'
    const located = locateValues(cut).map((v) => formatPath(v.path));
    expect(located).toContain('$.items[1].price');
    expect(located).not.toContain("$.items[1]['sale-price']");
    expect(located).not.toContain('$.total');
  });

  it('finds nothing in a text that is not JSON', () => {
    expect(locateValues('<!DOCTYPE html><p>oops</p>')).toEqual([]);
    expect(locateValues('')).toEqual([]);
  });

  it('reads compact JSON as one line', () => {
    expect(locateValues('{"a":[1,{"b":2}]}').map((v) => v.line)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('parsePath', () => {
  it.each([
    ['$', []],
    ['$.items[0].price', ['items', 0, 'price']],
    ["$['sale-price']", ['sale-price']],
    [`$["a\\"b"]`, ['a"b']],
    ["$['it\\'s']", ["it's"]],
    ["$['line\\nbreak']", ['line\nbreak']],
    ['$.items[*].price', ['items', ANY, 'price']],
    ['$.items.*', ['items', ANY]],
  ])('%s', (path, segments) => {
    expect(parsePath(path)).toEqual(segments);
  });

  it.each(['$..price', '$.items[?@.price > 0]', '$.items[-1]', '.items', 'items[0]', '$.items[0:2]'])('gives up on %s', (path) => {
    expect(parsePath(path)).toBeUndefined();
  });
});

describe('lineOfPath', () => {
  const located = locateValues(PRETTY);

  it.each([
    ['$.items[0].price', lineWith('"price": 10')],
    ['$.items[1].price', lineWith('"price": 0')],
    ['$.items', lineWith('"items"')],
    ["$.items[1]['sale-price']", lineWith('"sale-price"')],
    [`$.items[1]['it\\'s "odd"']`, lineWith('odd')],
    ['$.items[0].tags[1]', lineWith('"b"')],
    ['$.nested.deeper.value', lineWith('"value"')],
    ['$.items[*].price', lineWith('"price": 10')],
    ['$', 1],
  ])('%s → its line', (path, line) => {
    expect(lineOfPath(located, path)).toEqual({ line, foundAt: expect.any(String), exact: true });
  });

  it('falls back to the nearest enclosing value for a member the payload lacks', () => {
    expect(lineOfPath(located, '$.items[0].name')).toEqual({ line: lineWith('"id": "p-1"') - 1, foundAt: '$.items[0]', exact: false });
    expect(lineOfPath(located, '$.items[7].price')).toEqual({ line: lineWith('"items"'), foundAt: '$.items', exact: false });
  });

  it('never falls back to the root: a top-level member that is missing has no line', () => {
    expect(lineOfPath(located, '$.generatedAt')).toBeUndefined();
  });

  it('has no line for a path it cannot read, or a payload that is not JSON', () => {
    expect(lineOfPath(located, '$..price')).toBeUndefined();
    expect(lineOfPath(located, '.rec-card')).toBeUndefined();
    expect(lineOfPath(locateValues('<html>'), '$.items')).toBeUndefined();
  });
});
