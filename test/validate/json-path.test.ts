import { jsonpath } from 'json-p3';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/validate/canonical-json.ts';
import { displayPath, queryNodes } from '../../src/validate/json-path.ts';
import { memberPath } from '../../src/validate/path-building.ts';

const TRICKY = {
  items: [{ price: 1 }, { price: 2 }],
  'a-b': { "it's": 1, 'with space': 2, '0': 3, '': 4, 'naïve': 5, 'tab\there': 6, '~tilde': 7, back: { 'sl\\ash': 8 } },
  _ok: { $dollar: 9, Upper1: 10 },
};

describe('queryNodes paths', () => {
  it('are the display form of the normalized path, for every kind of name', () => {
    const expected = jsonpath.query('$..*', TRICKY).nodes.map((node) => displayPath(node.path));
    expect(queryNodes('$..*', TRICKY).map((node) => node.path)).toEqual(expected);
    expect(expected).toContain("$['a-b']['it\\'s']");
    expect(expected).toContain('$.items[1].price');
  });

  it('stay right past the name cache’s bound', () => {
    const many = Object.fromEntries(Array.from({ length: 2_500 }, (_, i) => [i % 2 ? `id-${i}` : `id_${i}`, i]));
    const nodes = queryNodes('$.*', many);
    expect(nodes).toHaveLength(2_500);
    expect(nodes[0]).toEqual({ path: '$.id_0', value: 0 });
    expect(nodes[2_499]).toEqual({ path: "$['id-2499']", value: 2_499 });
    expect(queryNodes('$.*', many).map((n) => n.path)).toEqual(nodes.map((n) => n.path));
  });
});

describe('memberPath', () => {
  it('gives the same path on every call, for plain and quoted names', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(memberPath('$.items[0]', 'id')).toBe('$.items[0].id');
      expect(memberPath('$', 'a-b')).toBe("$['a-b']");
      expect(memberPath('$.x', "it's")).toBe("$.x['it\\'s']");
    }
  });
});

describe('canonicalJson', () => {
  it('writes primitives as JSON does, and objects with sorted keys', () => {
    for (const value of ['p-1', 'quote"d', 0, -1.5, true, null]) expect(canonicalJson(value)).toBe(JSON.stringify(value));
    expect(canonicalJson(undefined)).toBe('undefined');
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});
