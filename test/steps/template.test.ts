import { describe, expect, it } from 'vitest';
import { fillDeep, fillTemplate, UnknownVariableError } from '../../src/steps/template.ts';

const variables = { userId: 42, name: 'Ada', tags: ['a'] };

describe('fillDeep', () => {
  it('gives a lone placeholder the variable itself, type and all', () => {
    expect(fillDeep('{{userId}}', variables)).toBe(42);
    expect(fillDeep('{{ tags }}', variables)).toEqual(['a']);
  });

  it('interpolates placeholders inside text', () => {
    expect(fillDeep('user {{userId}} is {{name}}', variables)).toBe('user 42 is Ada');
  });

  it('fills strings at any depth of a body and leaves other values alone', () => {
    expect(fillDeep({ user: { id: '{{userId}}', label: 'n:{{name}}' }, items: ['{{name}}', 3, null, true] }, variables)).toEqual({
      user: { id: 42, label: 'n:Ada' },
      items: ['Ada', 3, null, true],
    });
    expect(fillDeep('plain', variables)).toBe('plain');
  });

  it('throws on an unknown variable, naming the known ones', () => {
    expect(() => fillDeep('{{cartId}}', variables)).toThrow(UnknownVariableError);
    expect(() => fillDeep({ a: ['{{cartId}}'] }, variables)).toThrow("no variable 'cartId'; available: name, tags, userId");
    expect(() => fillDeep('x {{cartId}}', {})).toThrow("no variable 'cartId'; the run has no variables");
  });
});

describe('fillTemplate', () => {
  it('writes non-string variables as JSON inside text', () => {
    expect(fillTemplate('/api/users/{{userId}}/tags/{{tags}}', variables)).toBe('/api/users/42/tags/["a"]');
  });

  it('does not look up inherited properties as variables', () => {
    expect(() => fillTemplate('{{constructor}}', {})).toThrow("no variable 'constructor'");
  });
});
