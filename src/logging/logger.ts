// Structured logs with pino: JSON by default (for log pipelines), pretty when asked.
// Logs go to stderr so stdout stays the reporters'. Sensitive header values are
// redacted by pino's own redaction; secret values are redacted before they are logged.
import { pino, type Logger as PinoLogger } from 'pino';
import type { LogFormat, LogLevel } from './log-options.ts';


export type Logger = Pick<PinoLogger, 'debug' | 'info' | 'warn' | 'error' | 'child' | 'level' | 'isLevelEnabled'>;

const REDACT_PATHS = [
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  '*.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-api-key"]',
  'password',
  '*.password',
  'token',
  '*.token',
];

export function createLogger(options: { level?: LogLevel; format?: LogFormat; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? 'warn';
  const base = { level, base: { service: 'payloadwatch' }, redact: { paths: REDACT_PATHS, censor: '[REDACTED]' } };
  if (options.format === 'pretty') {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: Boolean(process.stderr.isTTY) } },
    });
  }
  return pino(base, (options.destination as pino.DestinationStream | undefined) ?? pino.destination({ dest: 2, sync: true }));
}

/** A logger that drops everything: for library use and tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
