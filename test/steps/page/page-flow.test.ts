// Visiting, waiting and the actions of a flow; what the page shows without being asked
// (exceptions, console errors, failed requests, a blank page), each with its severity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageExpectations } from '../../../src/model/definitions.ts';
import type { CheckResult } from '../../../src/model/results.ts';
import { dom } from '../../../src/validate/dom.ts';
import { refusingUrl } from '../../support/http-server.ts';
import { html, json, runSteps, startPages, useBrowser, visit } from './page-fixtures.ts';

const browser = useBrowser();

const FORM = html(
  `<form id="search-form"><input id="q" name="q"><button id="go" type="submit">Search</button></form>
   <button id="later" style="display:none">later</button><p id="out"></p>`,
  `document.getElementById('search-form').addEventListener('submit', (event) => {
     event.preventDefault();
     setTimeout(() => { document.getElementById('out').textContent = 'Results for ' + document.getElementById('q').value; }, 150);
   });
   document.getElementById('q').addEventListener('keydown', (event) => { if (event.key === 'Enter') document.getElementById('out').dataset.key = 'enter'; });`,
);

// The second request starts once the first has failed, so they fail in a known order.
const TROUBLED = html(
  `<h1>Troubled</h1><img src="/missing.png" alt="" onerror="fetch('/api/broken').catch(() => {})">`,
  `console.error('widget failed to render'); console.error('tracker blocked');
   setTimeout(() => { throw new TypeError("Cannot read properties of undefined (reading 'price')"); }, 0);`,
);

let server: Awaited<ReturnType<typeof startPages>>;
beforeAll(async () => {
  server = await startPages({
    '/form': FORM,
    '/troubled': TROUBLED,
    '/api/broken': json({ error: 'boom' }, 500),
    '/blank': html('', "document.getElementById('main').innerHTML = '   '"),
    '/hidden-main': html('<p>text nobody sees</p>', '', '<style>main { display: none }</style>'),
    '/only-body': '<!doctype html><html><body><div>plain body</div></body></html>',
    '/gone': { status: 404, body: html('<p>Not here</p>') },
    '/slow': { body: html('<p>slow</p>'), delayMs: 400 },
    '/clean': html('<h1>Clean</h1>'),
  });
});
afterAll(() => server.close());

const byName = (checks: CheckResult[], name: string) => checks.find((c) => c.name === name);

describe('visiting', () => {
  it('records the document status, and a page that answers 404 fails without judging its DOM', async () => {
    const result = await runSteps([visit('/gone', { expect: { dom: [dom.text('p')] } })], server, browser);
    expect(result.outcome).toBe('fail');
    expect(result.steps[0]).toMatchObject({ name: 'visit /gone', outcome: 'fail', status: 404 });
    expect(result.checks.map((c) => c.name)).toEqual(['status', 'page errors', 'console errors', 'failed requests']);
    expect(byName(result.checks, 'status')).toEqual({
      name: 'status',
      kind: 'status',
      outcome: 'fail',
      step: 'visit /gone',
      message: `expected status 2xx, got 404 for GET ${server.url}/gone`,
      expected: '2xx',
      actual: '404',
    });
  });

  it('accepts the statuses it is told to', async () => {
    const result = await runSteps([visit('/gone', { expect: { status: 404, dom: [dom.text('p', 'Not here')] } })], server, browser);
    expect(result.outcome).toBe('pass');
  });

  it('errors when the page cannot be loaded at all', async () => {
    const down = await refusingUrl();
    const result = await runSteps([visit('/x')], { url: down }, browser);
    expect(result.outcome).toBe('error');
    expect(result.checks).toEqual([
      { name: 'navigation', kind: 'transport', outcome: 'error', step: 'visit /x', message: `could not load GET ${down}/x: net::ERR_CONNECTION_REFUSED at ${down}/x` },
      { name: 'page errors', kind: 'page-error', outcome: 'pass', step: 'visit /x', message: '' },
      { name: 'console errors', kind: 'console', outcome: 'pass', step: 'visit /x', message: '' },
      { name: 'failed requests', kind: 'network', outcome: 'pass', step: 'visit /x', message: '' },
    ]);
    expect(result.error).toBe(`could not load GET ${down}/x: net::ERR_CONNECTION_REFUSED at ${down}/x`);
  });

  it('fails a latency budget the page did not keep', async () => {
    const result = await runSteps([visit('/slow', { expect: { latency: '100ms' } })], server, browser);
    expect(byName(result.checks, 'latency')).toMatchObject({ kind: 'latency', outcome: 'fail', expected: '≤ 100ms' });
    expect(byName(result.checks, 'latency')!.message).toMatch(/^the page was ready after \d+ms, over the 100ms budget$/);
  });

  it('waits for a selector, and fails when it never shows', async () => {
    const result = await runSteps([visit('/form', {}, { waitFor: '#later', timeout: '500ms' })], server, browser);
    expect(byName(result.checks, 'wait for #later')).toEqual({
      name: 'wait for #later',
      kind: 'dom',
      outcome: 'fail',
      step: 'visit /form',
      message: '#later did not become visible within 500ms',
      path: '#later',
      expected: 'visible',
      actual: '1 hidden',
    });
  });
});

describe('actions', () => {
  it('fill, press, click and wait for, in order, each a passing check', async () => {
    const result = await runSteps(
      [
        visit('/form', { expect: { dom: [dom.text('#out', 'Results for lamp'), dom.attribute('#out', 'data-key', 'enter')] } }, {
          actions: [{ fill: '#q', value: '{{query}}' }, { press: '#q', key: 'Enter' }, { click: '#go' }, { waitFor: '#out:not(:empty)' }],
        }),
      ],
      server,
      browser,
      { persona: { name: 'searcher', setup: () => ({ variables: { query: 'lamp' } }) } },
    );
    expect(result.outcome).toBe('pass');
    expect(result.checks.filter((c) => c.kind === 'action').map((c) => [c.name, c.outcome])).toEqual([
      ['fill #q', 'pass'],
      ['press Enter in #q', 'pass'],
      ['click #go', 'pass'],
      ['wait for #out:not(:empty)', 'pass'],
    ]);
  });

  it('stop at the first that cannot be done, and the page is still judged', async () => {
    const result = await runSteps(
      [visit('/form', { expect: { dom: [dom.text('#out')] } }, { actions: [{ click: '#missing', timeout: '300ms' }, { fill: '#q', value: 'never' }] })],
      server,
      browser,
    );
    expect(result.outcome).toBe('fail');
    expect(result.checks.filter((c) => c.kind === 'action')).toEqual([
      {
        name: 'click #missing',
        kind: 'action',
        outcome: 'fail',
        step: 'visit /form',
        message: 'could not click #missing within 300ms: nothing matched it',
        path: '#missing',
        expected: 'an element to act on',
        actual: '(nothing)',
      },
    ]);
    expect(byName(result.checks, 'text #out')).toMatchObject({ outcome: 'fail', message: '#out has no text' });
  });

  it('say why a matched element could not be used, and why a wait ended', async () => {
    const result = await runSteps(
      [visit('/form', { soft: true }, { actions: [{ click: '#later', timeout: '300ms' }] }), visit('/clean', {}, { actions: [{ waitFor: 'h1', state: 'hidden', timeout: '300ms' }] })],
      server,
      browser,
    );
    expect(byName(result.checks, 'click #later')!.message).toBe('could not click #later within 300ms: it matched 1 element, but it could not be used (hidden, disabled or covered)');
    expect(byName(result.checks, 'wait for h1 hidden')).toMatchObject({ outcome: 'fail', message: 'h1 did not become hidden within 300ms', expected: 'hidden', actual: '1 element' });
  });
});

describe('what the page shows unasked', () => {
  const run = async (expect: PageExpectations = {}) => (await runSteps([visit('/troubled', { expect }, { waitUntil: 'networkidle' })], server, browser)).checks;

  it('by default: an uncaught exception fails, console errors and failed requests warn', async () => {
    const checks = await run();
    expect(byName(checks, 'page errors')).toEqual({
      name: 'page errors',
      kind: 'page-error',
      outcome: 'fail',
      step: 'visit /troubled',
      message: `1 uncaught exception: TypeError: Cannot read properties of undefined (reading 'price') (at ${server.url}/troubled:2:29)`,
      expected: 'none',
      actual: '1',
    });
    expect(byName(checks, 'console errors')).toMatchObject({
      kind: 'console',
      outcome: 'warn',
      message: `2 console errors: widget failed to render (at ${server.url}/troubled:1); tracker blocked (at ${server.url}/troubled:1)`,
    });
    // Chromium's own "Failed to load resource" console lines are the network check's business.
    expect(byName(checks, 'failed requests')).toMatchObject({
      kind: 'network',
      outcome: 'warn',
      message: `2 failed requests: GET ${server.url}/missing.png → 404; GET ${server.url}/api/broken → 500`,
      expected: 'none',
      actual: '2',
    });
  });

  it('as the step says: fail, warn, ignore, or with messages left out', async () => {
    const checks = await run({ pageErrors: 'warn', console: { severity: 'fail', ignore: ['tracker'] }, failedRequests: 'ignore' });
    expect(byName(checks, 'page errors')!.outcome).toBe('warn');
    expect(byName(checks, 'console errors')).toMatchObject({ outcome: 'fail', message: `1 console error: widget failed to render (at ${server.url}/troubled:1)` });
    expect(byName(checks, 'failed requests')).toBeUndefined();
    const ignored = await run({ pageErrors: { ignore: [/reading 'price'/] }, failedRequests: { severity: 'fail', ignore: [/missing\.png/, 'api/broken'] } });
    expect(byName(ignored, 'page errors')).toMatchObject({ outcome: 'pass', message: '' });
    expect(byName(ignored, 'failed requests')).toMatchObject({ outcome: 'pass', message: '' });
  });

  it('a clean page passes all three, and is not blank', async () => {
    const result = await runSteps([visit('/clean')], server, browser);
    expect(result.outcome).toBe('pass');
    expect(result.checks.map((c) => [c.name, c.kind, c.outcome])).toEqual([
      ['status', 'status', 'pass'],
      ['page not blank', 'dom', 'pass'],
      ['page errors', 'page-error', 'pass'],
      ['console errors', 'console', 'pass'],
      ['failed requests', 'network', 'pass'],
    ]);
  });
});

describe('a blank page', () => {
  it.each([
    ['/blank', 'main', 'the page is blank: main has no visible text', '""'],
    ['/hidden-main', 'main', 'the page is blank: main is not visible (display: none)', 'display: none'],
  ])('%s fails', async (path, where, message, actual) => {
    const result = await runSteps([visit(path)], server, browser);
    expect(result.outcome).toBe('fail');
    expect(byName(result.checks, 'page not blank')).toEqual({ name: 'page not blank', kind: 'dom', outcome: 'fail', step: `visit ${path}`, path: where, message, expected: 'visible text', actual });
  });

  it('is judged on the body when there is no main', async () => {
    const result = await runSteps([visit('/only-body')], server, browser);
    expect(byName(result.checks, 'page not blank')).toMatchObject({ outcome: 'pass', path: 'body' });
  });

  it('may warn or be ignored', async () => {
    const warned = await runSteps([visit('/blank', { expect: { blank: 'warn' } })], server, browser);
    expect(warned.outcome).toBe('pass');
    expect(byName(warned.checks, 'page not blank')!.outcome).toBe('warn');
    const ignored = await runSteps([visit('/blank', { expect: { blank: 'ignore' } })], server, browser);
    expect(byName(ignored.checks, 'page not blank')).toBeUndefined();
  });
});
