// Where ticks come from. node-cron parses the expression (seconds field allowed), follows
// the time zone and daylight-saving changes and notices ticks the event loop was too busy
// to fire; the scheduler decides what a tick does. Tests pass a source they fire by hand.
import { createTask, type Logger as CronLogger } from 'node-cron';
import type { Logger } from '../logging/logger.ts';

export interface TickSchedule {
  /** For logs; node-cron's task name. */
  name: string;
  expression: string;
  /** IANA name, e.g. `Europe/Berlin`; default: the process's time zone (`TZ`). */
  timezone?: string;
}

export interface TickHandlers {
  tick(at: Date): void;
  /** A tick that passed while the event loop was blocked. */
  missed(at: Date): void;
}

export interface Ticker {
  start(): void;
  /** Stops for good; the ticker is not started again. */
  stop(): void;
  nextRun(): Date | null;
}

export type TickSource = (schedule: TickSchedule, handlers: TickHandlers) => Ticker;

/** node-cron's own messages (overlap, missed ticks) go to our logger, at debug: the scheduler logs what matters. */
function cronLogger(logger: Logger): CronLogger {
  return {
    info: (message) => logger.debug({ source: 'node-cron' }, message),
    warn: (message) => logger.debug({ source: 'node-cron' }, message),
    error: (message, err) => logger.error({ source: 'node-cron', err: err ?? message }, String(message)),
    debug: (message) => logger.debug({ source: 'node-cron' }, String(message)),
  };
}

export function cronTickSource(logger: Logger): TickSource {
  return (schedule, handlers) => {
    // The task body only hands the tick over and returns at once, so node-cron never sees an
    // execution in progress: overlap is decided by the scheduler, which also sees the jitter
    // wait, the queue for a concurrency slot and runs that outlive a reload.
    const task = createTask(schedule.expression, (context) => handlers.tick(context.triggeredAt), {
      name: schedule.name,
      ...(schedule.timezone ? { timezone: schedule.timezone } : {}),
      unref: true,
      logger: cronLogger(logger),
    });
    task.on('execution:missed', (context) => handlers.missed(context.date));
    return {
      start: () => void task.start(),
      stop: () => void task.destroy(),
      nextRun: () => task.getNextRun(),
    };
  };
}
