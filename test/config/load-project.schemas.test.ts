import { afterEach, expect, test } from 'vitest';
import { error, Fixture, VALID_CONFIG, validProbe } from './fixture.ts';

const fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.dispose()));
});

async function project(files: Record<string, string>): Promise<Fixture> {
  const fixture = await Fixture.create({ 'payloadwatch.config.ts': VALID_CONFIG, ...files });
  fixtures.push(fixture);
  return fixture;
}

const FILE = 'probes/items.probe.ts';

/** A probe whose steps expect the given schemas, one step each. */
function probeUsing(...schemas: string[]): string {
  const steps = schemas.map((schema, index) => `    { name: 'step${index}', api: { path: '/api/items' }, expect: { schema: ${schema} } },`);
  return `import { defineProbe, every } from 'payloadwatch';\n\nexport default defineProbe({\n  name: 'items',\n  steps: [\n${steps.join('\n')}\n  ],\n});\n`;
}

const PRODUCT_SCHEMA = JSON.stringify({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] });

test('schemas are found by file name; a missing one lists the available files', async () => {
  const fixture = await project({
    'schemas/product.schema.json': PRODUCT_SCHEMA,
    [FILE]: probeUsing("'product.schema.json'", "'products.schema.json'"),
  });
  const result = await fixture.load();
  expect(result.diagnostics).toEqual([
    error(FILE, 'steps[1].expect.schema', "no schema 'products.schema.json' in the schemas folder; available: product.schema.json"),
  ]);
});

test('a schema named by an every rule is checked too', async () => {
  const fixture = await project({
    'schemas/product.schema.json': PRODUCT_SCHEMA,
    [FILE]: `import { defineProbe, every } from 'payloadwatch';

export default defineProbe({
  name: 'items',
  steps: [{ name: 'list', api: { path: '/api/items' }, expect: { rules: [every('$.items', { schema: 'item.schema.json' })] } }],
});
`,
  });
  const result = await fixture.load();
  expect(result.diagnostics).toEqual([
    error(FILE, 'steps[0].expect.rules[0].schema', "no schema 'item.schema.json' in the schemas folder; available: product.schema.json"),
  ]);
});

test('a schema file that is not JSON and one that is not a JSON Schema are reported on the file and where they are used', async () => {
  const fixture = await project({
    'schemas/broken.schema.json': '{\n  "type": "object",\n  "properties": { "id": { "type": "string" }, }\n}\n',
    'schemas/wrong.schema.json': '{ "type": "objekt" }',
    [FILE]: probeUsing("'broken.schema.json'", "'wrong.schema.json'"),
  });
  const result = await fixture.load();
  const notJson = "not valid JSON: line 3, column 47: unexpected '}', expected a property name in double quotes";
  const notSchema = 'not a valid JSON Schema: $.type must be one of ["array","boolean","integer","null","number","object","string"], got "objekt"';
  expect(result.project).toBeUndefined();
  expect(result.diagnostics).toEqual([
    error('schemas/broken.schema.json', '', notJson),
    error('schemas/wrong.schema.json', '', notSchema),
    error(FILE, 'steps[0].expect.schema', `broken.schema.json is not usable: ${notJson}`),
    error(FILE, 'steps[1].expect.schema', `wrong.schema.json is not usable: ${notSchema}`),
  ]);
});

test('a broken schema file is an error even when no probe uses it', async () => {
  const fixture = await project({ 'schemas/unused.schema.json': '[1, 2', [FILE]: validProbe('items') });
  const result = await fixture.load();
  expect(result.diagnostics.map((d) => [d.file, d.path])).toEqual([['schemas/unused.schema.json', '']]);
  expect(result.project).toBeUndefined();
});

test('an inline schema that is not a JSON Schema is reported where it is written', async () => {
  const fixture = await project({ [FILE]: probeUsing("{ type: 'nope' }") });
  const result = await fixture.load();
  expect(result.diagnostics).toEqual([
    error(
      FILE,
      'steps[0].expect.schema',
      'not a valid JSON Schema: $.type must be one of ["array","boolean","integer","null","number","object","string"], got "nope"',
    ),
  ]);
});

test('without a schemas folder, a schema file named by a probe is an error on the probe', async () => {
  const fixture = await project({ [FILE]: probeUsing("'product.schema.json'") });
  const result = await fixture.load();
  expect(result.diagnostics).toEqual([
    error(
      FILE,
      'steps[0].expect.schema',
      "no schema 'product.schema.json': the schemas folder 'schemas' does not exist",
      "create schemas/product.schema.json, or set 'schemas' in payloadwatch.config.ts to the folder that holds it",
    ),
  ]);
});

test('without a schemas folder and without schema references, the project loads', async () => {
  const fixture = await project({ [FILE]: probeUsing("{ type: 'object' }") });
  const result = await fixture.load();
  expect(result.diagnostics).toEqual([]);
  expect(result.project?.schemas.problem({ type: 'object' })).toBeUndefined();
});

test('the loaded registry validates with the project schemas', async () => {
  const fixture = await project({ 'schemas/product.schema.json': PRODUCT_SCHEMA, [FILE]: probeUsing("'product.schema.json'") });
  const result = await fixture.load();
  expect(result.project?.schemas.validate('product.schema.json', { id: 'p-1' })).toEqual([]);
  expect(result.project?.schemas.validate('product.schema.json', {})).not.toEqual([]);
});
