import { afterEach, describe, expect, test } from 'vitest';
import { error, Fixture, VALID_CONFIG, validProbe, warning } from './fixture.ts';

const fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.dispose()));
});

async function project(probes: Record<string, string>): Promise<Fixture> {
  const fixture = await Fixture.create({ 'payloadwatch.config.ts': VALID_CONFIG, ...probes });
  fixtures.push(fixture);
  return fixture;
}

/** A probe file whose `defineProbe` argument is `body`; `as never` lets wrong shapes through the types. */
function probeFile(body: string, imports = 'defineProbe'): string {
  return `import { ${imports} } from 'payloadwatch';\n\nexport default defineProbe({\n${body}\n} as never);\n`;
}

/** One API step with `extra` added to it. */
function oneStep(extra: string, probeExtra = ''): string {
  return probeFile(`  name: 'items',${probeExtra}\n  steps: [{ name: 'list', api: { path: '/api/items' }, ${extra} }],`, 'defineProbe, nonEmpty, count, range, pattern, unique, every, custom, measure');
}

const FILE = 'probes/items.probe.ts';
const JSONPATH_HINT = 'JSONPath follows RFC 9535, e.g. $.items[*].price';

describe('probe files', () => {
  test('no matching probe files is a warning, and the project still loads', async () => {
    const fixture = await project({});
    const result = await fixture.load();
    expect(result.project?.probes).toEqual([]);
    expect(result.diagnostics).toEqual([
      warning(
        'payloadwatch.config.ts',
        'probes',
        "no probe files match 'probes/**/*.probe.ts'",
        "create probes/<name>.probe.ts, or set 'probes' in payloadwatch.config.ts",
      ),
    ]);
  });

  test('a TypeScript syntax error names the line and column', async () => {
    const fixture = await project({
      'probes/broken.probe.ts': "import { defineProbe } from 'payloadwatch';\n\nexport default defineProbe({\n  name: 'broken' x,\n});\n",
    });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('probes/broken.probe.ts', '', 'syntax error at probes/broken.probe.ts:4:18: Expected "}" but found "x"'),
    ]);
  });

  test('a file that exports no probe says what to export', async () => {
    const fixture = await project({ 'probes/helpers.probe.ts': "export const base = '/api';\n" });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('probes/helpers.probe.ts', '', 'no probe exported', "export default defineProbe({ name: 'recommendations', steps: [ … ] })"),
    ]);
  });

  test('a file that throws while loading reports the error and where it was thrown', async () => {
    const fixture = await project({ 'probes/throws.probe.ts': "const base: string = '/api';\n\nthrow new Error(`no fixtures under ${base}`);\n" });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(
        'probes/throws.probe.ts',
        '',
        'failed to load: no fixtures under /api (thrown at probes/throws.probe.ts:3:7)',
        'top-level code runs when payloadwatch loads the file; move work that can fail into a step or a persona setup',
      ),
    ]);
  });

  test('a SyntaxError thrown by code at load time is not taken for a syntax error in the file', async () => {
    const fixture = await project({ 'probes/fixtures.probe.ts': "const fixtures: unknown = JSON.parse('{ items: [] }');\n\nexport default fixtures;\n" });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(
        'probes/fixtures.probe.ts',
        '',
        "failed to load: SyntaxError: Expected property name or '}' in JSON at position 2 (thrown at probes/fixtures.probe.ts:1:32)",
        'top-level code runs when payloadwatch loads the file; move work that can fail into a step or a persona setup',
      ),
    ]);
  });

  test('an import that does not resolve names the files relative to the working directory', async () => {
    const fixture = await project({ 'probes/items.probe.ts': "import { base } from './shared.ts';\n\nexport default base;\n" });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('probes/items.probe.ts', '', "cannot load: Cannot find module 'probes/shared.ts' imported from probes/items.probe.ts", 'check the import paths in this file'),
    ]);
  });

  test('probe names are unique across files; the second names the first', async () => {
    const fixture = await project({ 'probes/a.probe.ts': validProbe('recommendations'), 'probes/b.probe.ts': validProbe('recommendations') });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(
        'probes/b.probe.ts',
        'name',
        "duplicate probe name 'recommendations': already defined in probes/a.probe.ts",
        'probe names label reports and metrics; make each one unique',
      ),
    ]);
  });

  test('several probes in one file are told apart by their export', async () => {
    const fixture = await project({
      'probes/many.probe.ts': `import { defineProbe } from 'payloadwatch';

export const cart = defineProbe({ name: 'cart', steps: [{ name: 'get', api: { path: '/api/cart' } }] });

export default [
  defineProbe({ name: 'home', steps: [{ name: 'get', api: { path: '/' } }] }),
  defineProbe({ name: 'home', steps: [{ name: 'get', api: { path: '/', method: 'FETCH' as never } }] }),
];
`,
    });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error('probes/many.probe.ts', 'default[1].steps[0].api.method', "unknown HTTP method 'FETCH'", 'HTTP methods: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'),
      error('probes/many.probe.ts', 'default[1].name', "duplicate probe name 'home': already defined at default[0]", 'probe names label reports and metrics; make each one unique'),
    ]);
  });
});

describe('probe fields', () => {
  test('an unknown persona lists the known ones, anonymous included', async () => {
    const fixture = await project({ [FILE]: oneStep('', "\n  personas: ['new-usr', 'anonymous'],") });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'personas[0]', "unknown persona 'new-usr'", "did you mean 'new-user'? known personas: anonymous, new-user"),
    ]);
  });

  test('an invalid cron schedule shows the 5- and 6-field forms', async () => {
    const fixture = await project({ [FILE]: oneStep('', "\n  schedule: '61 * * * *',") });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(
        FILE,
        'schedule',
        "invalid cron expression '61 * * * *': '61' is not a valid minute",
        "use 5 fields 'minute hour day-of-month month day-of-week', e.g. '*/5 * * * *', or 6 with seconds first, e.g. '*/30 * * * * *'",
      ),
    ]);
  });

  test('a cron schedule with the wrong number of fields says so', async () => {
    const fixture = await project({ [FILE]: oneStep('', "\n  schedule: 'every 5 minutes',") });
    const result = await fixture.load();
    expect(result.diagnostics.map((d) => d.message)).toEqual(["invalid cron expression 'every 5 minutes': expected 5 or 6 fields but got 3"]);
  });

  test('a six-field schedule with seconds is accepted', async () => {
    const fixture = await project({ [FILE]: oneStep('', "\n  schedule: '*/30 * * * * *',") });
    expect((await fixture.load()).diagnostics).toEqual([]);
  });

  test('probe-level types and ranges', async () => {
    const fixture = await project({ [FILE]: oneStep('', "\n  retries: 11,\n  retryOn: 'fail',\n  timeout: 'soon',\n  tags: ['shop', ''],\n  descripton: 'x',") });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'descripton', "unknown key 'descripton'", "did you mean 'description'?"),
      error(FILE, 'tags[1]', "expected a non-empty string, got a string ('')"),
      error(FILE, 'timeout', "expected a duration, got a string ('soon')", "use milliseconds or a number with a unit: '250ms', '10s', '5m', '24h', '7d'"),
      error(FILE, 'retries', 'expected an integer from 0 to 10, got a number (11)'),
      error(FILE, 'retryOn', "unknown retryOn value 'fail'", 'known values: error, any'),
    ]);
  });

  test('a probe needs a name and at least one step', async () => {
    const fixture = await project({ [FILE]: probeFile('  steps: [],') });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'name', "missing required key 'name'"),
      error(FILE, 'steps', 'expected at least one step, got an empty array', "steps: [{ name: 'recommendations', api: { path: '/api/recommendations' } }]"),
    ]);
  });
});

describe('steps', () => {
  test('a step without a kind is an error, and a typo of the kind key is suggested', async () => {
    const fixture = await project({ [FILE]: probeFile("  name: 'items',\n  steps: [{ name: 'list', apu: { path: '/api/items' } }],") });
    const result = await fixture.load();
    const example = "an API step: { name: 'recommendations', api: { path: '/api/recommendations' } }";
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].apu', "unknown key 'apu'", "did you mean 'api'?"),
      error(FILE, 'steps[0]', "step has no kind: expected one of the keys 'api' or 'page'", example),
    ]);
  });

  test('step names are unique within a probe', async () => {
    const fixture = await project({
      [FILE]: probeFile("  name: 'items',\n  steps: [{ name: 'list', api: { path: '/a' } }, { name: 'list', api: { path: '/b' } }],"),
    });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[1].name', "duplicate step name 'list': already used by steps[0]", 'step names label checks in reports; make them unique within the probe'),
    ]);
  });

  test('the request: method, path, headers, limits', async () => {
    const fixture = await project({
      [FILE]: probeFile(
        "  name: 'items',\n  steps: [{ name: 'list', soft: 'yes', api: { method: 'get', headers: { accept: ['json'] }, maxBodyBytes: 0, timeout: '5 s', url: '/x' } }],",
      ),
    });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].soft', "expected a boolean, got a string ('yes')"),
      error(FILE, 'steps[0].api.url', "unknown key 'url'", 'known keys: method, path, query, headers, body, timeout, maxBodyBytes, maxRedirects'),
      error(FILE, 'steps[0].api.method', "unknown HTTP method 'get'", "did you mean 'GET'?"),
      error(FILE, 'steps[0].api.path', "missing required key 'path'", "the path on the target, e.g. path: '/api/recommendations'"),
      error(FILE, 'steps[0].api.headers.accept', "expected a string, number, boolean or secret('NAME'), got an array"),
      error(FILE, 'steps[0].api.timeout', "expected a duration, got a string ('5 s')", "use milliseconds or a number with a unit: '250ms', '10s', '5m', '24h', '7d'"),
      error(FILE, 'steps[0].api.maxBodyBytes', 'expected an integer of at least 1, got a number (0)'),
    ]);
  });

  test('status and header expectations', async () => {
    const fixture = await project({
      [FILE]: oneStep("expect: { status: [200, 700], headers: { 'cache-control': 60 }, latency: 'fast' }"),
      'probes/other.probe.ts': validProbe('other').replace("expect: {", "expect: { status: '2XX',"),
    });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].expect.status[1]', 'expected an HTTP status from 100 to 599, got a number (700)'),
      error(FILE, 'steps[0].expect.headers["cache-control"]', 'expected a string or a RegExp, got a number (60)'),
      error(FILE, 'steps[0].expect.latency', "expected a duration, got a string ('fast')", "use milliseconds or a number with a unit: '250ms', '10s', '5m', '24h', '7d'"),
      error(
        'probes/other.probe.ts',
        'steps[0].expect.status',
        "expected an HTTP status from 100 to 599, an array of them, or a class such as '2xx', got a string ('2XX')",
        "e.g. status: 200, status: [200, 304] or status: '2xx'",
      ),
    ]);
  });
});

describe('JSONPaths', () => {
  test('an invalid JSONPath in a rule', async () => {
    const fixture = await project({ [FILE]: oneStep("expect: { rules: [nonEmpty('$.items'), nonEmpty('$.items[')] }") });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].expect.rules[1].path', "invalid JSONPath '$.items[': unclosed bracketed selection", JSONPATH_HINT),
    ]);
  });

  test('an invalid JSONPath in a capture, and a capture name unusable as a variable', async () => {
    const fixture = await project({ [FILE]: oneStep("capture: { cartId: 'id', 'cart id': '$.id' }") });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].capture.cartId', "invalid JSONPath 'id': expected '$', found 'i'", JSONPATH_HINT),
      error(FILE, 'steps[0].capture["cart id"]', "capture name 'cart id' cannot be used as a {{variable}}", 'use letters, digits, _, . and -'),
    ]);
  });

  test('an invalid JSONPath in a measure, and measures of unknown shape', async () => {
    const fixture = await project({
      [FILE]: oneStep("measures: { items: measure.count('$..'), total: { measure: 'average', path: '$.total' }, fn: measure.custom(() => 1) }"),
    });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].measures.items.path', "invalid JSONPath '$..': bald descendant segment", JSONPATH_HINT),
      error(FILE, 'steps[0].measures.total.measure', "unknown measure kind 'average'", 'known measure kinds: count, value, sum, min, max, custom'),
    ]);
  });

  test('unique and sorted keys are JSONPaths when they start with $', async () => {
    const fixture = await project({ [FILE]: oneStep("expect: { rules: [unique('$.items', { by: '$.id[' }), unique('$.items', { by: 'id' })] }") });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].expect.rules[0].by', "invalid JSONPath '$.id[': unclosed bracketed selection", JSONPATH_HINT),
    ]);
  });
});

describe('rules', () => {
  test('count needs a bound, and min must not exceed max', async () => {
    const fixture = await project({ [FILE]: oneStep("expect: { rules: [count('$.items', {}), count('$.items', { min: 5, max: 2 })] }") });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].expect.rules[0]', 'count needs min or max', "e.g. count('$.items', { min: 1, max: 10 })"),
      error(FILE, 'steps[0].expect.rules[1].min', 'min (5) is greater than max (2)', 'both bounds are inclusive; min must not exceed max'),
    ]);
  });

  test('range needs a bound, and bounds that hold no number are refused', async () => {
    const fixture = await project({ [FILE]: oneStep("expect: { rules: [range('$.price', {}), range('$.price', { above: 10, max: 10 })] }") });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].expect.rules[0]', 'range needs at least one bound: min, max, above or below', "e.g. range('$.items[*].price', { above: 0 })"),
      error(FILE, 'steps[0].expect.rules[1]', 'no number is > 10 and <= 10', 'min and above are lower bounds, max and below upper bounds'),
    ]);
  });

  test('a bad path and a bad bound in one rule are both reported', async () => {
    const fixture = await project({ [FILE]: oneStep("expect: { rules: [count('$.items[', {})] }") });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].expect.rules[0].path', "invalid JSONPath '$.items[': unclosed bracketed selection", JSONPATH_HINT),
      error(FILE, 'steps[0].expect.rules[0]', 'count needs min or max', "e.g. count('$.items', { min: 1, max: 10 })"),
    ]);
  });

  test('a pattern must compile', async () => {
    const fixture = await project({ [FILE]: oneStep("expect: { rules: [pattern('$.sku', '^P-(\\\\d+$')] }") });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(
        FILE,
        'steps[0].expect.rules[0].pattern',
        'pattern does not compile: Invalid regular expression: /^P-(\\d+$/: Unterminated group',
        "e.g. pattern('$.items[*].sku', /^P-\\d{4}$/)",
      ),
    ]);
  });

  test('each rule kind has its own keys; severity and kind come from closed sets', async () => {
    const fixture = await project({
      [FILE]: oneStep(
        "expect: { rules: [{ rule: 'nonEmpty', path: '$.items', min: 1 }, { rule: 'nonempty', path: '$.items' }, nonEmpty('$.items', { severity: 'warning' as never }), 'nonEmpty'] }",
      ),
    });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].expect.rules[0].min', "unknown key 'min'", 'known keys: rule, name, severity, path'),
      error(FILE, 'steps[0].expect.rules[1].rule', "unknown rule kind 'nonempty'", "did you mean 'nonEmpty'?"),
      error(FILE, 'steps[0].expect.rules[2].severity', "unknown severity 'warning'", 'known severities: fail, warn'),
      error(
        FILE,
        'steps[0].expect.rules[3]',
        "expected a rule such as nonEmpty('$.items'), got a string ('nonEmpty')",
        "build rules with the factories, e.g. nonEmpty('$.items')",
      ),
    ]);
  });

  test('every needs a predicate or a schema; custom needs a function', async () => {
    const fixture = await project({
      [FILE]: oneStep("expect: { rules: [{ rule: 'every', path: '$.items' }, { rule: 'custom', name: 'totals add up', check: true }] }"),
    });
    const result = await fixture.load();
    expect(result.diagnostics).toEqual([
      error(FILE, 'steps[0].expect.rules[0]', 'every needs a predicate function or a schema', "e.g. every('$.items', { schema: 'product.schema.json' })"),
      error(FILE, 'steps[0].expect.rules[1].check', 'expected a function, got a boolean (true)'),
    ]);
  });
});
