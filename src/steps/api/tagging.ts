// Probe traffic says what it is, so the service under test can keep synthetic requests
// out of its business metrics and find them in its traces.
import { randomBytes } from 'node:crypto';
import { USER_AGENT } from '../../version.ts';

export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}

export function taggingHeaders(probe: string, persona: string, traceId: string): Record<string, string> {
  const spanId = randomBytes(8).toString('hex');
  return {
    'user-agent': USER_AGENT,
    traceparent: `00-${traceId}-${spanId}-01`,
    'x-payloadwatch-probe': probe,
    'x-payloadwatch-persona': persona,
  };
}
