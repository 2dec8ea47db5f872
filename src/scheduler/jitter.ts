// A small, deterministic delay per schedule, so that every `*/30 * * * * *` probe does
// not hit the target in the same millisecond. Deterministic, so a schedule keeps its
// phase across restarts and reloads and runs stay evenly spaced.
import { createHash } from 'node:crypto';

/** Jitter never exceeds this share of the schedule's interval... */
export const JITTER_SHARE_OF_INTERVAL = 0.1;
/** ...nor this many milliseconds. */
export const MAX_JITTER_MS = 5_000;

/** The largest delay a schedule with this interval may get. */
export function jitterBoundMs(intervalMs: number): number {
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) return 0;
  return Math.min(intervalMs * JITTER_SHARE_OF_INTERVAL, MAX_JITTER_MS);
}

/** `id` is `probe|persona|target`; the result is in [0, jitterBoundMs(intervalMs)). */
export function jitterMs(id: string, intervalMs: number): number {
  const bound = jitterBoundMs(intervalMs);
  if (bound <= 0) return 0;
  const fraction = createHash('sha256').update(id).digest().readUInt32BE(0) / 2 ** 32;
  return Math.floor(fraction * bound);
}
