// A known set of run results: what the metrics tests record and then look for.
import type { RunResult } from '../../../src/model/results.ts';

const base = { target: 'local', url: 'http://127.0.0.1:4010', flaky: false, startedAt: '2026-12-04T21:00:00.000Z', attempts: 1, artifacts: [] };

/** Returning buyer: everything passes, six recommendations. */
export const PASSING_RUN: RunResult = {
  ...base,
  probe: 'recommendations',
  persona: 'returning-buyer',
  outcome: 'pass',
  durationMs: 250,
  steps: [{ name: 'get recommendations', outcome: 'pass', durationMs: 120, method: 'GET', serverAddress: '127.0.0.1', status: 200 }],
  checks: [
    { name: 'status', kind: 'status', outcome: 'pass', step: 'get recommendations', message: '' },
    { name: 'recommendations are never empty', kind: 'rule', outcome: 'pass', step: 'get recommendations', message: '' },
  ],
  measures: { recommendations: 6 },
};

/** New user: 200 OK with an empty list, the incident. */
export const EMPTY_RECOMMENDATIONS_RUN: RunResult = {
  ...base,
  probe: 'recommendations',
  persona: 'new-user',
  outcome: 'fail',
  durationMs: 180,
  steps: [{ name: 'get recommendations', outcome: 'fail', durationMs: 40, method: 'GET', serverAddress: '127.0.0.1', status: 200 }],
  checks: [
    { name: 'status', kind: 'status', outcome: 'pass', step: 'get recommendations', message: '' },
    {
      name: 'recommendations are never empty',
      kind: 'rule',
      outcome: 'fail',
      step: 'get recommendations',
      message: 'expected a non-empty array at $.items, got []',
      path: '$.items',
    },
  ],
  measures: { recommendations: 0 },
};

/** The search API did not answer: a transport error, no status, the next step skipped. */
export const TRANSPORT_ERROR_RUN: RunResult = {
  ...base,
  probe: 'search',
  persona: 'new-user',
  outcome: 'error',
  durationMs: 5000,
  error: 'no answer within 5000 ms',
  steps: [
    { name: 'search', outcome: 'error', durationMs: 5000, method: 'get', serverAddress: 'shop.example', error: 'no answer within 5000 ms' },
    { name: 'open first result', outcome: 'skip', durationMs: 0 },
  ],
  checks: [
    { name: 'timeout', kind: 'transport', outcome: 'error', step: 'search', message: 'no answer within 5000 ms' },
    { name: 'status', kind: 'status', outcome: 'skip', step: 'open first result', message: '' },
  ],
  measures: {},
};

export const KNOWN_RUNS: readonly RunResult[] = [PASSING_RUN, EMPTY_RECOMMENDATIONS_RUN, TRANSPORT_ERROR_RUN];

export const SKIPPED_TICK = { probe: 'recommendations', persona: 'new-user', target: 'local' } as const;
