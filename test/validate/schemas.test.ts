import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaNotUsableError, SchemaRegistry } from '../../src/validate/schemas.ts';

const BASE = 'https://payloadwatch.example/schemas/';

const productSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${BASE}product.schema.json`,
  type: 'object',
  required: ['id', 'name', 'price'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    name: { type: 'string', minLength: 1 },
    price: { type: 'number', exclusiveMinimum: 0 },
    url: { type: 'string', format: 'uri' },
  },
  $defs: { currency: { enum: ['EUR', 'USD'] } },
};

const productsSchema = {
  $id: `${BASE}products.schema.json`,
  type: 'object',
  required: ['items', 'generatedAt'],
  properties: {
    items: { type: 'array', items: { $ref: 'product.schema.json' } },
    generatedAt: { type: 'string', format: 'date-time' },
    currency: { $ref: 'product.schema.json#/$defs/currency' },
  },
};

const validPayload = {
  items: [{ id: 'p-1', name: 'Kettle', price: 25, url: 'https://shop.example/p-1' }],
  generatedAt: '2025-06-10T12:00:00Z',
  currency: 'EUR',
};

async function schemaDir(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'payloadwatch-schemas-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('SchemaRegistry.load with schemas that reference each other', () => {
  let registry: SchemaRegistry;
  beforeAll(async () => {
    const loaded = await SchemaRegistry.load(
      await schemaDir({ 'product.schema.json': productSchema, 'products.schema.json': productsSchema }),
    );
    expect(loaded.problems).toEqual([]);
    registry = loaded.registry;
  });

  it('resolves a schema by file name, by $id and by $id with an empty fragment', () => {
    expect(registry.problem('products.schema.json')).toBeUndefined();
    expect(registry.problem(`${BASE}products.schema.json`)).toBeUndefined();
    expect(registry.problem(`${BASE}products.schema.json#`)).toBeUndefined();
    expect(registry.problem('./products.schema.json')).toBeUndefined();
  });

  it('accepts a valid payload through the $ref', () => {
    expect(registry.validate('products.schema.json', validPayload)).toEqual([]);
  });

  it('reports a wrong type with the JSONPath, the type and the value', () => {
    const payload = { ...validPayload, items: [{ id: 'p-1', name: 'Kettle', price: '19.99' }] };
    expect(registry.validate('products.schema.json', payload)).toEqual([
      {
        path: '$.items[0].price',
        message: '$.items[0].price must be number, got string "19.99"',
        expected: 'number',
        actual: '"19.99"',
      },
    ]);
  });

  it('points a missing required property at where it should be', () => {
    const payload = { ...validPayload, items: [{ id: 'p-1', price: 2 }] };
    expect(registry.validate('products.schema.json', payload)).toEqual([
      {
        path: '$.items[0].name',
        message: "$.items[0] is missing required property 'name'",
        expected: 'required',
        actual: '(missing)',
      },
    ]);
  });

  it('reports a null id as a wrong type', () => {
    const payload = { ...validPayload, items: [{ id: null, name: 'Kettle', price: 2 }] };
    expect(registry.validate('products.schema.json', payload)).toEqual([
      { path: '$.items[0].id', message: '$.items[0].id must be string, got null', expected: 'string', actual: 'null' },
    ]);
  });

  it('names an additional property', () => {
    const payload = { ...validPayload, items: [{ id: 'p', name: 'n', price: 1, colour: 'red' }] };
    expect(registry.validate('products.schema.json', payload)).toEqual([
      {
        path: '$.items[0].colour',
        message: "$.items[0] has unexpected property 'colour'",
        expected: 'no such property',
        actual: '"red"',
      },
    ]);
  });

  it('checks formats', () => {
    const payload = { ...validPayload, generatedAt: 'yesterday', items: [{ id: 'p', name: 'n', price: 1, url: 'not a url' }] };
    expect(registry.validate('products.schema.json', payload)).toEqual([
      {
        path: '$.items[0].url',
        message: '$.items[0].url must be a valid uri, got "not a url"',
        expected: 'format uri',
        actual: '"not a url"',
      },
      {
        path: '$.generatedAt',
        message: '$.generatedAt must be a valid date-time, got "yesterday"',
        expected: 'format date-time',
        actual: '"yesterday"',
      },
    ]);
  });

  it('reports every violation, bounds and enums included', () => {
    const payload = { items: [{ id: 1, name: '', price: 0 }], currency: 'GBP' };
    expect(registry.validate('products.schema.json', payload).map((v) => v.message)).toEqual([
      "$ is missing required property 'generatedAt'",
      '$.items[0].id must be string, got number 1',
      '$.items[0].name must NOT have fewer than 1 characters, got ""',
      '$.items[0].price must be > 0, got 0',
      '$.currency must be one of ["EUR","USD"], got "GBP"',
    ]);
  });

  it('validates against a location inside a schema file', () => {
    expect(registry.validate('product.schema.json#/$defs/currency', 'EUR')).toEqual([]);
    expect(registry.validate('product.schema.json#/$defs/currency', 'GBP')).toHaveLength(1);
    expect(registry.problem('product.schema.json#/$defs/nothing')).toBe("product.schema.json has nothing at '#/$defs/nothing'");
  });

  it('lets inline schemas $ref the files by file name and by $id', () => {
    for (const ref of ['product.schema.json', `${BASE}product.schema.json`]) {
      expect(registry.validate({ type: 'array', items: { $ref: ref } }, [{ id: 'p', price: 1 }])).toEqual([
        { path: '$[0].name', message: "$[0] is missing required property 'name'", expected: 'required', actual: '(missing)' },
      ]);
    }
  });

  it('shows violation paths from a base path, for items of a larger payload', () => {
    expect(registry.validate('product.schema.json', { id: 'p', name: 'n' }, '$.items[3]')[0]?.path).toBe('$.items[3].price');
  });

  it('names the available schemas when a reference is unknown', () => {
    expect(registry.problem('recs.json')).toBe(
      "no schema 'recs.json' in the schemas folder; available: product.schema.json, products.schema.json",
    );
  });

  it('throws a SchemaNotUsableError when asked to validate with an unknown reference', () => {
    expect(() => registry.validate('recs.json', {})).toThrow(SchemaNotUsableError);
  });
});

describe('compiling once', () => {
  it('compiles each file once at load and never again for the same reference', async () => {
    const { registry } = await SchemaRegistry.load(
      await schemaDir({ 'product.schema.json': productSchema, 'products.schema.json': productsSchema }),
    );
    expect(registry.compileCount).toBe(2);
    registry.validate('products.schema.json', validPayload);
    registry.validate('products.schema.json', validPayload);
    registry.validate(`${BASE}products.schema.json`, validPayload);
    expect(registry.problem('product.schema.json')).toBeUndefined();
    expect(registry.compileCount).toBe(2);
  });

  it('caches inline schemas by identity', () => {
    const registry = SchemaRegistry.empty();
    const inline = { type: 'array', minItems: 1 };
    expect(registry.validate(inline, [])).toHaveLength(1);
    expect(registry.validate(inline, [1])).toEqual([]);
    expect(registry.problem(inline)).toBeUndefined();
    expect(registry.compileCount).toBe(1);
    registry.validate({ type: 'array', minItems: 1 }, []);
    expect(registry.compileCount).toBe(2);
  });

  it('caches a problem too', () => {
    const registry = SchemaRegistry.empty();
    const broken = { type: 'array', items: { $ref: 'nowhere.json' } };
    const first = registry.problem(broken);
    expect(first).toBe("unresolved $ref: can't resolve reference nowhere.json");
    expect(registry.problem(broken)).toBe(first);
    expect(registry.compileCount).toBe(1);
  });
});

describe('problems found while loading', () => {
  it('are reported per file, with a place, and never thrown', async () => {
    const dir = await schemaDir({
      'good.json': { type: 'object' },
      'broken.json': '{\n  "type": "object",\n  "properties": {}\n  "required": []\n}',
      'invalid.json': { type: 'nope', properties: { a: { minimum: 'x' } } },
      'dangling.json': { $id: `${BASE}dangling.json`, $ref: 'missing.schema.json' },
      'draft7.json': { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' },
      'list.json': [1, 2],
      'dup-a.json': { $id: `${BASE}same.json` },
      'dup-b.json': { $id: `${BASE}same.json` },
    });
    const { registry, problems } = await SchemaRegistry.load(dir);
    expect(problems).toEqual([
      { file: 'broken.json', message: `not valid JSON: line 4, column 3: unexpected '"', expected ',' or '}'` },
      {
        file: 'dangling.json',
        message: `unresolved $ref: can't resolve reference missing.schema.json from id ${BASE}dangling.json`,
        hint: `no schema has the $id '${BASE}missing.schema.json'; a relative $ref resolves against the $id of the schema it is in`,
      },
      {
        file: 'draft7.json',
        message: "$schema 'http://json-schema.org/draft-07/schema#' is not supported",
        hint: 'payloadwatch reads JSON Schema 2020-12: set "$schema": "https://json-schema.org/draft/2020-12/schema" or leave it out',
      },
      { file: 'dup-b.json', message: `$id '${BASE}same.json' is already used by dup-a.json`, hint: 'every schema needs its own $id' },
      {
        file: 'invalid.json',
        message:
          'not a valid JSON Schema: $.properties.a.minimum must be number, got string "x"; ' +
          '$.type must be one of ["array","boolean","integer","null","number","object","string"], got "nope"',
      },
      { file: 'list.json', message: 'not a JSON Schema: expected an object, got an array' },
    ]);
    expect(registry.problem('good.json')).toBeUndefined();
    expect(registry.problem('broken.json')).toBe(
      `broken.json is not usable: not valid JSON: line 4, column 3: unexpected '"', expected ',' or '}'`,
    );
    expect(registry.problem('dangling.json')).toBe(
      `dangling.json is not usable: unresolved $ref: can't resolve reference missing.schema.json from id ${BASE}dangling.json`,
    );
  });

  it('points a $ref into a broken file at that file', async () => {
    const dir = await schemaDir({
      'order.json': { $id: `${BASE}order.json`, properties: { lines: { $ref: 'line.json' } } },
      'line.json': '{ "type": ',
    });
    const { problems } = await SchemaRegistry.load(dir);
    expect(problems).toEqual([
      { file: 'line.json', message: 'not valid JSON: line 1, column 11: unexpected end of file, expected a value' },
      {
        file: 'order.json',
        message: `unresolved $ref: can't resolve reference line.json from id ${BASE}order.json`,
        hint: 'line.json looks like the schema meant, but it is not usable itself',
      },
    ]);
  });

  it('finds files in subfolders by path, by unique base name, and resolves $refs between files without $id', async () => {
    const dir = await schemaDir({
      'shop/cart.json': { type: 'object', properties: { lines: { type: 'array', items: { $ref: '../line.json' } } } },
      'line.json': { type: 'object', required: ['qty'] },
      'a/item.json': { type: 'string' },
      'b/item.json': { type: 'number' },
    });
    const { registry, problems } = await SchemaRegistry.load(dir);
    expect(problems).toEqual([]);
    expect(registry.validate('cart.json', { lines: [{}] })).toEqual([
      { path: '$.lines[0].qty', message: "$.lines[0] is missing required property 'qty'", expected: 'required', actual: '(missing)' },
    ]);
    expect(registry.validate('shop/cart.json', { lines: [{ qty: 1 }] })).toEqual([]);
    expect(registry.validate('a/item.json', 1)).toHaveLength(1);
    expect(registry.problem('item.json')).toBe(
      "no schema 'item.json' in the schemas folder; available: a/item.json, b/item.json, line.json, shop/cart.json",
    );
  });

  it('treats a missing folder as holding no schemas', async () => {
    const { registry, problems } = await SchemaRegistry.load(join(tmpdir(), 'payloadwatch-no-such-folder-9f3c'));
    expect(problems).toEqual([]);
    expect(registry.problem('x.json')).toBe("no schema 'x.json' in the schemas folder; the folder has no *.json files");
  });
});

describe('inline schemas', () => {
  it('report an invalid schema by the keyword path', () => {
    expect(SchemaRegistry.empty().problem({ type: 'object', required: 'id' })).toBe(
      'not a valid JSON Schema: $.required must be array, got string "id"',
    );
  });
});

describe('violations', () => {
  it('are deduplicated and capped at 20', () => {
    const registry = SchemaRegistry.empty();
    const schema = { type: 'array', items: { type: 'string' } };
    const violations = registry.validate(schema, Array.from({ length: 30 }, (_, i) => i));
    expect(violations).toHaveLength(20);
    expect(violations[19]?.path).toBe('$[19]');
  });

  it('quote keys that are not identifiers, and keep "0" a key in an object', () => {
    const registry = SchemaRegistry.empty();
    const schema = { type: 'object', properties: { 'a-b': { type: 'object', properties: { '0': { type: 'string' } } } } };
    expect(registry.validate(schema, { 'a-b': { '0': 1 } })).toEqual([
      { path: "$['a-b']['0']", message: "$['a-b']['0'] must be string, got number 1", expected: 'string', actual: '1' },
    ]);
  });
});
