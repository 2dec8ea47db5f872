import { expect, test } from 'vitest';
import { cronProblem } from '../../src/config/cron-expression.ts';

test('5- and 6-field expressions are schedules', () => {
  expect(cronProblem('*/5 * * * *')).toBeUndefined();
  expect(cronProblem('*/30 * * * * *')).toBeUndefined();
  expect(cronProblem('0 9 * * MON-FRI')).toBeUndefined();
});

test('each bad field is named', () => {
  expect(cronProblem('61 * * * *')).toBe("'61' is not a valid minute");
  expect(cronProblem('0 25 32 * *')).toBe("'25' is not a valid hour; '32' is not a valid day of month");
  expect(cronProblem('* * * * * * *')).toBe('expected 5 or 6 fields but got 7');
});
