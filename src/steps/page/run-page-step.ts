// One page step: visit the page as the run's persona, wait until it is ready, play the flow,
// then judge it: the document's status, the page's own API responses, the DOM, and the
// problems it showed on the way. Never throws: whatever goes wrong becomes a check.
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { formatMilliseconds, toMilliseconds } from '../../config/duration.ts';
import type { DomMeasure, PageStep } from '../../model/definitions.ts';
import type { CheckResult } from '../../model/results.ts';
import { evaluateRule } from '../../validate/evaluate-rule.ts';
import { statusMatches } from '../../validate/judge-response.ts';
import { joinUrl } from '../api/build-request.ts';
import type { StepContext, StepOutput } from '../step-context.ts';
import { stepOutcome } from '../step-outcome.ts';
import { fillTemplate } from '../template.ts';
import { ChromiumNotFoundError } from './browser-executable.ts';
import { BrowserLaunchError, firstLine } from './browser-pool.ts';
import { firstNumber, inspectElements, prepareInspection } from './inspect-elements.ts';
import { domCheckError, factsWanted, judgeDom } from './judge-dom.ts';
import { runAction } from './page-actions.ts';
import { CONSOLE_ERRORS, FAILED_REQUESTS, issueCheck, PAGE_ERRORS } from './page-issues.ts';
import { judgeResponses } from './page-responses.ts';
import { BrowserLostError, type PageRun } from './page-run.ts';
import type { StepEvents } from './page-events.ts';
import { compileUrlPattern, type UrlMatcher } from './url-pattern.ts';

/** Where a page's main content is: the first of these the page has. */
const MAIN_CONTENT = ['main', '[role=main]', 'body'] as const;

interface Judging {
  checks: CheckResult[];
  measures: Record<string, number>;
  captured: Record<string, unknown>;
  status?: number;
}

class StepAbortedError extends Error {
  override name = 'StepAbortedError';
}

export async function runPageStep(step: PageStep, ctx: StepContext, run: PageRun): Promise<StepOutput> {
  const started = performance.now();
  const judging: Judging = { checks: [], measures: {}, captured: {} };
  let url: string;
  let matchers: UrlMatcher[];
  try {
    url = joinUrl(ctx.target.url, fillTemplate(step.page.path, ctx.variables)).toString();
    matchers = (step.expect?.responses ?? []).map((response) => compileUrlPattern(response.url, ctx.target.url));
  } catch (error) {
    // An unknown variable in the path: no retry will change that.
    judging.checks.push({ name: 'page', kind: 'setup', outcome: 'error', step: step.name, message: (error as Error).message });
    return { ...finish(step, judging, started), permanentError: true };
  }
  try {
    await untilLost(visitAndJudge(step, ctx, run, url, matchers, judging), run, ctx.signal);
  } catch (error) {
    judging.checks.push(failureCheck(error, step.name, run));
  }
  return finish(step, judging, started);
}

/** The work, unless the browser goes away or the run is aborted first. */
function untilLost<T>(work: Promise<T>, run: PageRun, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new StepAbortedError(signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted')));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void run.lost.then(reject);
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function failureCheck(error: unknown, step: string, run: PageRun): CheckResult {
  if (error instanceof BrowserLostError || run.lostReason !== undefined) {
    return { name: 'browser', kind: 'browser', outcome: 'error', step, message: `${run.lostReason ?? (error as Error).message}, during step '${step}'` };
  }
  if (error instanceof ChromiumNotFoundError || error instanceof BrowserLaunchError) {
    return { name: 'browser', kind: 'browser', outcome: 'error', step, message: error.message };
  }
  if (error instanceof StepAbortedError) return { name: 'aborted', kind: 'transport', outcome: 'error', step, message: `page step aborted: ${error.message}` };
  return { name: 'internal', kind: 'transport', outcome: 'error', step, message: `unexpected error: ${firstLine(error)}` };
}

async function visitAndJudge(step: PageStep, ctx: StepContext, run: PageRun, url: string, matchers: UrlMatcher[], judging: Judging): Promise<void> {
  const expect = step.expect ?? {};
  const name = step.name;
  const stepTimeoutMs = toMilliseconds(step.page.timeout) ?? ctx.defaults.timeoutMs;
  const timeoutMs = () => Math.max(1, Math.min(stepTimeoutMs, ctx.remainingMs()));
  const declared = (expect.responses ?? []).map((response, index) => ({ matcher: matchers[index]!, ...(response.method ? { method: response.method } : {}) }));
  const { page, events } = await run.open(declared, ctx.defaults.maxBodyBytes);
  const waitUntil = step.page.waitUntil ?? 'load';

  ctx.log.debug({ step: name, url: ctx.redactor.text(url), waitUntil }, 'page visit');
  const navigationStarted = performance.now();
  let document;
  try {
    document = await page.goto(url, { waitUntil, timeout: timeoutMs() });
  } catch (error) {
    if (run.lostReason !== undefined) throw error;
    const message =
      (error as Error)?.name === 'TimeoutError'
        ? `the page did not reach '${waitUntil}' within ${formatMilliseconds(timeoutMs())}: GET ${url}`
        : `could not load GET ${url}: ${firstLine(error)}`;
    judging.checks.push({ name: 'navigation', kind: 'transport', outcome: 'error', step: name, message });
    judging.checks.push(...issueChecks(step, events));
    return;
  }

  if (document) {
    judging.status = document.status();
    const ok = statusMatches(judging.status, expect.status);
    const wanted = expect.status === undefined ? '2xx' : Array.isArray(expect.status) ? expect.status.join(' or ') : String(expect.status);
    judging.checks.push({
      name: 'status',
      kind: 'status',
      outcome: ok ? 'pass' : 'fail',
      step: name,
      message: ok ? '' : `expected status ${wanted}, got ${judging.status} for GET ${url}`,
      ...(ok ? {} : { expected: wanted, actual: String(judging.status) }),
    });
    if (!ok) {
      // The DOM of an error page says nothing about the page that should have been there.
      judging.checks.push(...issueChecks(step, events));
      return;
    }
  }

  if (inspectsDom(step)) prepareInspection(page);
  if (step.page.waitFor !== undefined) judging.checks.push(await waitForSelector(page, step.page.waitFor, timeoutMs(), name));
  const readyMs = performance.now() - navigationStarted;
  const budgetMs = toMilliseconds(expect.latency);
  if (budgetMs !== undefined) {
    const ok = readyMs <= budgetMs;
    judging.checks.push({
      name: 'latency',
      kind: 'latency',
      outcome: ok ? 'pass' : 'fail',
      step: name,
      message: ok ? '' : `the page was ready after ${formatMilliseconds(readyMs)}, over the ${formatMilliseconds(budgetMs)} budget`,
      ...(ok ? {} : { expected: `≤ ${formatMilliseconds(budgetMs)}`, actual: formatMilliseconds(readyMs) }),
    });
  }

  for (const action of step.page.actions ?? []) {
    const done = await runAction(action, { page, variables: ctx.variables, redactor: ctx.redactor, step: name, timeoutMs });
    judging.checks.push(done);
    if (done.outcome !== 'pass') break;
  }

  if (declared.length > 0) await events.waitForDeclared(timeoutMs());
  await takeDomMeasures(page, step.measures ?? {}, judging, name);
  const responses = await judgeResponses(expect.responses ?? [], matchers, events, ctx, judging.measures, name, timeoutMs);
  judging.checks.push(...responses.checks);
  Object.assign(judging.measures, responses.measures);
  Object.assign(judging.captured, responses.captured);

  for (const check of expect.dom ?? []) {
    try {
      judging.checks.push(judgeDom(check, await inspectElements(page.locator(check.selector), factsWanted(check)), name));
    } catch (error) {
      if (run.lostReason !== undefined) throw error;
      judging.checks.push(domCheckError(check, name, firstLine(error)));
    }
  }
  await captureFromDom(page, step.capture ?? {}, judging, name);
  const blank = await blankCheck(page, expect.blank ?? 'fail', name);
  if (blank) judging.checks.push(blank);
  judging.checks.push(...issueChecks(step, events));

  const measures = { ...ctx.measures, ...judging.measures };
  const ruleContext = { json: undefined, variables: { ...ctx.variables, ...judging.captured }, measures, query: () => [] };
  for (const rule of expect.rules ?? []) judging.checks.push(await evaluateRule(rule, ruleContext, name, ctx.schemas));
  ctx.log.debug({ step: name, checks: judging.checks.length }, 'page judged');
}

async function waitForSelector(page: Page, selector: string, timeoutMs: number, step: string): Promise<CheckResult> {
  const base = { name: `wait for ${selector}`, kind: 'dom' as const, step, path: selector };
  try {
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: timeoutMs });
    return { ...base, outcome: 'pass', message: '' };
  } catch (error) {
    if ((error as Error)?.name !== 'TimeoutError') return { ...base, outcome: 'error', message: `${selector}: ${firstLine(error)}` };
    const count = await page.locator(selector).count().catch(() => 0);
    const actual = count === 0 ? '(nothing)' : `${count} hidden`;
    return { ...base, outcome: 'fail', message: `${selector} did not become visible within ${formatMilliseconds(timeoutMs)}`, expected: 'visible', actual };
  }
}

async function takeDomMeasures(page: Page, measures: Record<string, DomMeasure>, judging: Judging, step: string): Promise<void> {
  for (const [name, measure] of Object.entries(measures)) {
    try {
      const value = measure.measure === 'domCount' ? await page.locator(measure.selector).count() : await domValue(page, measure);
      // No element or no number: a gap in the metric, like a JSONPath that selects nothing.
      if (value !== undefined) judging.measures[name] = value;
    } catch (error) {
      judging.checks.push({ name: `measure ${name}`, kind: 'measure', outcome: 'error', step, message: `measure ${measure.measure}(${measure.selector}) failed: ${firstLine(error)}` });
    }
  }
}

async function domValue(page: Page, measure: Extract<DomMeasure, { measure: 'domValue' }>): Promise<number | undefined> {
  const facts = await inspectElements(page.locator(measure.selector).first(), measure.attribute !== undefined ? { attribute: measure.attribute } : { text: true });
  const first = facts.elements[0];
  return first ? firstNumber(measure.attribute !== undefined ? first.attribute : first.text) : undefined;
}

async function captureFromDom(page: Page, captures: NonNullable<PageStep['capture']>, judging: Judging, step: string): Promise<void> {
  for (const [variable, spec] of Object.entries(captures)) {
    const { selector, attribute } = typeof spec === 'string' ? { selector: spec, attribute: undefined } : spec;
    const name = `capture ${variable}`;
    try {
      const facts = await inspectElements(page.locator(selector).first(), attribute !== undefined ? { attribute } : { text: true });
      const value = attribute !== undefined ? facts.elements[0]?.attribute : facts.elements[0]?.text;
      if (value === undefined || value === null) {
        const what = facts.count === 0 ? `${selector} matched nothing` : `${selector} has no ${attribute} attribute`;
        judging.checks.push({ name, kind: 'capture', outcome: 'fail', step, message: `${what} to capture as {{${variable}}}`, path: selector, expected: 'a value', actual: '(nothing)' });
        continue;
      }
      judging.captured[variable] = value;
      judging.checks.push({ name, kind: 'capture', outcome: 'pass', step, message: '', path: selector });
    } catch (error) {
      judging.checks.push({ name, kind: 'capture', outcome: 'error', step, message: `${selector}: ${firstLine(error)}`, path: selector });
    }
  }
}

/** The page's main content shows no text at all: the empty page a user would leave. */
async function blankCheck(page: Page, severity: 'fail' | 'warn' | 'ignore', step: string): Promise<CheckResult | undefined> {
  if (severity === 'ignore') return undefined;
  for (const selector of MAIN_CONTENT) {
    const facts = await inspectElements(page.locator(selector).first(), { text: true, visibility: true });
    const main = facts.elements[0];
    if (!main) continue;
    const base = { name: 'page not blank', kind: 'dom' as const, step, path: selector, expected: 'visible text' };
    if (!main.text) return { ...base, outcome: severity, message: `the page is blank: ${selector} has no visible text`, actual: '""' };
    if (main.hidden) return { ...base, outcome: severity, message: `the page is blank: ${selector} is not visible (${main.hidden})`, actual: main.hidden };
    return { name: base.name, kind: base.kind, step, path: selector, outcome: 'pass', message: '' };
  }
  return { name: 'page not blank', kind: 'dom', step, outcome: severity, message: 'the page is blank: it has no body', expected: 'visible text', actual: '(nothing)' };
}

/** The step reads the DOM through inspectElements: its checks, captures, measures or the blank-page check. */
function inspectsDom(step: PageStep): boolean {
  const expect = step.expect ?? {};
  return (expect.blank ?? 'fail') !== 'ignore' || Boolean(expect.dom?.length) || Object.keys(step.capture ?? {}).length > 0 || Object.keys(step.measures ?? {}).length > 0;
}

function issueChecks(step: PageStep, events: StepEvents): CheckResult[] {
  const expect = step.expect ?? {};
  return [
    issueCheck(PAGE_ERRORS, events.pageErrors, expect.pageErrors, step.name),
    issueCheck(CONSOLE_ERRORS, events.consoleErrors, expect.console, step.name),
    issueCheck(FAILED_REQUESTS, events.failedRequests, expect.failedRequests, step.name),
  ].filter((check): check is CheckResult => check !== undefined);
}

function finish(step: PageStep, judging: Judging, started: number): StepOutput {
  const checks = [...judging.checks];
  const outcome = stepOutcome(checks);
  const firstProblem = checks.find((c) => c.outcome === 'error') ?? checks.find((c) => c.outcome === 'fail');
  return {
    step: {
      name: step.name,
      outcome,
      durationMs: performance.now() - started,
      ...(judging.status !== undefined ? { status: judging.status } : {}),
      ...(outcome === 'error' && firstProblem ? { error: firstProblem.message } : {}),
    },
    checks,
    measures: { ...judging.measures },
    captured: { ...judging.captured },
  };
}

