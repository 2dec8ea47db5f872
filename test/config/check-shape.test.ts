import { describe, expect, test } from 'vitest';
import { ShapeChecker } from '../../src/config/check-shape.ts';
import { Diagnostics } from '../../src/config/diagnostics.ts';

function checker(): { check: ShapeChecker; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  return { check: new ShapeChecker(diagnostics, 'probes/x.probe.ts'), diagnostics };
}

describe('ShapeChecker', () => {
  test('shape reports every unknown key and returns the object', () => {
    const { check, diagnostics } = checker();
    const value = { name: 'a', nmae: 'b', colour: 'c' };
    expect(check.shape(value, 'steps[0]', ['name', 'api'])).toBe(value);
    expect(diagnostics.items.map((d) => [d.path, d.message, d.hint])).toEqual([
      ['steps[0].nmae', "unknown key 'nmae'", "did you mean 'name'?"],
      ['steps[0].colour', "unknown key 'colour'", 'known keys: name, api'],
    ]);
  });

  test('shape refuses what is not an object literal', () => {
    const { check, diagnostics } = checker();
    for (const value of [null, [], /x/, () => 1, 'x']) expect(check.shape(value, 'api', [])).toBeUndefined();
    expect(diagnostics.items.map((d) => d.message)).toEqual([
      'expected an object, got null',
      'expected an object, got an empty array',
      'expected an object, got a RegExp (/x/)',
      'expected an object, got a function',
      "expected an object, got a string ('x')",
    ]);
  });

  test('field skips a missing optional key and reports a missing required one on its own path', () => {
    const { check, diagnostics } = checker();
    expect(check.field({}, 'api', 'method', check.string)).toBe(true);
    expect(check.field({}, 'api', 'path', check.string, { required: true, hint: "e.g. path: '/'" })).toBe(false);
    expect(diagnostics.items).toEqual([{ severity: 'error', file: 'probes/x.probe.ts', path: 'api.path', message: "missing required key 'path'", hint: "e.g. path: '/'" }]);
  });

  test('value checks name what was expected and what came', () => {
    const { check, diagnostics } = checker();
    check.integer({ min: 0, max: 10 })(2.5, 'retries');
    check.integer({ max: 3 })(4, 'a');
    check.finiteNumber(Number.NaN, 'b');
    check.oneOf(['GET', 'POST'], 'HTTP method', 'HTTP methods')(5, 'method');
    check.arrayOf(check.string)('x', 'tags');
    check.recordOf(check.string)({ a: 'ok', b: 1 }, 'headers');
    check.jsonPath('', 'path');
    expect(diagnostics.items.map((d) => [d.path, d.message])).toEqual([
      ['retries', 'expected an integer from 0 to 10, got a number (2.5)'],
      ['a', 'expected an integer of at most 3, got a number (4)'],
      ['b', 'expected a finite number, got NaN'],
      ['method', "expected one of 'GET' or 'POST', got a number (5)"],
      ['tags', "expected an array, got a string ('x')"],
      ['headers.b', 'expected a string, got a number (1)'],
      ['path', "invalid JSONPath '': it is empty"],
    ]);
  });

  test('long strings are shortened in messages', () => {
    const { check, diagnostics } = checker();
    check.boolean('x'.repeat(100), 'soft');
    expect(diagnostics.items[0]?.message).toBe(`expected a boolean, got a string ('${'x'.repeat(39)}…')`);
  });
});
