// Schedules are checked when the project loads, not when the daemon first tries to use them.
import { validateDetailed } from 'node-cron';

export const CRON_HINT =
  "use 5 fields 'minute hour day-of-month month day-of-week', e.g. '*/5 * * * *', " +
  "or 6 with seconds first, e.g. '*/30 * * * * *'";

const FIELD_WORDS: Record<string, string> = {
  second: 'second',
  minute: 'minute',
  hour: 'hour',
  dayOfMonth: 'day of month',
  month: 'month',
  dayOfWeek: 'day of week',
};

/** Why `expression` is not a cron schedule node-cron accepts, or `undefined` when it is one. */
export function cronProblem(expression: string): string | undefined {
  const result = validateDetailed(expression);
  if (result.valid) return undefined;
  if (result.errors.length === 0) return 'not a cron expression';
  return result.errors
    .map((error) => {
      const field = FIELD_WORDS[error.field];
      return field ? `'${error.value ?? ''}' is not a valid ${field}` : error.message;
    })
    .join('; ');
}
