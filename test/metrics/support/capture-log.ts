// A real pino logger whose JSON lines the test reads back.
import { Writable } from 'node:stream';
import type { LogLevel } from '../../../src/logging/log-options.ts';
import { createLogger, type Logger } from '../../../src/logging/logger.ts';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

export function captureLog(level: LogLevel = 'info'): { logger: Logger; lines: LogLine[]; warnings(): LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const logger = createLogger({ level, destination });
  return { logger, lines, warnings: () => lines.filter((l) => l.level === LEVEL.warn) };
}
