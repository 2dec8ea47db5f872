// The responses a page step declared, each judged with the same machinery as an API step's
// response: status, headers, content type and latency, then schema, rules, measures and
// captures. A declared response that never came fails.
import { formatMilliseconds } from '../../config/duration.ts';
import type { PageResponse } from '../../model/definitions.ts';
import type { CheckResult } from '../../model/results.ts';
import { judgePayload } from '../../validate/judge-payload.ts';
import { judgeHttp } from '../../validate/judge-response.ts';
import type { StepContext } from '../step-context.ts';
import { firstLine, withTimeout } from './browser-pool.ts';
import { PageBodyTooLargeError, type StepEvents } from './page-events.ts';
import type { UrlMatcher } from './url-pattern.ts';

export interface ResponsesVerdict {
  checks: CheckResult[];
  measures: Record<string, number>;
  captured: Record<string, unknown>;
}

/** The label a response's checks start with: its name, or its pattern as written. */
export function responseLabel(response: PageResponse, matcher: UrlMatcher): string {
  return response.name ?? matcher.label;
}

export async function judgeResponses(
  responses: readonly PageResponse[],
  matchers: readonly UrlMatcher[],
  events: StepEvents,
  ctx: StepContext,
  /** Measures this step took before (its DOM measures); each response adds its own for the next. */
  stepMeasures: Record<string, number>,
  step: string,
  /** How long a body may still take to arrive. */
  timeoutMs: () => number,
): Promise<ResponsesVerdict> {
  const verdict: ResponsesVerdict = { checks: [], measures: {}, captured: {} };
  for (const [index, declared] of responses.entries()) {
    const label = responseLabel(declared, matchers[index]!);
    const seen = events.lastMatch(index);
    if (!seen) {
      const what = `${declared.method ? `${declared.method} ` : ''}${matchers[index]!.label}`;
      verdict.checks.push({
        name: `${label} response`,
        kind: 'network',
        outcome: 'fail',
        step,
        message: `expected the page to fetch ${what}; no such response came by the end of the step`,
        path: matchers[index]!.label,
        expected: 'a response',
        actual: '(none)',
      });
      continue;
    }
    const { response } = seen;
    const body = await withTimeout(seen.body, timeoutMs()).catch(
      () => new Error(`the body did not finish arriving within ${formatMilliseconds(timeoutMs())}`),
    );
    if (body instanceof PageBodyTooLargeError) {
      verdict.checks.push({
        name: `${label} body size`,
        kind: 'size',
        outcome: 'fail',
        step,
        message: body.message,
        path: matchers[index]!.label,
        expected: `≤ ${body.limitBytes} bytes`,
        actual: `${body.bodyBytes} bytes`,
      });
      continue;
    }
    if (body instanceof Error) {
      verdict.checks.push({
        name: `${label} body`,
        kind: 'network',
        outcome: 'error',
        step,
        message: `the body of ${response.request().method()} ${response.url()} could not be read: ${firstLine(body)}`,
        path: matchers[index]!.label,
      });
      continue;
    }
    const expect = declared.expect ?? {};
    const headers = await response.allHeaders();
    const timing = response.request().timing();
    const durationMs = Math.max(0, timing.responseEnd >= 0 ? timing.responseEnd : timing.responseStart);
    const readsJson = Boolean(
      expect.schema !== undefined || expect.rules?.length || declared.measures || declared.capture || /json/i.test(expect.contentType ?? ''),
    );
    const http = judgeHttp({ status: response.status(), headers, body, durationMs }, expect, readsJson, step);
    verdict.checks.push(...http.checks.map((check) => labelled(check, label)));
    if (!http.json) continue;
    const payload = await judgePayload(
      http.json.value,
      { schema: expect.schema, rules: expect.rules, measures: declared.measures, capture: declared.capture },
      {
        step,
        variables: ctx.variables,
        measures: { ...ctx.measures, ...stepMeasures, ...verdict.measures },
        schemas: ctx.schemas,
        status: response.status(),
        headers,
      },
    );
    verdict.checks.push(...payload.checks.map((check) => labelled(check, label)));
    Object.assign(verdict.measures, payload.measures);
    Object.assign(verdict.captured, payload.captured);
  }
  return verdict;
}

/** `status` → `/api/recommendations status`; rules keep the names their authors chose. */
function labelled(check: CheckResult, label: string): CheckResult {
  return check.kind === 'rule' ? check : { ...check, name: `${label} ${check.name}` };
}
