// Ctrl+C and SIGTERM during a one-shot command: the first aborts the runs in flight so
// the reports still get written; a second exits at once.

export interface Interrupt {
  /** Aborted by the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** Stops listening; call it when the command ends. */
  dispose(): void;
}

export function watchInterrupts(stderr: NodeJS.WritableStream): Interrupt {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    stderr.write('\nstopping: runs in flight are being aborted (press Ctrl+C again to exit at once)\n');
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
