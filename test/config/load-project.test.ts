import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { ANONYMOUS_PERSONA, BUILT_IN_DEFAULTS } from '../../src/config/project.ts';
import { error, Fixture, VALID_CONFIG, validProbe } from './fixture.ts';

const fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.dispose()));
});

async function project(files: Record<string, string>, options?: { esm?: boolean }): Promise<Fixture> {
  const fixture = await Fixture.create(files, options);
  fixtures.push(fixture);
  return fixture;
}

const SHOP_CONFIG = `import { defineConfig, definePersona, secret } from 'payloadwatch';

export default defineConfig({
  targets: { staging: 'https://staging.example.com', production: 'https://shop.example.com' },
  personas: [
    definePersona({ name: 'new-user', setup: async () => ({ variables: { userId: 'u-1' } }) }),
    definePersona({ name: 'returning-buyer', headers: { authorization: secret('BUYER_TOKEN') } }),
  ],
  defaults: { timeout: '5s', retries: 2 },
});
`;

const RECOMMENDATIONS_PROBE = `import { defineProbe, nonEmpty, measure } from 'payloadwatch';

export default defineProbe({
  name: 'recommendations',
  schedule: '*/5 * * * *',
  personas: ['new-user', 'returning-buyer'],
  steps: [
    {
      name: 'recommendations',
      api: { path: '/api/recommendations' },
      expect: { status: 200, schema: 'recommendations.schema.json', rules: [nonEmpty('$.items')] },
      measures: { recommendations: measure.count('$.items') },
    },
  ],
});
`;

test('a valid project loads with defaults resolved, personas by name and probes in file order', async () => {
  const fixture = await project({
    'payloadwatch.config.ts': SHOP_CONFIG,
    'probes/recommendations.probe.ts': RECOMMENDATIONS_PROBE,
    'probes/cart/cart.probe.ts': validProbe('cart'),
    'schemas/recommendations.schema.json': JSON.stringify({ type: 'object', required: ['items'] }),
  });
  const result = await fixture.load();
  expect(result.diagnostics).toEqual([]);
  const loaded = result.project!;
  expect(loaded.configFile).toBe('payloadwatch.config.ts');
  expect(loaded.rootDir).toBe(fixture.dir);
  expect(loaded.targets).toEqual({ staging: 'https://staging.example.com', production: 'https://shop.example.com' });
  expect(loaded.defaultTarget).toBe('staging');
  expect([...loaded.personas.keys()]).toEqual(['anonymous', 'new-user', 'returning-buyer']);
  expect(loaded.personas.get('anonymous')).toBe(ANONYMOUS_PERSONA);
  expect(loaded.defaults).toEqual({ ...BUILT_IN_DEFAULTS, timeoutMs: 5_000, retries: 2 });
  expect(loaded.reporters).toEqual(['console']);
  expect(loaded.outputDir).toBe(path.join(fixture.dir, 'payloadwatch-report'));
  expect(loaded.location).toBe('local');
  expect(loaded.probes.map((probe) => [probe.definition.name, probe.file, probe.definedAt])).toEqual([
    ['cart', 'probes/cart/cart.probe.ts', 'probes/cart/cart.probe.ts:3:16'],
    ['recommendations', 'probes/recommendations.probe.ts', 'probes/recommendations.probe.ts:3:16'],
  ]);
  expect(loaded.schemas.problem('recommendations.schema.json')).toBeUndefined();
});

test('settings given in the config replace the built-in ones', async () => {
  const fixture = await project({
    'payloadwatch.config.ts': `import { defineConfig } from 'payloadwatch';

export default defineConfig({
  targets: { staging: 'https://staging.example.com', production: 'https://shop.example.com' },
  defaultTarget: 'production',
  personas: [{ name: 'anonymous', headers: { 'x-probe-tier': 'free' } }],
  probes: ['checks/*.check.ts'],
  reporters: ['console', 'json'],
  output: 'reports/payloads',
  location: 'eu-west-1',
  defaults: { timeout: 2500, runTimeout: '2m', retries: 0, concurrency: 2, maxBodyBytes: 1024, maxRedirects: 0, pageConcurrency: 3 },
});
`,
    'checks/items.check.ts': validProbe('items'),
  });
  const result = await fixture.load();
  expect(result.diagnostics).toEqual([]);
  const loaded = result.project!;
  expect(loaded.defaultTarget).toBe('production');
  expect(loaded.personas.get('anonymous')).toEqual({ name: 'anonymous', headers: { 'x-probe-tier': 'free' } });
  expect(loaded.probes.map((probe) => probe.file)).toEqual(['checks/items.check.ts']);
  expect(loaded.reporters).toEqual(['console', 'json']);
  expect(loaded.outputDir).toBe(path.join(fixture.dir, 'reports', 'payloads'));
  expect(loaded.location).toBe('eu-west-1');
  expect(loaded.defaults).toEqual({
    timeoutMs: 2_500,
    runTimeoutMs: 120_000,
    retries: 0,
    concurrency: 2,
    maxBodyBytes: 1024,
    maxRedirects: 0,
    pageConcurrency: 3,
  });
});

test('a second load sees a probe file edited since the first', async () => {
  const fixture = await project({ 'payloadwatch.config.ts': VALID_CONFIG, 'probes/items.probe.ts': validProbe('items') });
  const first = await fixture.load();
  expect(first.project?.probes.map((probe) => probe.definition.name)).toEqual(['items']);

  await fixture.write('probes/items.probe.ts', validProbe('items-renamed'));
  const second = await fixture.load();
  expect(second.project?.probes.map((probe) => probe.definition.name)).toEqual(['items-renamed']);

  await fixture.write('probes/items.probe.ts', validProbe('items').replace("'/api/items'", '42'));
  const third = await fixture.load();
  expect(third.diagnostics).toEqual([error('probes/items.probe.ts', 'steps[0].api.path', 'expected a non-empty string, got a number (42)')]);
});

test('a module imported by config and probes is evaluated once per load, and afresh on the next', async () => {
  const fixture = await project({
    'shared/run-id.ts': 'export const runId = String(Math.random());\n',
    'payloadwatch.config.ts': `import { defineConfig } from 'payloadwatch';
import { runId } from './shared/run-id.ts';

export default defineConfig({ targets: { production: 'https://shop.example.com' }, location: runId });
`,
    'probes/items.probe.ts': `import { defineProbe } from 'payloadwatch';
import { runId } from '../shared/run-id.ts';

export default defineProbe({ name: 'items', description: runId, steps: [{ name: 'list', api: { path: '/api/items' } }] });
`,
  });
  const first = (await fixture.load()).project!;
  const second = (await fixture.load()).project!;
  expect(first.probes[0]!.definition.description).toBe(first.location);
  expect(second.probes[0]!.definition.description).toBe(second.location);
  expect(second.location).not.toBe(first.location);
});

test('code in a probe may import a TypeScript helper lazily, after loading finished', async () => {
  const fixture = await project({
    'payloadwatch.config.ts': VALID_CONFIG,
    'probes/helpers/answer.ts': 'export const answer: number = 42;\n',
    'probes/items.probe.ts': `import { defineProbe, custom } from 'payloadwatch';

export default defineProbe({
  name: 'items',
  steps: [{ name: 'list', api: { path: '/api/items' }, expect: { rules: [custom('lazy helper', async () => (await import('./helpers/answer.ts')).answer === 42)] } }],
});
`,
  });
  const loaded = (await fixture.load()).project!;
  const rule = loaded.probes[0]!.definition.steps[0]!.expect!.rules![0]!;
  expect(rule.rule === 'custom' && (await rule.check({} as never))).toBe(true);
});

test('every problem of a bad project is reported in one load', async () => {
  const fixture = await project({
    'payloadwatch.config.ts': `import { defineConfig } from 'payloadwatch';

export default defineConfig({
  targets: { production: 'shop.example.com' },
  reporters: ['pdf'],
  defaults: { timout: '5s' },
} as never);
`,
    'probes/a.probe.ts': `import { defineProbe, nonEmpty } from 'payloadwatch';

export default defineProbe({
  name: 'recommendations',
  schedule: 'hourly',
  personas: ['new-user'],
  steps: [{ name: 'list', api: { path: '/api/items' }, expect: { schema: 'items.schema.json', rules: [nonEmpty('items')] } }],
});
`,
    'probes/b.probe.ts': validProbe('recommendations'),
    'probes/c.probe.ts': 'export default {\n  name: "c",,\n};\n',
    'probes/d.probe.ts': 'export const nothing = 1;\n',
  });
  const result = await fixture.load();
  expect(result.project).toBeUndefined();
  expect(result.diagnostics).toEqual([
    error('payloadwatch.config.ts', 'targets.production', "invalid target URL 'shop.example.com': expected an absolute http(s) URL", "e.g. 'https://shop.example.com'"),
    error('payloadwatch.config.ts', 'defaults.timout', "unknown key 'timout'", "did you mean 'timeout'?"),
    error('payloadwatch.config.ts', 'reporters[0]', "unknown reporter 'pdf'", 'known reporters: console, json, junit, html, github'),
    error(
      'probes/a.probe.ts',
      'schedule',
      "invalid cron expression 'hourly': expected 5 or 6 fields but got 1",
      "use 5 fields 'minute hour day-of-month month day-of-week', e.g. '*/5 * * * *', or 6 with seconds first, e.g. '*/30 * * * * *'",
    ),
    error('probes/a.probe.ts', 'personas[0]', "unknown persona 'new-user'", 'known personas: anonymous'),
    error('probes/a.probe.ts', 'steps[0].expect.rules[0].path', "invalid JSONPath 'items': expected '$', found 'i'", 'JSONPath follows RFC 9535, e.g. $.items[*].price'),
    error('probes/b.probe.ts', 'name', "duplicate probe name 'recommendations': already defined in probes/a.probe.ts", 'probe names label reports and metrics; make each one unique'),
    error('probes/c.probe.ts', '', 'syntax error at probes/c.probe.ts:2:13: Expected identifier but found ","'),
    error('probes/d.probe.ts', '', 'no probe exported', "export default defineProbe({ name: 'recommendations', steps: [ … ] })"),
    error(
      'probes/a.probe.ts',
      'steps[0].expect.schema',
      "no schema 'items.schema.json': the schemas folder 'schemas' does not exist",
      "create schemas/items.schema.json, or set 'schemas' in payloadwatch.config.ts to the folder that holds it",
    ),
  ]);
});

test('probe files in a package without "type": "module" load as CommonJS', async () => {
  const fixture = await project({ 'payloadwatch.config.ts': VALID_CONFIG, 'probes/items.probe.ts': validProbe('items') }, { esm: false });
  const result = await fixture.load();
  expect(result.diagnostics).toEqual([]);
  expect(result.project?.probes.map((probe) => probe.definition.name)).toEqual(['items']);
  // Node cannot map CommonJS-compiled stack positions back to the source, so the place is left out.
  expect(result.project?.probes[0]?.definedAt).toBeUndefined();
});
