// One API step: build the request, make the exchange, judge what came back. Never
// throws: whatever goes wrong becomes a check with an outcome.
import type { ApiStep } from '../../model/definitions.ts';
import type { CheckResult } from '../../model/results.ts';
import { toMilliseconds } from '../../config/duration.ts';
import { judgeHttp } from '../../validate/judge-response.ts';
import { judgePayload } from '../../validate/judge-payload.ts';
import type { StepContext, StepOutput } from '../step-context.ts';
import { stepOutcome } from '../step-outcome.ts';
import { buildRequest, type BuiltRequest } from './build-request.ts';
import { exchange } from './http-client.ts';
import { payloadExcerpt } from './payload-excerpt.ts';

export async function runApiStep(step: ApiStep, ctx: StepContext): Promise<StepOutput> {
  const expect = step.expect ?? {};
  let request: BuiltRequest;
  try {
    request = buildRequest(step.api, ctx.target.url, ctx.variables, ctx, ctx.redactor);
  } catch (error) {
    const check: CheckResult = { name: 'request', kind: 'setup', outcome: 'error', step: step.name, message: (error as Error).message };
    return { ...finish(step, [check], 0), permanentError: true };
  }
  const exchanged = { method: request.method, serverAddress: new URL(request.url).hostname };

  const timeoutMs = Math.max(1, Math.min(toMilliseconds(step.api.timeout) ?? ctx.defaults.timeoutMs, ctx.remainingMs()));
  const result = await exchange({
    ...request,
    timeoutMs,
    maxBodyBytes: step.api.maxBodyBytes ?? ctx.defaults.maxBodyBytes,
    maxRedirects: step.api.maxRedirects ?? ctx.defaults.maxRedirects,
    signal: ctx.signal,
  });
  // Redacting the URL and headers costs more than the log line is worth when nobody reads it.
  if (ctx.log.isLevelEnabled('debug')) {
    ctx.log.debug(
      {
        step: step.name,
        method: request.method,
        url: ctx.redactor.text(request.url),
        headers: ctx.redactor.headers(request.headers),
        ...(result.ok ? { status: result.response.status, bytes: result.response.body.length } : { failure: result.failure.kind }),
        durationMs: Math.round(result.ok ? result.response.durationMs : result.failure.durationMs),
      },
      'request',
    );
  }

  if (!result.ok) {
    const { failure } = result;
    const tooLarge = failure.kind === 'too-large';
    const check: CheckResult = {
      name: tooLarge ? 'body size' : failure.kind,
      kind: tooLarge ? 'size' : 'transport',
      // An oversized body is the target's answer, and a wrong one; the rest means we could not judge.
      outcome: tooLarge ? 'fail' : 'error',
      step: step.name,
      message: failure.message,
      ...(tooLarge ? { expected: `≤ ${step.api.maxBodyBytes ?? ctx.defaults.maxBodyBytes} bytes`, actual: 'more' } : {}),
    };
    return finish(step, [check], failure.durationMs, exchanged, failure.status);
  }

  const { response } = result;
  const readsJson = Boolean(
    expect.schema !== undefined || expect.rules?.length || step.measures || step.capture || /json/i.test(expect.contentType ?? ''),
  );
  const http = judgeHttp(response, expect, readsJson, step.name);
  if (!http.json) return withExcerpt(finish(step, http.checks, response.durationMs, exchanged, response.status), response.body, undefined, ctx);

  const payload = await judgePayload(
    http.json.value,
    { schema: expect.schema, rules: expect.rules, measures: step.measures, capture: step.capture },
    {
      step: step.name,
      variables: ctx.variables,
      measures: ctx.measures,
      schemas: ctx.schemas,
      status: response.status,
      headers: response.headers,
    },
  );
  const out = finish(step, [...http.checks, ...payload.checks], response.durationMs, exchanged, response.status, payload.measures, payload.captured);
  return withExcerpt(out, response.body, http.json, ctx);
}

/** A step that did not pass keeps what it was given, so reports can show the payload it judged. */
function withExcerpt(out: StepOutput, body: Buffer, json: { value: unknown } | undefined, ctx: StepContext): StepOutput {
  if (out.step.outcome === 'pass') return out;
  const excerpt = payloadExcerpt(body, json, ctx.redactor);
  return excerpt === undefined ? out : { ...out, step: { ...out.step, excerpt } };
}

function finish(
  step: ApiStep,
  checks: CheckResult[],
  durationMs: number,
  exchanged?: { method: string; serverAddress: string },
  status?: number,
  measures: Record<string, number> = {},
  captured: Record<string, unknown> = {},
): StepOutput {
  const outcome = stepOutcome(checks);
  const firstProblem = checks.find((c) => c.outcome === 'error' || c.outcome === 'fail');
  return {
    step: {
      name: step.name,
      outcome,
      durationMs: Math.round(durationMs),
      ...exchanged,
      ...(status !== undefined ? { status } : {}),
      ...(outcome === 'error' && firstProblem ? { error: firstProblem.message } : {}),
    },
    checks,
    measures,
    captured,
  };
}
