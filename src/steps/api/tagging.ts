// Probe traffic says what it is, so the service under test can keep synthetic requests
// out of its business metrics and find them in its traces.
import { randomFillSync } from 'node:crypto';
import { USER_AGENT } from '../../version.ts';

// Trace and span ids are drawn from a pool filled a few kilobytes at a time: a
// randomBytes call per id cost more than the rest of the tagging together.
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + bytes);
  used += bytes;
  return hex;
}

export function newTraceId(): string {
  return randomHex(16);
}

export function taggingHeaders(probe: string, persona: string, traceId: string): Record<string, string> {
  return {
    'user-agent': USER_AGENT,
    traceparent: `00-${traceId}-${randomHex(8)}-01`,
    'x-payloadwatch-probe': probe,
    'x-payloadwatch-persona': persona,
  };
}
