// Where the daemon listens and how long it drains, unless told otherwise; apart from the
// daemon itself so the command line can show them without loading it.
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 9470;
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
