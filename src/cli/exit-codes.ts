/** The exit-code contract of every command (DESIGN.md). */
export const EXIT = {
  ok: 0,
  /** A probe failed or errored; compare: FAIL. */
  failed: 1,
  /** Invalid configuration or usage. */
  usage: 2,
  /** compare was INCONCLUSIVE. */
  inconclusive: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
