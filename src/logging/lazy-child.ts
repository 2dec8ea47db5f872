// A child logger that comes into being on its first enabled call. A run logs nothing at
// the default level, and a pino child serializes (and redacts) its bindings the moment
// it is made: a cost every run paid for lines that were never written.
import type { LogFn } from 'pino';
import type { Logger } from './logger.ts';

type Level = 'debug' | 'info' | 'warn' | 'error';

export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const real = (): Logger => (child ??= parent.child(bindings));
  // Once made, the child decides: its level may have been set apart from the parent's.
  const enabled = (level: string): boolean => (child ?? parent).isLevelEnabled(level);
  const at = (level: Level): LogFn =>
    ((...args: Parameters<LogFn>) => {
      if (enabled(level)) real()[level](...args);
    }) as LogFn;
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: ((childBindings, options) => real().child(childBindings, options)) as Logger['child'],
    get level() {
      return (child ?? parent).level;
    },
    set level(level: string) {
      real().level = level;
    },
    isLevelEnabled: enabled,
  };
}
