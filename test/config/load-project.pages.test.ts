// Page steps, DOM checks, actions, page settings of personas and the browser config are
// validated like API steps: every problem at once, each with its place and a hint.
import { afterEach, describe, expect, test } from 'vitest';
import { error, Fixture, VALID_CONFIG } from './fixture.ts';

const fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.dispose()));
});

const FILE = 'probes/page.probe.ts';
const IMPORTS = 'defineProbe, dom, measure, agree, nonEmpty, count, custom';

async function load(steps: string, config = VALID_CONFIG) {
  const fixture = await Fixture.create({
    'payloadwatch.config.ts': config,
    [FILE]: `import { ${IMPORTS} } from 'payloadwatch';\n\nexport default defineProbe({\n  name: 'page',\n  steps: [${steps}],\n} as never);\n`,
  });
  fixtures.push(fixture);
  return fixture.load();
}

describe('page steps', () => {
  test('a valid page step, with every kind of check, action, response and measure, loads', async () => {
    const result = await load(`
      { name: 'api', api: { path: '/api/recommendations' }, measures: { recommendations: measure.count('$.items') } },
      {
        name: 'product page',
        page: {
          path: '/products/{{productId}}',
          waitUntil: 'networkidle',
          waitFor: '#main',
          timeout: '5s',
          actions: [{ click: '#add-to-cart' }, { fill: '#q', value: 'lamp' }, { press: '#q', key: 'Enter' }, { waitFor: '.spinner', state: 'hidden', timeout: 500 }],
        },
        expect: {
          status: [200, 304],
          latency: '2s',
          dom: [dom.count('.rec-card', { min: 1 }), dom.text('h1'), dom.visible('#recommendations'), dom.notContains('main', /no recommendations/i), dom.attribute('img', 'src', /^\\/images\\//)],
          responses: [{ url: '/api/recommendations', method: 'GET', name: 'widget', expect: { schema: { type: 'object' }, rules: [nonEmpty('$.items')] }, measures: { widgetItems: measure.count('$.items') }, capture: { first: '$.items[0].id' } }, { url: /\\/api\\/cart/ }],
          rules: [agree('cards', '==', 'widgetItems'), agree('cards', '>=', 'recommendations', { cap: 1 }), custom('fine', () => true)],
          pageErrors: 'fail',
          console: { severity: 'warn', ignore: ['favicon', /analytics/] },
          failedRequests: 'ignore',
          blank: 'warn',
        },
        measures: { cards: measure.domCount('.rec-card'), price: measure.domValue('.price', { attribute: 'data-price' }) },
        capture: { name: 'h1', sku: { selector: '.product', attribute: 'data-sku' } },
        soft: true,
      }`);
    expect(result.diagnostics).toEqual([]);
    expect(result.project?.probes[0]?.definition.steps).toHaveLength(2);
  });

  test('the visit: path, wait, timeout and actions, every problem reported', async () => {
    const result = await load(`{
      name: 'p',
      page: { paht: '/x', waitUntil: 'idle', waitFor: '', timeout: 'soon', actions: [{ click: '#a', fill: '#b' }, { tap: '#a' }, { fill: '#q' }, { press: '#q' }, { waitFor: '$.items', state: 'gone' }, 'click'] },
    }`);
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].page.paht', "unknown key 'paht'", "did you mean 'path'?"),
      error(FILE, 'steps[0].page.path', "missing required key 'path'", "the path on the target, e.g. path: '/products/p-1001'"),
      error(FILE, 'steps[0].page.waitUntil', "unknown waitUntil value 'idle'", 'known values: load, domcontentloaded, networkidle'),
      error(FILE, 'steps[0].page.waitFor', "expected a non-empty selector, got a string ('')", "a CSS selector such as '.rec-card' or '#recommendations', or any Playwright selector"),
      error(FILE, 'steps[0].page.timeout', "expected a duration, got a string ('soon')", "use milliseconds or a number with a unit: '250ms', '10s', '5m', '24h', '7d'"),
      error(FILE, 'steps[0].page.actions[0]', "action has several kinds ('click' or 'fill'); an action does one thing", 'split it into one action per kind'),
      error(FILE, 'steps[0].page.actions[1].tap', "unknown key 'tap'", 'known keys: click, timeout, fill, value, press, key, waitFor, state'),
      error(FILE, 'steps[0].page.actions[1]', "action has no kind: expected one of the keys 'click', 'fill', 'press' or 'waitFor'", "e.g. { click: '#add-to-cart' } or { fill: '#search-input', value: 'lamp' }"),
      error(FILE, 'steps[0].page.actions[2].value', "missing required key 'value'", "e.g. { fill: '#search-input', value: 'lamp' }"),
      error(FILE, 'steps[0].page.actions[3].key', "missing required key 'key'", "a key such as 'Enter', 'ArrowDown' or 'Control+A'"),
      error(
        FILE,
        'steps[0].page.actions[4].waitFor',
        "'$.items' is a JSONPath, not a selector",
        "a CSS selector such as '.rec-card' or '#recommendations', or any Playwright selector; JSONPaths judge the page's API responses, under expect.responses",
      ),
      error(FILE, 'steps[0].page.actions[4].state', "unknown state 'gone'", 'known states: visible, attached, hidden, detached'),
      error(FILE, 'steps[0].page.actions[5]', "expected an action object, got a string ('click')", "e.g. { click: '#add-to-cart' } or { fill: '#search-input', value: 'lamp' }"),
    ]);
  });

  test('DOM checks: kinds, selectors, bounds and patterns', async () => {
    const result = await load(`{
      name: 'p',
      page: { path: '/' },
      expect: {
        dom: [
          dom.count('.card', {}),
          dom.count('.card', { min: 3, max: 1 }),
          { dom: 'count', selector: '.card', min: -1 },
          { dom: 'shown', selector: '.card' },
          { dom: 'visible' },
          { dom: 'text', selector: 'h1', equals: 'A', pattern: 'B' },
          { dom: 'text', selector: 'h1', pattern: '(' },
          { dom: 'notContains', selector: 'main' },
          { dom: 'attribute', selector: 'img' },
          { dom: 'visible', selector: '#a', severity: 'info', colour: 'red' },
          'h1',
        ],
      },
    }`);
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].expect.dom[0]', 'count needs min or max', "e.g. dom.count('.rec-card', { min: 1 })"),
      error(FILE, 'steps[0].expect.dom[1].min', 'min (3) is greater than max (1)', 'both bounds are inclusive; min must not exceed max'),
      error(FILE, 'steps[0].expect.dom[2].min', 'expected an integer of at least 0, got a number (-1)'),
      error(FILE, 'steps[0].expect.dom[3].dom', "unknown DOM check 'shown'", 'known DOM checks: count, text, visible, notContains, attribute'),
      error(FILE, 'steps[0].expect.dom[4].selector', "missing required key 'selector'"),
      error(FILE, 'steps[0].expect.dom[5]', "both 'equals' and 'pattern' are set; a check compares with one", "e.g. dom.text('#cart-status', 'Added to cart') or dom.text('h1', /lamp/i)"),
      error(
        FILE,
        'steps[0].expect.dom[6].pattern',
        'pattern does not compile: Invalid regular expression: /(/: Unterminated group',
        "e.g. dom.text('#cart-status', 'Added to cart') or dom.text('h1', /lamp/i)",
      ),
      error(FILE, 'steps[0].expect.dom[7]', "missing 'text' or 'pattern'", "e.g. dom.notContains('main', 'No recommendations')"),
      error(FILE, 'steps[0].expect.dom[8].attribute', "missing required key 'attribute'"),
      error(FILE, 'steps[0].expect.dom[9].colour', "unknown key 'colour'", 'known keys: dom, selector, name, severity'),
      error(FILE, 'steps[0].expect.dom[9].severity', "unknown severity 'info'", 'known severities: fail, warn'),
      error(FILE, 'steps[0].expect.dom[10]', "expected a DOM check such as dom.count('.rec-card', { min: 1 }), got a string ('h1')", "build DOM checks with the factories, e.g. dom.count('.rec-card', { min: 1 })"),
    ]);
  });

  test('responses, page rules, measures, captures and problem policies', async () => {
    const result = await load(`{
      name: 'p',
      page: { path: '/' },
      expect: {
        responses: [{ url: 'api/recs', expect: { status: 'ok' }, measures: { n: measure.count('$.items[') } }, { method: 'FETCH' }, { url: '/x', expect: { rules: [nonEmpty('$.items')] } }],
        rules: [nonEmpty('$.items'), agree('cards', '~', 'n')],
        console: 'loud',
        pageErrors: { severity: 'warn', ignore: [1], mute: true },
        blank: 'never',
      },
      measures: { count: measure.count('$.items'), cards: measure.domCount(''), other: { measure: 'domTotal', selector: 'x' } },
      capture: { 'bad name': 'h1', ok: { selector: 'h1', attr: 'id' } },
    }`);
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].expect.responses[0].url', "URL pattern 'api/recs' is neither a path nor a full URL", "start it with '/', e.g. '/api/recs'"),
      error(FILE, 'steps[0].expect.responses[0].expect.status', "expected an HTTP status from 100 to 599, an array of them, or a class such as '2xx', got a string ('ok')", "e.g. status: 200, status: [200, 304] or status: '2xx'"),
      error(FILE, 'steps[0].expect.responses[0].measures.n.path', "invalid JSONPath '$.items[': unclosed bracketed selection", 'JSONPath follows RFC 9535, e.g. $.items[*].price'),
      error(FILE, 'steps[0].expect.responses[1].url', "missing required key 'url'", "e.g. responses: [{ url: '/api/recommendations', expect: { schema: 'recommendations.schema.json' } }]"),
      error(FILE, 'steps[0].expect.responses[1].method', "unknown HTTP method 'FETCH'", 'HTTP methods: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'),
      error(FILE, 'steps[0].expect.rules[0]', 'nonEmpty judges a JSON payload, and a page step has none of its own', 'put it in the rules of one of expect.responses, or compare measures with agree(…) or custom(…)'),
      error(FILE, 'steps[0].expect.rules[1].op', "unknown operator '~'", 'known operators: ==, !=, <, <=, >, >='),
      error(FILE, 'steps[0].expect.pageErrors.mute', "unknown key 'mute'", 'known keys: severity, ignore'),
      error(FILE, 'steps[0].expect.pageErrors.ignore[0]', 'expected a non-empty string or a RegExp, got a number (1)'),
      error(FILE, 'steps[0].expect.console', "unknown severity 'loud'", 'known severities: fail, warn, ignore'),
      error(FILE, 'steps[0].expect.blank', "unknown severity 'never'", 'known severities: fail, warn, ignore'),
      error(
        FILE,
        'steps[0].measures.count.measure',
        'measure.count reads a JSON payload, and a page step has none of its own',
        'read the page with measure.domCount(selector) or measure.domValue(selector), or put it in the measures of one of expect.responses',
      ),
      error(FILE, 'steps[0].measures.cards.selector', "expected a non-empty selector, got a string ('')", "a CSS selector such as '.rec-card' or '#recommendations', or any Playwright selector"),
      error(FILE, 'steps[0].measures.other.measure', "unknown DOM measure kind 'domTotal'", 'known DOM measure kinds: domCount, domValue'),
      error(FILE, 'steps[0].capture["bad name"]', "capture name 'bad name' cannot be used as a {{variable}}", 'use letters, digits, _, . and -'),
      error(FILE, 'steps[0].capture.ok.attr', "unknown key 'attr'", 'known keys: selector, attribute'),
    ]);
  });

  test('a DOM measure in an API step says where it belongs', async () => {
    const result = await load(`{ name: 'api', api: { path: '/api/items' }, measures: { cards: measure.domCount('.card') } }`);
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].measures.cards.measure', 'measure.domCount reads a rendered page, and this step has none', "use it in the measures of a page step; here read the JSON body, e.g. measure.count('$.items')"),
    ]);
  });
});

describe('agree rules name measures the probe takes', () => {
  test('a typo, a measure of a later step, and one taken later in the same step', async () => {
    const result = await load(`
      { name: 'api', api: { path: '/api/recs' }, expect: { rules: [agree('recommendations', '>', 'cards')] }, measures: { recommendations: measure.count('$.items') } },
      {
        name: 'page',
        page: { path: '/' },
        expect: {
          responses: [
            { url: '/a', expect: { rules: [agree('fromB', '==', 1)] } },
            { url: '/b', measures: { fromB: measure.count('$.items') } },
          ],
          rules: [agree('cards', '==', 'recomendations'), agree(1, '<', 2)],
        },
        measures: { cards: measure.domCount('.card') },
      }`);
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[1].expect.rules[1]', 'agree compares measures, but both sides are numbers', "name a measure on at least one side, e.g. agree('recommendationCards', '==', 'recommendations')"),
      error(FILE, 'steps[0].expect.rules[0].right', "measure 'cards' is taken by a later step (steps[1])", 'a rule sees the measures of its own step and earlier ones; move the rule to that step or after it'),
      error(FILE, 'steps[1].expect.rules[0].right', "no step takes a measure 'recomendations'", "did you mean 'recommendations'?"),
      error(FILE, 'steps[1].expect.responses[0].expect.rules[0].left', "measure 'fromB' is taken later in this step than this rule is judged", "put the rule in the page step's expect.rules, which see every measure of the step"),
    ]);
  });
});

describe('page settings', () => {
  test('of personas: a device from Playwright, a locale and a time zone', async () => {
    const config = `import { defineConfig, definePersona } from 'payloadwatch';
export default defineConfig({
  targets: { production: 'https://shop.example.com' },
  personas: [
    definePersona({ name: 'phone', device: 'Pixel 7', locale: 'de-DE', timezone: 'Europe/Berlin' }),
    definePersona({ name: 'typo', device: 'Pixel 77', locale: 'english please', timezone: 'Mars/Olympus' }),
    definePersona({ name: 'other', device: 'Toaster 3000' }),
  ],
});
`;
    const result = await load(`{ name: 'p', page: { path: '/' } }`, config);
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', 'personas[1].device', "unknown device 'Pixel 77'", "did you mean 'Pixel 7'?"),
      error('payloadwatch.config.ts', 'personas[1].locale', "invalid locale 'english please'", "a BCP 47 language tag, e.g. 'en-US' or 'de-DE'"),
      error('payloadwatch.config.ts', 'personas[1].timezone', "unknown time zone 'Mars/Olympus'", "an IANA time zone, e.g. 'Europe/Berlin' or 'America/New_York'"),
      error('payloadwatch.config.ts', 'personas[2].device', "unknown device 'Toaster 3000'", "a name from Playwright's device list, e.g. 'Desktop Chrome', 'Pixel 7' or 'iPhone 15'"),
    ]);
  });

  test('of the config: the browser binary, its trace and page concurrency', async () => {
    const config = `import { defineConfig } from 'payloadwatch';
export default defineConfig({
  targets: { production: 'https://shop.example.com' },
  defaults: { pageConcurrency: 0 },
  browser: { executablePath: '', headless: false, trace: 'retain-on-failure' },
} as never);
`;
    const result = await load(`{ name: 'p', page: { path: '/' } }`, config);
    expect(result.diagnostics).toEqual([
      error('payloadwatch.config.ts', 'defaults.pageConcurrency', 'expected an integer of at least 1, got a number (0)'),
      error('payloadwatch.config.ts', 'browser.headless', "unknown key 'headless'", 'known keys: executablePath, trace'),
      error('payloadwatch.config.ts', 'browser.executablePath', "expected a non-empty string, got a string ('')"),
      error('payloadwatch.config.ts', 'browser.trace', "unknown trace mode 'retain-on-failure'", 'trace modes: snapshots, screencast, off'),
    ]);
  });
});
