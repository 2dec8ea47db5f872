import type { ErrorObject } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { MAX_VIOLATIONS, toViolations } from '../../src/validate/schema-errors.ts';

function ajvError(keyword: string, instancePath: string, params: Record<string, unknown>, message?: string): ErrorObject {
  return { keyword, instancePath, schemaPath: `#/${keyword}`, params, ...(message ? { message } : {}) };
}

describe('toViolations', () => {
  it('turns the root pointer into $', () => {
    expect(toViolations([ajvError('type', '', { type: 'object' })], [1])).toEqual([
      { path: '$', message: '$ must be object, got array [1]', expected: 'object', actual: '[1]' },
    ]);
  });

  it('joins the types of a type list', () => {
    expect(toViolations([ajvError('type', '/n', { type: ['string', 'null'] })], { n: 3 })[0]).toMatchObject({
      message: '$.n must be string or null, got number 3',
      expected: 'string or null',
    });
  });

  it('decodes ~1 and ~0 in pointers', () => {
    const data = { 'a/b': { 'c~d': true } };
    expect(toViolations([ajvError('type', '/a~1b/c~0d', { type: 'string' })], data)[0]?.path).toBe("$['a/b']['c~d']");
  });

  it('names the missing property of required and dependentRequired', () => {
    expect(toViolations([ajvError('dependentRequired', '/card', { missingProperty: 'cvc', property: 'number' })], { card: {} })).toEqual([
      { path: '$.card.cvc', message: "$.card is missing required property 'cvc'", expected: 'required', actual: '(missing)' },
    ]);
  });

  it('names an unevaluated property', () => {
    expect(toViolations([ajvError('unevaluatedProperties', '', { unevaluatedProperty: 'x' })], { x: 1 })[0]).toEqual({
      path: '$.x',
      message: "$ has unexpected property 'x'",
      expected: 'no such property',
      actual: '1',
    });
  });

  it('writes const and pattern errors with what came', () => {
    const data = { v: 'b', sku: 'x' };
    expect(toViolations([ajvError('const', '/v', { allowedValue: 'a' })], data)[0]?.message).toBe('$.v must equal "a", got "b"');
    expect(toViolations([ajvError('pattern', '/sku', { pattern: '^P-' })], data)[0]).toMatchObject({
      message: '$.sku must match /^P-/, got "x"',
      expected: '/^P-/',
    });
  });

  it("falls back to ajv's own message for other keywords", () => {
    const error = ajvError('minItems', '/items', { limit: 1 }, 'must NOT have fewer than 1 items');
    expect(toViolations([error], { items: [] })[0]).toEqual({
      path: '$.items',
      message: '$.items must NOT have fewer than 1 items, got []',
      expected: 'must NOT have fewer than 1 items',
      actual: '[]',
    });
  });

  it('drops repeated violations', () => {
    const error = ajvError('type', '/a', { type: 'string' });
    expect(toViolations([error, { ...error, schemaPath: '#/anyOf/1/type' }], { a: 1 })).toHaveLength(1);
  });

  it(`keeps at most ${MAX_VIOLATIONS}`, () => {
    const errors = Array.from({ length: 25 }, (_, i) => ajvError('type', `/${i}`, { type: 'string' }));
    expect(toViolations(errors, Array.from({ length: 25 }, () => 0))).toHaveLength(MAX_VIOLATIONS);
  });

  it('truncates long values in actual to 200 characters', () => {
    const long = 'x'.repeat(500);
    const [violation] = toViolations([ajvError('type', '/a', { type: 'number' })], { a: long });
    expect(violation?.actual).toHaveLength(200);
    expect(violation?.message.length).toBeLessThan(120);
  });
});
