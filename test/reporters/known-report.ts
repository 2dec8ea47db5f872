// One report with a run of every kind the CI reporters must tell apart: a content failure
// (with a warning and a payload excerpt), a flaky pass, an error, and a failure whose texts
// are hostile (markup, quotes, control characters, line breaks).
import type { CheckResult, Report, RunResult } from '../../src/model/results.ts';

export const HOSTILE = '</script><img src=x onerror="alert(1)">&amp; "q" \'s\' \u0001\u001b|*_`[x](y)';

export const RECS_EXCERPT = `{
  "userId": "u-1001",
  "strategy": "popular",
  "items": [],
  "generatedAt": "2026-03-01T10:00:00.000Z"
}`;

export const SEARCH_EXCERPT = `{
  "query": "lamp",
  "items": [
    {
      "id": "p-1",
      "name": ${JSON.stringify(HOSTILE)},
      "price": 12.5
    },
    {
      "id": "p-2",
      "name": "Desk lamp",
      "price": -3
    }
  ],
  "total": 2
}`;

/** The incident's failing check: recommendations answered empty. */
export const EMPTY_RECS: CheckResult = {
  name: 'recommendations are never empty',
  kind: 'rule',
  outcome: 'fail',
  step: 'get recommendations',
  message: 'expected a non-empty array at $.items, got []',
  path: '$.items',
  expected: 'non-empty',
  actual: '[]',
};

const stale: CheckResult = {
  name: 'fresh $.generatedAt',
  kind: 'rule',
  outcome: 'warn',
  step: 'get recommendations',
  message: '$.generatedAt is 3d old, expected within 1h',
  path: '$.generatedAt',
  expected: 'within 1h',
  actual: '2026-03-01T10:00:00.000Z',
};

export const FAILED_RUN: RunResult = {
  probe: 'recommendations',
  persona: 'new-user',
  target: 'staging',
  url: 'https://staging.example.com',
  outcome: 'fail',
  flaky: false,
  startedAt: '2026-03-04T10:00:00.010Z',
  durationMs: 120,
  attempts: 1,
  steps: [{ name: 'get recommendations', outcome: 'fail', durationMs: 118, method: 'GET', serverAddress: 'staging.example.com', status: 200, excerpt: RECS_EXCERPT }],
  checks: [{ name: 'status', kind: 'status', outcome: 'pass', step: 'get recommendations', message: '' }, EMPTY_RECS, stale],
  measures: { recommendations: 0 },
  artifacts: [],
};

export const FLAKY_RUN: RunResult = {
  probe: 'recommendations',
  persona: 'returning-buyer',
  target: 'staging',
  url: 'https://staging.example.com',
  outcome: 'pass',
  flaky: true,
  startedAt: '2026-03-04T10:00:00.020Z',
  durationMs: 2345,
  attempts: 2,
  steps: [{ name: 'get recommendations', outcome: 'pass', durationMs: 40, status: 200 }],
  checks: [{ name: 'recommendations are never empty', kind: 'rule', outcome: 'pass', step: 'get recommendations', message: '', path: '$.items' }],
  measures: { recommendations: 6 },
  artifacts: [],
};

export const ERRORED_RUN: RunResult = {
  probe: 'checkout',
  persona: 'new-user',
  target: 'staging',
  url: 'https://staging.example.com',
  outcome: 'error',
  flaky: false,
  startedAt: '2026-03-04T10:00:00.030Z',
  durationMs: 10_004,
  attempts: 2,
  error: 'no answer within 10s',
  steps: [
    { name: 'add to cart', outcome: 'error', durationMs: 10_000, error: 'no answer within 10s' },
    { name: 'check out', outcome: 'skip', durationMs: 0 },
  ],
  checks: [{ name: 'timeout', kind: 'transport', outcome: 'error', step: 'add to cart', message: 'no answer within 10s' }],
  measures: {},
  artifacts: [],
};

export const HOSTILE_RUN: RunResult = {
  probe: 'search',
  persona: 'anonymous',
  target: 'staging',
  url: 'https://staging.example.com',
  outcome: 'fail',
  flaky: false,
  startedAt: '2026-03-04T10:00:00.040Z',
  durationMs: 7,
  attempts: 1,
  steps: [{ name: 'search lamp', outcome: 'fail', durationMs: 6, status: 200, excerpt: SEARCH_EXCERPT }],
  checks: [
    {
      name: `names are plain ${HOSTILE}`,
      kind: 'rule',
      outcome: 'fail',
      step: 'search lamp',
      message: `hit ${HOSTILE}\nis not plain`,
      path: '$.items[0].name',
      expected: 'plain text',
      actual: HOSTILE,
    },
    {
      name: 'prices are positive',
      kind: 'rule',
      outcome: 'fail',
      step: 'search lamp',
      message: '$.items[1].price is -3, expected > 0',
      path: '$.items[1].price',
      expected: '> 0',
      actual: '-3',
    },
  ],
  measures: { searchResults: 2 },
  artifacts: [],
};

export const KNOWN_REPORT: Report = {
  version: 1,
  startedAt: '2026-03-04T10:00:00.000Z',
  finishedAt: '2026-03-04T10:00:12.500Z',
  summary: { passed: 1, failed: 2, errored: 1, flaky: 1 },
  results: [FAILED_RUN, FLAKY_RUN, ERRORED_RUN, HOSTILE_RUN],
};
