import { describe, expect, it } from 'vitest';
import { createSchemaValidator, readSchema, SCHEMA_BASE, schemaFileNames } from './schema-validator.ts';

const REQUIRED_FILES = [
  'product.schema.json',
  'products.schema.json',
  'search.schema.json',
  'recommendations.schema.json',
  'cart.schema.json',
  'order.schema.json',
  'user.schema.json',
  'session.schema.json',
];

const validProduct = {
  id: 'p-1001',
  name: 'Aurora Wireless Headphones',
  price: 129.99,
  currency: 'EUR',
  category: 'audio',
  rating: 4.6,
  inStock: true,
  imageUrl: '/images/p-1001.jpg',
  updatedAt: '2030-01-01T00:00:00.000Z',
};

/** Every key used anywhere in a schema, to check which keywords it relies on. */
function keywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((child) => keywords(child, found));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, child] of Object.entries(node)) {
      found.add(key);
      keywords(child, found);
    }
  }
  return found;
}

describe('demo shop schemas', () => {
  it('include every payload the shop answers with', () => {
    expect(schemaFileNames()).toEqual(expect.arrayContaining(REQUIRED_FILES));
  });

  it.each(schemaFileNames())('%s is a 2020-12 schema whose $id ends in its file name', (file) => {
    const schema = readSchema(file);
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['$id']).toBe(SCHEMA_BASE + file);
  });

  it('compile together in ajv strict mode', () => {
    const validate = createSchemaValidator();
    for (const file of schemaFileNames()) expect(() => validate(file, {}), file).not.toThrow();
  });

  it('reference item schemas by relative file name', () => {
    expect(readSchema('products.schema.json')['properties']).toMatchObject({ items: { items: { $ref: 'product.schema.json' } } });
    expect(readSchema('search.schema.json')['properties']).toMatchObject({ items: { items: { $ref: 'product.schema.json' } } });
    expect(readSchema('orders.schema.json')['properties']).toMatchObject({ items: { items: { $ref: 'order.schema.json' } } });
  });

  it('stay structural: no minItems anywhere and no minimum on prices', () => {
    for (const file of schemaFileNames()) expect(keywords(readSchema(file)).has('minItems'), file).toBe(false);
    expect(readSchema('product.schema.json')['properties']).toMatchObject({ price: { type: 'number' } });
    expect(Object.keys((readSchema('product.schema.json')['properties'] as Record<string, object>)['price'] ?? {})).toEqual(['type']);
  });

  it('accept a healthy product and reject structural breakage', () => {
    const validate = createSchemaValidator();
    expect(validate('product.schema.json', validProduct)).toEqual({ valid: true, errors: [] });
    const { name: _name, ...nameless } = validProduct;
    expect(validate('product.schema.json', nameless).errors).toEqual(["/ must have required property 'name'"]);
    expect(validate('product.schema.json', { ...validProduct, name: '' }).errors).toEqual(['/name must NOT have fewer than 1 characters']);
    expect(validate('product.schema.json', { ...validProduct, id: null }).errors).toEqual(['/id must be string']);
    expect(validate('product.schema.json', { ...validProduct, id: '1001' }).errors).toEqual(['/id must match pattern "^p-\\d+$"']);
    expect(validate('product.schema.json', { ...validProduct, price: '129.99' }).errors).toEqual(['/price must be number']);
    expect(validate('product.schema.json', { ...validProduct, updatedAt: 'yesterday' }).errors).toEqual(['/updatedAt must match format "date-time"']);
  });

  it('accept semantically wrong but well-formed payloads: probes judge those with rules', () => {
    const validate = createSchemaValidator();
    expect(validate('product.schema.json', { ...validProduct, price: -5, extra: true }).valid).toBe(true);
    expect(validate('products.schema.json', { items: [], total: 0 }).valid).toBe(true);
    expect(
      validate('recommendations.schema.json', { userId: 'u-1', strategy: 'popular', items: [], generatedAt: '2030-01-01T00:00:00Z' }).valid,
    ).toBe(true);
  });

  it('require a score on each recommendation', () => {
    const validate = createSchemaValidator();
    const payload = { userId: 'u-1', strategy: 'popular', items: [validProduct], generatedAt: '2030-01-01T00:00:00Z' };
    expect(validate('recommendations.schema.json', payload).errors).toEqual(["/items/0 must have required property 'score'"]);
    expect(validate('recommendations.schema.json', { ...payload, items: [{ ...validProduct, score: 0.5 }] }).valid).toBe(true);
  });
});
