// The page's own API calls judged like API steps, DOM measures and captures, and rules that
// hold the API and the page against each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_DEFAULTS } from '../../../src/config/project.ts';
import type { CheckResult } from '../../../src/model/results.ts';
import { dom } from '../../../src/validate/dom.ts';
import { measure } from '../../../src/validate/measures.ts';
import { agree, count, nonEmpty } from '../../../src/validate/rules.ts';
import { SchemaRegistry } from '../../../src/validate/schemas.ts';
import { html, json, runSteps, startPages, useBrowser, visit } from './page-fixtures.ts';

const browser = useBrowser();

/** A widget filled from `/api/recs`; `?render=0` drops every item before rendering. */
const WIDGET = html(
  '<h1>Lamp</h1><span class="price" data-price="19.99">€19.99</span><ul id="recs"></ul>',
  `const render = new URLSearchParams(location.search).get('render') !== '0';
   fetch('/api/recs?limit=6').then((r) => r.json()).then((data) => {
     document.getElementById('recs').innerHTML = (render ? data.items : []).map((i) => '<li class="card">' + i.name + '</li>').join('');
   });`,
);

const RECS_SCHEMA = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
};

let recs: unknown = { items: [{ name: 'a' }, { name: 'b' }] };
let server: Awaited<ReturnType<typeof startPages>>;
beforeAll(async () => {
  server = await startPages({
    '/widget': WIDGET,
    '/api/recs': (_request, response) => {
      const body = JSON.stringify(recs);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    },
    '/api/big': json({ items: [] }),
    '/bigpage': html('<p>big</p>', `fetch('/api/huge').then((r) => r.text()); fetch('/api/stream').then((r) => r.text())`),
    '/api/huge': { type: 'application/json', body: JSON.stringify({ filler: 'x'.repeat(4096) }) },
    // Chunked, without a content-length: the size is known only once the page has it.
    '/api/stream': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"filler":"');
      for (let i = 0; i < 8; i++) response.write('y'.repeat(1000));
      response.end('"}');
    },
  });
});
afterAll(() => server.close());

const quiet = { pageErrors: 'ignore', console: 'ignore', failedRequests: 'ignore', blank: 'ignore' } as const;
const named = (checks: CheckResult[], name: string) => checks.find((c) => c.name === name);

describe('declared responses', () => {
  it('are judged with status, content type, schema, rules and measures, named after their pattern', async () => {
    recs = { items: [{ name: 'a' }, { name: 'b' }] };
    const result = await runSteps(
      [
        visit('/widget', {
          expect: {
            ...quiet,
            responses: [{ url: '/api/recs', expect: { status: 200, schema: RECS_SCHEMA, rules: [nonEmpty('$.items'), count('$.items', { max: 6 })] }, measures: { recs: measure.count('$.items') }, capture: { firstName: '$.items[0].name' } }],
          },
        }, { waitUntil: 'networkidle' }),
      ],
      server,
      browser,
    );
    expect(result.outcome).toBe('pass');
    expect(result.checks.map((c) => [c.name, c.kind, c.outcome])).toEqual([
      ['status', 'status', 'pass'],
      ['/api/recs status', 'status', 'pass'],
      ['/api/recs content-type', 'header', 'pass'],
      ['/api/recs json', 'json', 'pass'],
      ['/api/recs schema inline', 'schema', 'pass'],
      ['nonEmpty $.items', 'rule', 'pass'],
      ['count $.items [..6]', 'rule', 'pass'],
      ['/api/recs capture firstName', 'capture', 'pass'],
    ]);
    expect(result.measures).toEqual({ recs: 2 });
  });

  it('fail with the API step messages: an empty list, a schema violation', async () => {
    recs = { items: [] };
    const empty = await runSteps(
      [visit('/widget', { expect: { ...quiet, responses: [{ url: '/api/recs', name: 'widget API', expect: { rules: [nonEmpty('$.items', { name: 'widget gets items' })] } }] } }, { waitUntil: 'networkidle' })],
      server,
      browser,
    );
    expect(empty.outcome).toBe('fail');
    expect(named(empty.checks, 'widget gets items')).toMatchObject({
      kind: 'rule',
      outcome: 'fail',
      message: 'expected a non-empty array at $.items, got []',
      path: '$.items',
      step: 'visit /widget',
    });
    recs = { items: [{ title: 'no name' }] };
    const invalid = await runSteps([visit('/widget', { expect: { ...quiet, responses: [{ url: '/api/recs', expect: { schema: RECS_SCHEMA } }] } }, { waitUntil: 'networkidle' })], server, browser);
    expect(named(invalid.checks, '/api/recs schema inline')).toMatchObject({ kind: 'schema', outcome: 'fail', path: '$.items[0].name' });
  });

  it('that never came fail by the end of the step', async () => {
    const result = await runSteps(
      [visit('/widget', { expect: { ...quiet, responses: [{ url: '/api/recommendations', expect: { schema: RECS_SCHEMA } }, { url: '/api/recs', method: 'POST' }] } }, { timeout: '1s' })],
      server,
      browser,
    );
    expect(result.outcome).toBe('fail');
    expect(result.checks.filter((c) => c.kind === 'network')).toEqual([
      {
        name: '/api/recommendations response',
        kind: 'network',
        outcome: 'fail',
        step: 'visit /widget',
        message: 'expected the page to fetch /api/recommendations; no such response came by the end of the step',
        path: '/api/recommendations',
        expected: 'a response',
        actual: '(none)',
      },
      {
        name: '/api/recs response',
        kind: 'network',
        outcome: 'fail',
        step: 'visit /widget',
        message: 'expected the page to fetch POST /api/recs; no such response came by the end of the step',
        path: '/api/recs',
        expected: 'a response',
        actual: '(none)',
      },
    ]);
  });

  it('larger than the body limit fail on their size, unread', async () => {
    const result = await runSteps(
      [
        visit(
          '/bigpage',
          { expect: { ...quiet, responses: [{ url: '/api/huge', expect: { rules: [nonEmpty('$.filler')] } }, { url: '/api/stream', expect: { rules: [nonEmpty('$.filler')] } }] } },
          { waitUntil: 'networkidle' },
        ),
      ],
      server,
      browser,
      { env: { defaults: { ...BUILT_IN_DEFAULTS, maxBodyBytes: 1024 } } },
    );
    expect(named(result.checks, '/api/huge body size')).toEqual({
      name: '/api/huge body size',
      kind: 'size',
      outcome: 'fail',
      step: 'visit /bigpage',
      message: 'body of 4109 bytes exceeds the 1024-byte limit',
      path: '/api/huge',
      expected: '≤ 1024 bytes',
      actual: '4109 bytes',
    });
    expect(named(result.checks, '/api/stream body size')).toMatchObject({ kind: 'size', outcome: 'fail', message: 'body of 8013 bytes exceeds the 1024-byte limit' });
    expect(result.checks.some((c) => c.kind === 'rule')).toBe(false);
  });
});

describe('the API and the page agree', () => {
  const probe = (path: string) => [
    { name: 'recommendations API', api: { path: '/api/recs' }, measures: { recommendations: measure.count('$.items') } },
    visit(path, {
      expect: {
        ...quiet,
        dom: [dom.count('.card', { min: 1 })],
        rules: [
          agree('recommendationCards', '==', 'recommendations'),
          agree('recommendationCards', '>=', 'recommendations', { cap: 1, name: 'items in the API appear on the page' }),
          agree('shownPrice', '==', 19.99),
        ],
      },
      measures: { recommendationCards: measure.domCount('.card'), shownPrice: measure.domValue('.price', { attribute: 'data-price' }), priceText: measure.domValue('.price') },
    }, { waitUntil: 'networkidle' }),
  ];

  it('when the page shows what the API returned', async () => {
    recs = { items: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    const result = await runSteps(probe('/widget'), server, browser);
    expect(result.outcome).toBe('pass');
    expect(result.measures).toEqual({ recommendations: 3, recommendationCards: 3, shownPrice: 19.99, priceText: 19.99 });
    expect(result.checks.filter((c) => c.kind === 'rule').map((c) => [c.name, c.outcome])).toEqual([
      ['recommendationCards == recommendations', 'pass'],
      ['items in the API appear on the page', 'pass'],
      ['shownPrice == 19.99', 'pass'],
    ]);
  });

  it('and say so in numbers when the widget renders nothing of what it got', async () => {
    recs = { items: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    const result = await runSteps(probe('/widget?render=0'), server, browser);
    expect(result.outcome).toBe('fail');
    const rules = result.checks.filter((c) => c.kind === 'rule' && c.outcome === 'fail');
    expect(rules).toEqual([
      {
        name: 'recommendationCards == recommendations',
        kind: 'rule',
        outcome: 'fail',
        step: 'visit /widget?render=0',
        message: 'recommendationCards is 0 but recommendations is 3; expected recommendationCards == recommendations',
        expected: '== 3',
        actual: '0',
      },
      {
        name: 'items in the API appear on the page',
        kind: 'rule',
        outcome: 'fail',
        step: 'visit /widget?render=0',
        message: 'recommendationCards is 0 but recommendations is 3; expected recommendationCards >= min(recommendations, 1) = 1',
        expected: '>= 1',
        actual: '0',
      },
    ]);
  });
});

describe('DOM captures', () => {
  it('give later steps a variable, and fail when there is nothing to capture', async () => {
    const result = await runSteps(
      [
        visit('/widget', { capture: { product: 'h1', price: { selector: '.price', attribute: 'data-price' }, missing: '.nothing' }, expect: quiet, soft: true }),
        { name: 'use it', api: { path: '/api/big', query: { product: '{{product}}', price: '{{price}}' } } },
      ],
      server,
      browser,
    );
    expect(result.checks.filter((c) => c.kind === 'capture').map((c) => [c.name, c.outcome, c.message])).toEqual([
      ['capture product', 'pass', ''],
      ['capture price', 'pass', ''],
      ['capture missing', 'fail', '.nothing matched nothing to capture as {{missing}}'],
    ]);
    expect(server.requests.filter((r) => r.url.startsWith('/api/big')).map((r) => r.url)).toEqual(['/api/big?product=Lamp&price=19.99']);
  });
});

it('schemas named by file are found in the registry the run is given', async () => {
  recs = { items: [{ name: 'a' }] };
  const { registry } = await SchemaRegistry.load(new URL('../../../schemas/', import.meta.url).pathname);
  const result = await runSteps(
    [visit('/widget', { expect: { ...quiet, responses: [{ url: '/api/recs', expect: { schema: 'recommendations.schema.json' } }] } }, { waitUntil: 'networkidle' })],
    server,
    browser,
    { env: { schemas: registry } },
  );
  expect(named(result.checks, '/api/recs schema recommendations.schema.json')).toMatchObject({ kind: 'schema', outcome: 'fail', message: expect.stringMatching(/^\d+ schema violations?: /) });
});
