// HTTP-level checks of one response: status, headers, content type, latency, and whether
// the body parses as JSON. What the body says is judge-payload's job.
import type { ApiExpectations } from '../model/definitions.ts';
import type { CheckResult } from '../model/results.ts';
import { formatMilliseconds, toMilliseconds } from '../config/duration.ts';
import { formatValue } from './format-value.ts';

export interface ResponseFacts {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: Buffer;
  durationMs: number;
}

export interface HttpVerdict {
  checks: CheckResult[];
  /** Present when the body was read as JSON and parsed. */
  json?: { value: unknown };
}

const BODY_EXCERPT_CHARS = 160;

export function judgeHttp(response: ResponseFacts, expect: ApiExpectations, readsJson: boolean, step: string): HttpVerdict {
  const checks: CheckResult[] = [];
  // Completed in place rather than copied with a spread: every API step of every run comes through here.
  const check = (c: Omit<CheckResult, 'step'> & { step?: string }) => {
    c.step = step;
    checks.push(c as CheckResult);
  };

  const statusOk = statusMatches(response.status, expect.status);
  const expectedStatus = describeStatus(expect.status);
  check({
    name: 'status',
    kind: 'status',
    outcome: statusOk ? 'pass' : 'fail',
    message: statusOk ? '' : `expected status ${expectedStatus}, got ${response.status}: ${bodyExcerpt(response.body)}`,
    ...(statusOk ? {} : { expected: expectedStatus, actual: String(response.status) }),
  });

  for (const [name, want] of Object.entries(expect.headers ?? {})) {
    const got = response.headers[name.toLowerCase()];
    const ok = got !== undefined && (typeof want === 'string' ? got === want : new RegExp(want.source, want.flags).test(got));
    const expected = typeof want === 'string' ? want : String(want);
    check({
      name: `header ${name.toLowerCase()}`,
      kind: 'header',
      outcome: ok ? 'pass' : 'fail',
      message: ok ? '' : got === undefined ? `header ${name} is missing, expected ${expected}` : `header ${name} is ${JSON.stringify(got)}, expected ${expected}`,
      path: name.toLowerCase(),
      ...(ok ? {} : { expected, actual: got ?? '(missing)' }),
    });
  }

  const budgetMs = toMilliseconds(expect.latency);
  if (budgetMs !== undefined) {
    const ok = response.durationMs <= budgetMs;
    check({
      name: 'latency',
      kind: 'latency',
      outcome: ok ? 'pass' : 'fail',
      message: ok ? '' : `took ${formatMilliseconds(response.durationMs)}, over the ${formatMilliseconds(budgetMs)} budget`,
      ...(ok ? {} : { expected: `≤ ${formatMilliseconds(budgetMs)}`, actual: formatMilliseconds(response.durationMs) }),
    });
  }

  const wantedType = expect.contentType ?? (readsJson ? 'application/json' : undefined);
  if (!wantedType) return { checks };
  if (!statusOk) {
    // The body of an unexpected status is an error page; judging its content is noise.
    check({ name: 'content-type', kind: 'header', outcome: 'skip', message: 'skipped: unexpected status' });
    return { checks };
  }
  const gotType = response.headers['content-type'];
  const typeOk = gotType !== undefined && mediaTypeMatches(gotType, wantedType);
  check({
    name: 'content-type',
    kind: 'header',
    outcome: typeOk ? 'pass' : 'fail',
    message: typeOk ? '' : `expected content-type ${wantedType}, got ${gotType ?? '(none)'}: ${bodyExcerpt(response.body)}`,
    path: 'content-type',
    ...(typeOk ? {} : { expected: wantedType, actual: gotType ?? '(none)' }),
  });
  if (!typeOk || !readsJson) return { checks };

  const text = response.body.toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    check({ name: 'json', kind: 'json', outcome: 'pass', message: '' });
    return { checks, json: { value } };
  } catch (error) {
    check({
      name: 'json',
      kind: 'json',
      outcome: 'fail',
      message: `the body is not valid JSON (${(error as Error).message}); ${response.body.length} bytes, ending ${formatValue(text.slice(-60))}`,
      expected: 'valid JSON',
      actual: formatValue(text),
    });
    return { checks };
  }
}

export function statusMatches(status: number, expected: ApiExpectations['status']): boolean {
  if (expected === undefined) return status >= 200 && status < 300;
  if (typeof expected === 'number') return status === expected;
  if (typeof expected === 'string') return String(status)[0] === expected[0];
  return expected.includes(status);
}

function describeStatus(expected: ApiExpectations['status']): string {
  if (expected === undefined) return '2xx';
  if (Array.isArray(expected)) return expected.join(' or ');
  return String(expected);
}

/** `application/json; charset=utf-8` matches `application/json`; `+json` suffixes match JSON. */
function mediaTypeMatches(header: string, wanted: string): boolean {
  const got = header.split(';')[0]!.trim().toLowerCase();
  const want = wanted.split(';')[0]!.trim().toLowerCase();
  if (got === want) return true;
  return want === 'application/json' && /^application\/[\w.-]+\+json$/.test(got);
}

/** The start of a body as plain text on one line, for messages about error pages. */
function bodyExcerpt(body: Buffer): string {
  if (body.length === 0) return '(empty body)';
  const text = body.subarray(0, BODY_EXCERPT_CHARS * 4).toString('utf8').replace(/\s+/g, ' ').trim();
  return text.length > BODY_EXCERPT_CHARS || body.length > BODY_EXCERPT_CHARS * 4 ? `${text.slice(0, BODY_EXCERPT_CHARS)}…` : text;
}
