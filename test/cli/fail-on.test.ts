import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FAIL_ON, exitCodeFor, failingOutcome, failOnList, type FailOnOutcome } from '../../src/cli/fail-on.ts';
import type { Report, RunResult } from '../../src/model/results.ts';
import { ERRORED_RUN, FAILED_RUN, FLAKY_RUN, KNOWN_REPORT } from '../reporters/known-report.ts';

const PASS: RunResult = { ...FLAKY_RUN, flaky: false, attempts: 1 };
const WARNED: RunResult = { ...PASS, checks: [{ ...FAILED_RUN.checks[2]! }] };
const report = (...results: RunResult[]): Report => ({ ...KNOWN_REPORT, results });

describe('exitCodeFor', () => {
  it.each<[string, RunResult[], FailOnOutcome[], 0 | 1]>([
    ['all passed', [PASS], ['fail', 'error'], 0],
    ['a content failure, default', [PASS, FAILED_RUN], ['fail', 'error'], 1],
    ['an error, default', [ERRORED_RUN], ['fail', 'error'], 1],
    ['a content failure with --fail-on error', [PASS, FAILED_RUN], ['error'], 0],
    ['an error with --fail-on error', [FAILED_RUN, ERRORED_RUN], ['error'], 1],
    ['an error with --fail-on fail', [ERRORED_RUN], ['fail'], 0],
    ['a flaky pass, default', [FLAKY_RUN], ['fail', 'error'], 0],
    ['a flaky pass with --fail-on fail,error,flaky', [FLAKY_RUN], ['fail', 'error', 'flaky'], 1],
    ['a warning, default', [WARNED], ['fail', 'error'], 0],
    ['a warning with --fail-on warn', [WARNED], ['warn'], 1],
    ['a warning inside a failed run with --fail-on warn', [FAILED_RUN], ['warn'], 1],
    ['anything with --fail-on none', [FAILED_RUN, ERRORED_RUN, FLAKY_RUN, WARNED], [], 0],
    ['no runs', [], ['fail', 'error', 'flaky', 'warn'], 0],
  ])('%s → %i', (_, results, failOn, code) => {
    expect(exitCodeFor(report(...results), failOn)).toBe(code);
  });

  it('defaults to fail and error', () => {
    expect(DEFAULT_FAIL_ON).toEqual(['fail', 'error']);
    expect(exitCodeFor(report(FAILED_RUN))).toBe(1);
    expect(exitCodeFor(report(FLAKY_RUN, WARNED))).toBe(0);
  });

  it('says which outcome made a run fail the build', () => {
    expect(failingOutcome(FAILED_RUN, ['fail', 'warn'])).toBe('fail');
    expect(failingOutcome(FAILED_RUN, ['warn'])).toBe('warn');
    expect(failingOutcome(ERRORED_RUN, ['fail', 'flaky'])).toBeUndefined();
    expect(failingOutcome(ERRORED_RUN, ['error'])).toBe('error');
  });
});

describe('failOnList', () => {
  it('reads comma-separated outcomes, repeated flags adding up, duplicates once', () => {
    expect(failOnList('fail,error')).toEqual(['fail', 'error']);
    expect(failOnList('flaky', failOnList('error,fail'))).toEqual(['error', 'fail', 'flaky']);
    expect(failOnList(' warn , error ,warn')).toEqual(['warn', 'error']);
  });

  it("takes 'none' for a build that never fails on outcomes", () => {
    expect(failOnList('none')).toEqual([]);
  });

  it('names an unknown outcome and the known ones', () => {
    expect(() => failOnList('fail,pass')).toThrow(new InvalidArgumentError("unknown outcome 'pass'; expected one of: fail, error, flaky, warn."));
  });
});
