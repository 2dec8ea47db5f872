// SIGTERM and SIGINT stop the daemon gracefully; a second one exits at once (a stuck
// shut-down must never trap an operator). SIGHUP reloads the configuration.
export const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** 128 + the signal's number, as shells report a process killed by it. */
export const SIGNAL_EXIT_CODES: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

export interface SignalHandlers {
  stop(signal: StopSignal): void;
  /** Called on a stop signal after the first. */
  exitNow(signal: StopSignal): void;
  reload(): void;
}

type SignalEmitter = Pick<NodeJS.Process, 'on' | 'off'>;

/** Installs the handlers; returns how to remove them. */
export function watchSignals(handlers: SignalHandlers, target: SignalEmitter = process): () => void {
  let stopping = false;
  const onStop = (signal: StopSignal) => {
    if (stopping) {
      handlers.exitNow(signal);
      return;
    }
    stopping = true;
    handlers.stop(signal);
  };
  const onHup = () => {
    if (!stopping) handlers.reload();
  };
  target.on('SIGTERM', onStop);
  target.on('SIGINT', onStop);
  target.on('SIGHUP', onHup);
  return () => {
    target.off('SIGTERM', onStop);
    target.off('SIGINT', onStop);
    target.off('SIGHUP', onHup);
  };
}
