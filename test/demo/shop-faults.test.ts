import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS } from '../../src/demo/faults.ts';
import type { FaultName } from '../../src/demo/faults.ts';
import { SLOW_DELAY_MS, startShop } from '../../src/demo/shop.ts';
import type { RunningShop } from '../../src/demo/shop.ts';
import { DEMO_BUYER } from '../../src/demo/store.ts';
import { createSchemaValidator } from './schema-validator.ts';
import { answersWithin, buyerToken, call, newUserToken } from './shop-client.ts';
import type { CallOptions } from './shop-client.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const validate = createSchemaValidator();

let shop: RunningShop;
let newUser: string;
let buyer: string;
/** A user with one line in the cart, for cart and checkout routes. */
let shopper: string;

beforeAll(async () => {
  shop = await startShop({ port: 0 });
  newUser = await newUserToken(shop.url);
  buyer = await buyerToken(shop.url);
  shopper = await newUserToken(shop.url);
  await call(shop.url, '/api/cart/items', { token: shopper, body: { productId: 'p-1015', quantity: 1 } });
});
afterEach(() => {
  shop.setFaults([]);
});
afterAll(async () => {
  await shop.close();
});

type Item = Record<string, unknown>;

/** Every route faults apply to, with the schema of its healthy answer. */
function faultableCalls(): Array<{ label: string; path: string; options: CallOptions; schema: string }> {
  return [
    { label: 'products', path: '/api/products', options: {}, schema: 'products.schema.json' },
    { label: 'product', path: '/api/products/p-1001', options: {}, schema: 'product.schema.json' },
    { label: 'search', path: '/api/search?q=a', options: {}, schema: 'search.schema.json' },
    { label: 'recommendations', path: '/api/recommendations', options: { token: buyer }, schema: 'recommendations.schema.json' },
    { label: 'orders', path: '/api/orders', options: { token: buyer }, schema: 'orders.schema.json' },
    { label: 'cart', path: '/api/cart', options: { token: shopper }, schema: 'cart.schema.json' },
    { label: 'add to cart', path: '/api/cart/items', options: { token: newUser, body: { productId: 'p-1002', quantity: 1 } }, schema: 'cart.schema.json' },
  ];
}

describe('demo shop faults: switching', () => {
  it('starts with the faults given and replaces them with setFaults', async () => {
    const faulty = await startShop({ faults: ['server-error', 'slow'] });
    try {
      expect([...faulty.faults].sort()).toEqual(['server-error', 'slow']);
      faulty.setFaults(['null-ids']);
      expect([...faulty.faults]).toEqual(['null-ids']);
      const product = await call(faulty.url, '/api/products/p-1001');
      expect(product.status).toBe(200);
      expect(product.json.id).toBeNull();
      faulty.setFaults([]);
      expect((await call(faulty.url, '/api/products/p-1001')).json.id).toBe('p-1001');
    } finally {
      await faulty.close();
    }
  });

  it('rejects an unknown fault name coming from outside the type system', () => {
    expect(() => shop.setFaults(['no-such-fault' as FaultName])).toThrow(
      `unknown fault "no-such-fault"; known faults: ${FAULTS.join(', ')}`,
    );
    expect([...shop.faults]).toEqual([]);
  });
});

describe('demo shop faults: never on health, sign-up or login', () => {
  it('with every fault on, /healthz, POST /api/users and POST /api/login answer healthily and at once', async () => {
    shop.setFaults([...FAULTS]);
    const started = performance.now();
    const health = await call(shop.url, '/healthz', { timeoutMs: 1000 });
    const created = await call(shop.url, '/api/users', { body: { name: 'Faulted Shopper' }, timeoutMs: 1000 });
    const login = await call(shop.url, '/api/login', { body: DEMO_BUYER, timeoutMs: 1000 });
    const badLogin = await call(shop.url, '/api/login', { body: { ...DEMO_BUYER, password: 'x' }, timeoutMs: 1000 });
    expect(performance.now() - started).toBeLessThan(SLOW_DELAY_MS);
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ status: 'ok' });
    expect(created.status).toBe(201);
    expect(validate('user.schema.json', created.json).errors).toEqual([]);
    expect(login.status).toBe(200);
    expect(validate('session.schema.json', login.json).errors).toEqual([]);
    expect(badLogin.status).toBe(401);
  });

  it('while the same faults do reach every catalogue and commerce route', async () => {
    shop.setFaults(['server-error']);
    for (const { label, path, options } of faultableCalls()) {
      const response = await call(shop.url, path, options);
      expect(response.status, label).toBe(500);
    }
    const checkout = await call(shop.url, '/api/checkout', { token: shopper, method: 'POST' });
    expect(checkout.status).toBe(500);
  });
});

describe('demo shop faults: wrong content behind 200', () => {
  it('empty-recs-new-users empties recommendations for users without history only', async () => {
    const before = await call(shop.url, '/api/recommendations', { token: newUser });
    expect(before.json.items).toHaveLength(6);

    shop.setFaults(['empty-recs-new-users']);
    const fresh = await call(shop.url, '/api/recommendations', { token: newUser });
    expect(fresh.status).toBe(200);
    expect(fresh.json.strategy).toBe('popular');
    expect(fresh.json.items).toEqual([]);
    // The incident's point: the payload is structurally fine, only a semantic rule sees it.
    expect(validate('recommendations.schema.json', fresh.json)).toEqual({ valid: true, errors: [] });

    const returning = await call(shop.url, '/api/recommendations', { token: buyer });
    expect(returning.status).toBe(200);
    expect(returning.json.strategy).toBe('personalised');
    expect(returning.json.items).toHaveLength(6);
  });

  it('wrong-types sends prices as strings in every product-carrying payload', async () => {
    const healthy = await call(shop.url, '/api/products?limit=3');
    shop.setFaults(['wrong-types']);
    const products = await call(shop.url, '/api/products?limit=3');
    expect(products.json.items.map((item: Item) => item['price'])).toEqual(
      healthy.json.items.map((item: Item) => (item['price'] as number).toFixed(2)),
    );
    expect(validate('products.schema.json', products.json).errors).toContain('/items/0/price must be number');

    const detail = await call(shop.url, '/api/products/p-1013');
    expect(detail.json.price).toBe('42.00');
    const search = await call(shop.url, '/api/search?q=skillet');
    expect(search.json.items[0].price).toBe('42.00');
    const recommendations = await call(shop.url, '/api/recommendations', { token: buyer });
    expect(recommendations.json.items.every((item: Item) => typeof item['price'] === 'string')).toBe(true);
    const cart = await call(shop.url, '/api/cart', { token: shopper });
    expect(cart.json.items[0].unitPrice).toBe('79.00');
    expect(validate('cart.schema.json', cart.json).errors).toContain('/items/0/unitPrice must be number');
    const orders = await call(shop.url, '/api/orders', { token: buyer });
    expect(orders.json.items[0].items.every((line: Item) => typeof line['unitPrice'] === 'string')).toBe(true);
  });

  it('missing-field drops product names', async () => {
    shop.setFaults(['missing-field']);
    const products = await call(shop.url, '/api/products?limit=5');
    expect(products.status).toBe(200);
    expect(products.json.items).toHaveLength(5);
    expect(products.json.items.filter((item: Item) => 'name' in item)).toEqual([]);
    expect(validate('products.schema.json', products.json).errors).toContain("/items/0 must have required property 'name'");
    const detail = await call(shop.url, '/api/products/p-1001');
    expect(detail.json).not.toHaveProperty('name');
    expect(detail.json.id).toBe('p-1001');
    const cart = await call(shop.url, '/api/cart', { token: shopper });
    expect(cart.json.items[0]).toEqual({ productId: 'p-1015', quantity: 1, unitPrice: 79 });
  });

  it('null-ids makes product ids null', async () => {
    shop.setFaults(['null-ids']);
    const products = await call(shop.url, '/api/products?limit=4');
    expect(products.json.items.map((item: Item) => item['id'])).toEqual([null, null, null, null]);
    expect(validate('products.schema.json', products.json).errors).toContain('/items/0/id must be string');
    const recommendations = await call(shop.url, '/api/recommendations', { token: newUser });
    expect(recommendations.json.items.every((item: Item) => item['id'] === null)).toBe(true);
    const cart = await call(shop.url, '/api/cart', { token: shopper });
    expect(cart.json.items[0].productId).toBeNull();
  });

  it('duplicate-items repeats the first item of every list', async () => {
    const healthy = await call(shop.url, '/api/recommendations', { token: newUser });
    shop.setFaults(['duplicate-items']);
    const recommendations = await call(shop.url, '/api/recommendations', { token: newUser });
    const ids = recommendations.json.items.map((item: Item) => item['id']);
    expect(ids).toEqual([ids[0], ...healthy.json.items.map((item: Item) => item['id'])]);
    expect(new Set(ids).size).toBe(6);
    expect(validate('recommendations.schema.json', recommendations.json).valid).toBe(true);

    const products = await call(shop.url, '/api/products?limit=3');
    expect(products.json.items.map((item: Item) => item['id'])).toEqual(['p-1001', 'p-1001', 'p-1002', 'p-1003']);
    const orders = await call(shop.url, '/api/orders', { token: buyer });
    expect(orders.json.items[0].id).toBe(orders.json.items[1].id);
  });

  it('bad-prices makes every price zero or negative, still schema-valid', async () => {
    shop.setFaults(['bad-prices']);
    const products = await call(shop.url, '/api/products');
    const prices: number[] = products.json.items.map((item: Item) => item['price']);
    expect(prices).toHaveLength(20);
    expect(prices[0]).toBe(0);
    expect(prices.every((price) => typeof price === 'number' && price <= 0)).toBe(true);
    expect(prices.slice(1).every((price) => price < 0)).toBe(true);
    expect(validate('products.schema.json', products.json)).toEqual({ valid: true, errors: [] });
    const detail = await call(shop.url, '/api/products/p-1013');
    expect(detail.json.price).toBe(0);
    const cart = await call(shop.url, '/api/cart', { token: shopper });
    expect(cart.json.items[0].unitPrice).toBe(0);
  });

  it('stale-data makes product and recommendation timestamps 3 days old', async () => {
    shop.setFaults(['stale-data']);
    const now = Date.now();
    const products = await call(shop.url, '/api/products');
    for (const item of products.json.items as Item[]) {
      const age = now - Date.parse(item['updatedAt'] as string);
      expect(age).toBeGreaterThan(3 * DAY_MS - 1000);
      expect(age).toBeLessThan(3 * DAY_MS + HOUR_MS);
    }
    const recommendations = await call(shop.url, '/api/recommendations', { token: buyer });
    const generatedAge = now - Date.parse(recommendations.json.generatedAt);
    expect(generatedAge).toBeGreaterThan(3 * DAY_MS - 1000);
    expect(generatedAge).toBeLessThan(3 * DAY_MS + 60_000);
    expect(validate('recommendations.schema.json', recommendations.json).valid).toBe(true);
  });

  it('several payload faults combine', async () => {
    shop.setFaults(['bad-prices', 'wrong-types', 'null-ids', 'duplicate-items']);
    const products = await call(shop.url, '/api/products?limit=2');
    expect(products.json.items.map((item: Item) => [item['id'], item['price']])).toEqual([
      [null, '0.00'],
      [null, '-129.99'],
      [null, '-59.90'],
    ]);
  });

  it('payload faults leave error answers alone', async () => {
    shop.setFaults(['wrong-types', 'null-ids', 'truncated-json']);
    const missing = await call(shop.url, '/api/products/p-9999');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'no product with id "p-9999"' });
    const unauthorised = await call(shop.url, '/api/recommendations');
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.json).toEqual({ error: 'missing bearer token' });
  });
});

describe('demo shop faults: broken answers', () => {
  it('slow delays faulted routes by SLOW_DELAY_MS and nothing else', async () => {
    shop.setFaults(['slow']);
    let started = performance.now();
    const products = await call(shop.url, '/api/products?limit=1');
    const slowMs = performance.now() - started;
    expect(SLOW_DELAY_MS).toBe(1500);
    expect(products.status).toBe(200);
    expect(validate('products.schema.json', products.json).valid).toBe(true);
    expect(slowMs).toBeGreaterThanOrEqual(SLOW_DELAY_MS - 5);
    expect(slowMs).toBeLessThan(SLOW_DELAY_MS + 1000);
    started = performance.now();
    await call(shop.url, '/healthz');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('slow combines with a broken answer: delayed, then 500', async () => {
    shop.setFaults(['slow', 'server-error']);
    const started = performance.now();
    const response = await call(shop.url, '/api/products');
    expect(response.status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(SLOW_DELAY_MS - 5);
  });

  it('hang accepts the request and never answers', async () => {
    shop.setFaults(['hang']);
    const hanging = await answersWithin(`${shop.url}/api/products`, 500);
    try {
      expect(hanging.answered).toBe(false);
      const health = await answersWithin(`${shop.url}/healthz`, 500);
      expect(health.answered).toBe(true);
    } finally {
      hanging.request.destroy();
    }
  });

  it('html-200 answers 200 with an HTML page', async () => {
    shop.setFaults(['html-200']);
    const response = await call(shop.url, '/api/recommendations', { token: newUser });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.text).toMatch(/^<!doctype html>/);
    expect(response.text).toContain("<h1>We'll be right back</h1>");
    expect(response.json).toBeUndefined();
  });

  it('truncated-json answers 200 with the first half of the JSON text', async () => {
    const healthy = await call(shop.url, '/api/search?q=zeppelin');
    shop.setFaults(['truncated-json']);
    const truncated = await call(shop.url, '/api/search?q=zeppelin');
    expect(truncated.status).toBe(200);
    expect(truncated.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(truncated.text).toBe(healthy.text.slice(0, Math.floor(healthy.text.length / 2)));
    expect(truncated.text.length).toBeGreaterThan(0);
    expect(truncated.json).toBeUndefined();

    const products = await call(shop.url, '/api/products');
    expect(products.status).toBe(200);
    expect(products.text.startsWith('{"items":[{"id":"p-1001"')).toBe(true);
    expect(() => JSON.parse(products.text)).toThrow(SyntaxError);
  });

  it('server-error answers 500 with a JSON error and changes nothing', async () => {
    const token = await newUserToken(shop.url);
    await call(shop.url, '/api/cart/items', { token, body: { productId: 'p-1002', quantity: 1 } });
    shop.setFaults(['server-error']);
    const response = await call(shop.url, '/api/checkout', { token, method: 'POST' });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.json.error).toBe('internal server error');
    expect(response.json.requestId).toMatch(/^[0-9a-f-]{36}$/);
    shop.setFaults([]);
    const cart = await call(shop.url, '/api/cart', { token });
    expect(cart.json.items).toHaveLength(1);
    const orders = await call(shop.url, '/api/orders', { token });
    expect(orders.json.items).toEqual([]);
  });

  it('each faultable route is healthy again once faults are switched off', async () => {
    shop.setFaults(['null-ids', 'html-200']);
    shop.setFaults([]);
    for (const { label, path, options, schema } of faultableCalls()) {
      const response = await call(shop.url, path, options);
      expect(response.status, label).toBeLessThan(300);
      expect(validate(schema, response.json), label).toEqual({ valid: true, errors: [] });
    }
  });
});
