import { expect, test } from 'vitest';
import { childPath } from '../../src/config/child-path.ts';

test('extends a joined path by one key or index', () => {
  expect(childPath('', 'steps')).toBe('steps');
  expect(childPath('steps', 0)).toBe('steps[0]');
  expect(childPath('default[1].steps[0]', 'expect')).toBe('default[1].steps[0].expect');
  expect(childPath('headers', 'x-request-id')).toBe('headers["x-request-id"]');
  expect(childPath('capture', '')).toBe('capture[""]');
});
