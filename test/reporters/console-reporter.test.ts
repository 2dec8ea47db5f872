import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckResult, Report, RunResult } from '../../src/model/results.ts';
import { ConsoleReporter } from '../../src/reporters/console-reporter.ts';
import { EMPTY_RECS } from './known-report.ts';

const ANSI = /\u001b\[/;

/** A stream that keeps what is written; `isTTY` makes it look like a terminal. */
function collectingStream(isTTY = false): { stream: PassThrough & { isTTY?: boolean }; text(): string } {
  const stream: PassThrough & { isTTY?: boolean } = new PassThrough();
  if (isTTY) stream.isTTY = true;
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

function result(over: Partial<RunResult>): RunResult {
  return {
    probe: 'recommendations',
    persona: 'new-user',
    target: 'production',
    url: 'https://shop.example.com',
    outcome: 'pass',
    flaky: false,
    startedAt: '2026-03-01T10:00:00.000Z',
    durationMs: 42,
    attempts: 1,
    steps: [],
    checks: [],
    measures: {},
    artifacts: [],
    ...over,
  };
}

const statusPass: CheckResult = { name: 'status', kind: 'status', outcome: 'pass', step: 'get recommendations', message: '' };
const staleWarning: CheckResult = {
  name: 'catalogue data is fresh',
  kind: 'rule',
  outcome: 'warn',
  step: 'get recommendations',
  message: '$.items[3].updatedAt is 3d old, expected at most 24h',
  path: '$.items[3].updatedAt',
};
const refused: CheckResult = {
  name: 'connection',
  kind: 'transport',
  outcome: 'error',
  step: 'list products',
  message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1 (GET http://127.0.0.1:1/api/products)',
};

const passing = result({ checks: [statusPass], measures: { recommendations: 8 } });
const failing = result({
  outcome: 'fail',
  durationMs: 1234,
  checks: [statusPass, EMPTY_RECS, staleWarning, { ...statusPass, name: 'content-type', outcome: 'skip', message: 'skipped' }],
  measures: { recommendations: 0, latencyMs: 12 },
});
const errored = result({ probe: 'product', persona: 'anonymous', target: 'staging', outcome: 'error', durationMs: 5012, attempts: 2, checks: [refused] });
const flakyPass = result({
  probe: 'search',
  persona: 'anonymous',
  durationMs: 80,
  attempts: 2,
  flaky: true,
  checks: [{ name: 'results are sorted', kind: 'rule', outcome: 'warn', step: 'search', message: '$.items[1] is out of order', expected: 'asc', actual: '"b"' }],
});

function report(results: RunResult[], summary: Report['summary']): Report {
  return { version: 1, startedAt: '2026-03-01T10:00:00.000Z', finishedAt: '2026-03-01T10:00:01.500Z', summary, results };
}

describe('ConsoleReporter on a plain stream', () => {
  beforeEach(() => {
    // Colour must be off because the stream is not a terminal, not because of NO_COLOR.
    vi.stubEnv('NO_COLOR', undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  function render(fn: (reporter: ConsoleReporter) => void): string {
    const out = collectingStream();
    fn(new ConsoleReporter(out.stream));
    return out.text();
  }

  it('announces how many runs go against which targets', () => {
    const targets = [
      { name: 'production', url: 'https://shop.example.com' },
      { name: '127.0.0.1:4010', url: 'http://127.0.0.1:4010' },
    ];
    expect(render((r) => r.onBegin({ startedAt: '2026-03-01T10:00:00.000Z', total: 4, targets }))).toBe(
      'payloadwatch: 4 runs against production (https://shop.example.com), http://127.0.0.1:4010\n\n',
    );
    expect(render((r) => r.onBegin({ startedAt: '2026-03-01T10:00:00.000Z', total: 1, targets: targets.slice(0, 1) }))).toBe(
      'payloadwatch: 1 run against production (https://shop.example.com)\n\n',
    );
  });

  it('keeps the name of a configured target whose URL starts with that name (regression: target name swallowed by its URL)', () => {
    const targets = [
      { name: 'shop', url: 'http://shop.internal:8080' },
      { name: 'local', url: 'http://localhost:4010' },
    ];
    expect(render((r) => r.onBegin({ startedAt: '2026-03-01T10:00:00.000Z', total: 2, targets }))).toBe(
      'payloadwatch: 2 runs against shop (http://shop.internal:8080), local (http://localhost:4010)\n\n',
    );
  });

  it('prints one line for a passing run, without its measures', () => {
    expect(render((r) => r.onRunEnd(passing))).toBe('✔ recommendations · new-user · production  42ms\n');
  });

  it('prints a failing run with its failed checks, where, expected and actual, warnings and measures', () => {
    expect(render((r) => r.onRunEnd(failing))).toBe(
      [
        '✘ recommendations · new-user · production  1.23s',
        `    ✘ rule "recommendations are never empty" in step 'get recommendations': expected a non-empty array at $.items, got []`,
        '      at $.items · expected non-empty · actual []',
        `    ⚠ rule "catalogue data is fresh" in step 'get recommendations': $.items[3].updatedAt is 3d old, expected at most 24h`,
        '      at $.items[3].updatedAt',
        '    measures: recommendations=0, latencyMs=12',
        '',
      ].join('\n'),
    );
  });

  it('prints an errored run with its attempts and the error check', () => {
    expect(render((r) => r.onRunEnd(errored))).toBe(
      [
        '! product · anonymous · staging  5.01s, 2 attempts',
        `    ! transport "connection" in step 'list products': ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1 (GET http://127.0.0.1:1/api/products)`,
        '',
      ].join('\n'),
    );
  });

  it('notes attempts and flakiness, and shows warnings of a passing run', () => {
    expect(render((r) => r.onRunEnd(flakyPass))).toBe(
      [
        '✔ search · anonymous · production  80ms, 2 attempts, flaky',
        `    ⚠ rule "results are sorted" in step 'search': $.items[1] is out of order`,
        '      expected asc · actual "b"',
        '',
      ].join('\n'),
    );
  });

  it('quotes a check name holding a double quote with single quotes', () => {
    const odd = result({ outcome: 'fail', checks: [{ ...EMPTY_RECS, name: 'says "hi"', path: undefined, expected: undefined, actual: undefined }] });
    expect(render((r) => r.onRunEnd(odd))).toBe(
      [
        '✘ recommendations · new-user · production  42ms',
        `    ✘ rule 'says "hi"' in step 'get recommendations': expected a non-empty array at $.items, got []`,
        '',
      ].join('\n'),
    );
  });

  it('ends with the summary line', () => {
    expect(render((r) => r.onEnd(report([passing, failing, errored, flakyPass], { passed: 2, failed: 1, errored: 1, flaky: 1 })))).toBe(
      '\n4 runs: 2 passed, 1 failed, 1 errored, 1 flaky (1.5s)\n',
    );
    expect(render((r) => r.onEnd(report([passing], { passed: 1, failed: 0, errored: 0, flaky: 0 })))).toBe(
      '\n1 run: 1 passed, 0 failed, 0 errored, 0 flaky (1.5s)\n',
    );
  });

  it('writes a whole run in order, with no colour codes', () => {
    const text = render((r) => {
      r.onBegin({ startedAt: '2026-03-01T10:00:00.000Z', total: 2, targets: [{ name: 'production', url: 'https://shop.example.com' }] });
      r.onRunEnd(passing);
      r.onRunEnd(errored);
      r.onEnd(report([passing, errored], { passed: 1, failed: 0, errored: 1, flaky: 0 }));
    });
    expect(text).toBe(
      [
        'payloadwatch: 2 runs against production (https://shop.example.com)',
        '',
        '✔ recommendations · new-user · production  42ms',
        '! product · anonymous · staging  5.01s, 2 attempts',
        `    ! transport "connection" in step 'list products': ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1 (GET http://127.0.0.1:1/api/products)`,
        '',
        '2 runs: 1 passed, 0 failed, 1 errored, 0 flaky (1.5s)',
        '',
      ].join('\n'),
    );
    expect(text).not.toMatch(ANSI);
  });
});

describe('ConsoleReporter on a terminal', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('colours marks and notes when NO_COLOR is unset', () => {
    vi.stubEnv('NO_COLOR', undefined);
    const out = collectingStream(true);
    const reporter = new ConsoleReporter(out.stream);
    reporter.onRunEnd(passing);
    reporter.onRunEnd(failing);
    const lines = out.text().split('\n');
    expect(out.text()).toMatch(ANSI);
    expect(lines[0]).toBe('\u001b[32m✔\u001b[39m recommendations · new-user · production  \u001b[2m42ms\u001b[22m');
    expect(lines[1]).toBe('\u001b[31m✘\u001b[39m recommendations · new-user · production  \u001b[2m1.23s\u001b[22m');
    expect(lines[2]).toBe(
      `    \u001b[31m✘\u001b[39m rule "recommendations are never empty" in step 'get recommendations': expected a non-empty array at $.items, got []`,
    );
    expect(lines[3]).toBe('\u001b[2m      at $.items · expected non-empty · actual []\u001b[22m');
  });

  it('colours the summary counts that are not zero', () => {
    vi.stubEnv('NO_COLOR', undefined);
    const out = collectingStream(true);
    new ConsoleReporter(out.stream).onEnd(report([passing, failing], { passed: 1, failed: 1, errored: 0, flaky: 0 }));
    expect(out.text()).toBe(
      '\n2 runs: \u001b[32m1 passed\u001b[39m, \u001b[31m1 failed\u001b[39m, \u001b[2m0 errored\u001b[22m, \u001b[2m0 flaky\u001b[22m (1.5s)\n',
    );
  });

  it('has no colour when NO_COLOR is set', () => {
    vi.stubEnv('NO_COLOR', '1');
    const out = collectingStream(true);
    const reporter = new ConsoleReporter(out.stream);
    reporter.onRunEnd(failing);
    reporter.onEnd(report([failing], { passed: 0, failed: 1, errored: 0, flaky: 0 }));
    expect(out.text()).not.toMatch(ANSI);
    expect(out.text()).toContain('✘ recommendations · new-user · production  1.23s\n');
  });
});
