import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem } from '../../src/validate/json-syntax.ts';

describe('findJsonSyntaxProblem', () => {
  it('finds nothing wrong in valid JSON', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\n\\u00e9", true, false, null, {"a": {}}] ', '"x"', '0']) {
      expect(findJsonSyntaxProblem(text)).toBeUndefined();
    }
  });

  it.each([
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, `unexpected '"', expected ',' or '}'`],
    ['{"a": 1,}', 1, 9, `unexpected '}', expected a property name in double quotes`],
    ['[1 2]', 1, 4, `unexpected '2', expected ',' or ']'`],
    ['{"a": tru}', 1, 7, `unexpected 't', expected a value`],
    ['{"a": 1', 1, 8, `unexpected end of file, expected ',' or '}'`],
    ['{"a": "x\ny"}', 1, 9, `line break inside a string`],
    ['{"a": "x', 1, 7, 'unterminated string'],
    ['{"a": "\\x"}', 1, 8, 'invalid escape in a string'],
    ['{} {}', 1, 4, `unexpected '{' after the value`],
    ['', 1, 1, 'unexpected end of file, expected a value'],
    ['{\r\n"a": -}', 2, 6, 'invalid number'],
    ["{'a': 1}", 1, 2, `unexpected ''', expected a property name in double quotes`],
  ])('locates the error in %j', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxProblem(text)).toEqual({ line, column, message });
  });
});
