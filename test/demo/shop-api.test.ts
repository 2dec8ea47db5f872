import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, POPULARITY } from '../../src/demo/catalogue.ts';
import { startShop } from '../../src/demo/shop.ts';
import type { RunningShop } from '../../src/demo/shop.ts';
import { DEMO_BUYER } from '../../src/demo/store.ts';
import { createSchemaValidator } from './schema-validator.ts';
import { buyerToken, call, newUserToken } from './shop-client.ts';

const HOUR_MS = 3_600_000;
const validate = createSchemaValidator();
let shop: RunningShop;

beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
afterAll(async () => {
  await shop.close();
});

function expectSchema(schemaFile: string, payload: unknown): void {
  expect(validate(schemaFile, payload)).toEqual({ valid: true, errors: [] });
}

function expectFresh(timestamp: string): void {
  const age = Date.now() - Date.parse(timestamp);
  expect(age).toBeGreaterThanOrEqual(0);
  expect(age).toBeLessThan(HOUR_MS);
}

describe('demo shop: start', () => {
  it('listens on a free loopback port and reports a URL without a trailing slash', () => {
    expect(shop.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(shop.url).port)).toBeGreaterThan(0);
    expect([...shop.faults]).toEqual([]);
  });
});

describe('demo shop: health and routing', () => {
  it('GET /healthz answers ok as JSON', async () => {
    const response = await call(shop.url, '/healthz');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.json).toEqual({ status: 'ok' });
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await call(shop.url, '/healthz', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    expect(response.text).toBe('');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await call(shop.url, '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.json).toEqual({ error: 'no route for GET /api/nothing-here' });
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const response = await call(shop.url, '/api/checkout', { method: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.json.error).toBe('/api/checkout accepts POST');
  });

  it('answers a body that is not JSON with a JSON 400', async () => {
    const response = await call(shop.url, '/api/login', { method: 'POST', rawBody: '{"email": ' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.json.error).toMatch(/^request body is not valid JSON/);
  });
});

describe('demo shop: accounts', () => {
  it('POST /api/users creates a fresh user with a token and unique email', async () => {
    const first = await call(shop.url, '/api/users', { body: { name: 'Ada' } });
    const second = await call(shop.url, '/api/users', { method: 'POST' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expectSchema('user.schema.json', first.json);
    expectSchema('user.schema.json', second.json);
    expect(first.json.name).toBe('Ada');
    expect(second.json.name).toBe('New Shopper');
    expect(first.json.id).not.toBe(second.json.id);
    expect(first.json.email).not.toBe(second.json.email);
    expect(first.json.token).not.toBe(second.json.token);
    expectFresh(first.json.createdAt);
  });

  it('POST /api/users rejects a name that is not a non-empty string', async () => {
    for (const name of [42, '', '   ', 'x'.repeat(101)]) {
      const response = await call(shop.url, '/api/users', { body: { name } });
      expect(response.status, JSON.stringify(name)).toBe(400);
      expect(response.json.error).toBe('name must be a non-empty string of at most 100 characters');
    }
  });

  it('POST /api/login signs the demo buyer in', async () => {
    const response = await call(shop.url, '/api/login', { body: DEMO_BUYER });
    expect(response.status).toBe(200);
    expectSchema('session.schema.json', response.json);
    expect(response.json.user).toEqual({ id: 'u-1000', name: 'Robin Returning', email: 'buyer@demo.shop' });
  });

  it('POST /api/login answers 401 for a wrong password or unknown email, 400 for a bad body', async () => {
    const wrongPassword = await call(shop.url, '/api/login', { body: { email: DEMO_BUYER.email, password: 'nope' } });
    const unknownEmail = await call(shop.url, '/api/login', { body: { email: 'nobody@demo.shop', password: DEMO_BUYER.password } });
    const badBody = await call(shop.url, '/api/login', { body: { email: DEMO_BUYER.email } });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.json).toEqual({ error: 'unknown email or wrong password' });
    expect(unknownEmail.json).toEqual(wrongPassword.json);
    expect(badBody.status).toBe(400);
    expect(badBody.json.error).toBe('body must be {"email": string, "password": string}');
  });

  it('a created user cannot log in with a password: it has none', async () => {
    const created = await call(shop.url, '/api/users', { body: { name: 'No Password' } });
    const login = await call(shop.url, '/api/login', { body: { email: created.json.email, password: '' } });
    expect(login.status).toBe(401);
  });
});

describe('demo shop: catalogue', () => {
  it('GET /api/products lists the first 20 of 24 products by default', async () => {
    const response = await call(shop.url, '/api/products');
    expect(response.status).toBe(200);
    expectSchema('products.schema.json', response.json);
    expect(response.json.total).toBe(24);
    expect(response.json.items.map((item: { id: string }) => item.id)).toEqual(CATALOGUE.slice(0, 20).map((product) => product.id));
    for (const item of response.json.items) {
      expect(item.price).toBeGreaterThan(0);
      expect(item.currency).toBe('EUR');
      expect(item.imageUrl).toBe(`/images/${item.id}.jpg`);
      expectFresh(item.updatedAt);
    }
  });

  it('GET /api/products filters by category and honours limit', async () => {
    const audio = await call(shop.url, '/api/products?category=audio');
    expect(audio.json.total).toBe(4);
    expect(audio.json.items.every((item: { category: string }) => item.category === 'audio')).toBe(true);
    const limited = await call(shop.url, '/api/products?category=books&limit=2');
    expect(limited.json.items).toHaveLength(2);
    expect(limited.json.total).toBe(4);
    const unknown = await call(shop.url, '/api/products?category=spaceships');
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual({ items: [], total: 0 });
  });

  it('GET /api/products rejects a limit that is not an integer from 1 to 100', async () => {
    for (const limit of ['0', '-1', '2.5', 'abc', '101']) {
      const response = await call(shop.url, `/api/products?limit=${limit}`);
      expect(response.status, limit).toBe(400);
      expect(response.json.error).toBe('limit must be an integer from 1 to 100');
    }
  });

  it('GET /api/products/:id answers one product, 404 for an unknown id', async () => {
    const found = await call(shop.url, '/api/products/p-1013');
    expect(found.status).toBe(200);
    expectSchema('product.schema.json', found.json);
    expect(found.json).toMatchObject({ id: 'p-1013', name: 'Cast Iron Skillet 28 cm', price: 42, category: 'kitchen' });
    const missing = await call(shop.url, '/api/products/p-9999');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'no product with id "p-9999"' });
  });

  it('GET /api/search matches names and categories case-insensitively', async () => {
    const byName = await call(shop.url, '/api/search?q=WIRELESS');
    expect(byName.status).toBe(200);
    expectSchema('search.schema.json', byName.json);
    expect(byName.json.query).toBe('WIRELESS');
    expect(byName.json.items.map((item: { id: string }) => item.id)).toEqual(['p-1001', 'p-1007']);
    expect(byName.json.total).toBe(2);
    const byCategory = await call(shop.url, '/api/search?q=Kitchen');
    expect(byCategory.json.total).toBe(4);
    const none = await call(shop.url, '/api/search?q=zeppelin');
    expect(none.json).toEqual({ query: 'zeppelin', items: [], total: 0 });
  });

  it('GET /api/search without a query answers 400', async () => {
    for (const path of ['/api/search', '/api/search?q=', '/api/search?q=%20%20']) {
      const response = await call(shop.url, path);
      expect(response.status, path).toBe(400);
      expect(response.json).toEqual({ error: 'query parameter q is required' });
    }
  });
});

describe('demo shop: recommendations', () => {
  it('require a valid bearer token', async () => {
    const missing = await call(shop.url, '/api/recommendations');
    const invalid = await call(shop.url, '/api/recommendations', { token: 'not-a-token' });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(missing.json).toEqual({ error: 'missing bearer token' });
    expect(invalid.status).toBe(401);
    expect(invalid.json).toEqual({ error: 'invalid or expired token' });
  });

  it('a new user gets the 6 most popular products in stock', async () => {
    const token = await newUserToken(shop.url);
    const response = await call(shop.url, '/api/recommendations', { token });
    expect(response.status).toBe(200);
    expectSchema('recommendations.schema.json', response.json);
    expect(response.json.strategy).toBe('popular');
    expect(response.json.userId).toMatch(/^u-\d+$/);
    expect(response.json.items.map((item: { id: string }) => item.id)).toEqual(POPULARITY.slice(0, 6));
    expectSorted(response.json.items);
    expectFresh(response.json.generatedAt);
  });

  it('the returning buyer gets personalised picks from their categories, nothing already bought', async () => {
    const token = await buyerToken(shop.url);
    const response = await call(shop.url, '/api/recommendations', { token });
    expect(response.status).toBe(200);
    expectSchema('recommendations.schema.json', response.json);
    expect(response.json).toMatchObject({ userId: 'u-1000', strategy: 'personalised' });
    const items: Array<{ id: string; category: string; inStock: boolean }> = response.json.items;
    expect(items).toHaveLength(6);
    expectSorted(items);
    const bought = ['p-1001', 'p-1003', 'p-1021', 'p-1022', 'p-1024'];
    expect(items.filter((item) => bought.includes(item.id))).toEqual([]);
    expect(items.slice(0, 2).map((item) => item.category).sort()).toEqual(['audio', 'books']);
    expect(items.every((item) => item.inStock)).toBe(true);
    const popular = POPULARITY.slice(0, 6);
    expect(items.map((item) => item.id)).not.toEqual(popular);
  });
});

describe('demo shop: cart, checkout and orders', () => {
  it('a new user fills a cart, checks out, and then has history and personalised picks', async () => {
    const token = await newUserToken(shop.url);

    const empty = await call(shop.url, '/api/cart', { token });
    expect(empty.status).toBe(200);
    expectSchema('cart.schema.json', empty.json);
    expect(empty.json.items).toEqual([]);
    expect(empty.json.total).toBe(0);

    const first = await call(shop.url, '/api/cart/items', { token, body: { productId: 'p-1013', quantity: 2 } });
    expect(first.status).toBe(201);
    expectSchema('cart.schema.json', first.json);
    const second = await call(shop.url, '/api/cart/items', { token, body: { productId: 'p-1016', quantity: 1 } });
    const again = await call(shop.url, '/api/cart/items', { token, body: { productId: 'p-1013', quantity: 1 } });
    expect(second.status).toBe(201);
    expect(again.json).toEqual({
      id: empty.json.id,
      items: [
        { productId: 'p-1013', name: 'Cast Iron Skillet 28 cm', quantity: 3, unitPrice: 42 },
        { productId: 'p-1016', name: 'Bamboo Cutting Board', quantity: 1, unitPrice: 19.99 },
      ],
      total: 145.99,
    });

    const order = await call(shop.url, '/api/checkout', { token, method: 'POST' });
    expect(order.status).toBe(201);
    expectSchema('order.schema.json', order.json);
    expect(order.json).toMatchObject({ status: 'confirmed', total: 145.99, items: again.json.items });
    expect(order.json.id).toMatch(/^o-\d+$/);
    expectFresh(order.json.createdAt);

    const afterwards = await call(shop.url, '/api/cart', { token });
    expect(afterwards.json.items).toEqual([]);
    const emptyCheckout = await call(shop.url, '/api/checkout', { token, method: 'POST' });
    expect(emptyCheckout.status).toBe(400);
    expect(emptyCheckout.json).toEqual({ error: 'the cart is empty' });

    const orders = await call(shop.url, '/api/orders', { token });
    expect(orders.status).toBe(200);
    expectSchema('orders.schema.json', orders.json);
    expect(orders.json.items).toEqual([order.json]);

    const recommendations = await call(shop.url, '/api/recommendations', { token });
    expect(recommendations.json.strategy).toBe('personalised');
    expect(recommendations.json.items[0].category).toBe('kitchen');
    const ids = recommendations.json.items.map((item: { id: string }) => item.id);
    expect(ids).not.toContain('p-1013');
    expect(ids).not.toContain('p-1016');
  });

  it('POST /api/cart/items answers 404 for an unknown product and 400 for a bad quantity', async () => {
    const token = await newUserToken(shop.url);
    const unknown = await call(shop.url, '/api/cart/items', { token, body: { productId: 'p-9999', quantity: 1 } });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: 'no product with id "p-9999"' });
    for (const quantity of [0, -1, 1.5, '2', 100]) {
      const bad = await call(shop.url, '/api/cart/items', { token, body: { productId: 'p-1001', quantity } });
      expect(bad.status, JSON.stringify(quantity)).toBe(400);
      expect(bad.json).toEqual({ error: 'quantity must be an integer from 1 to 99' });
    }
    const cart = await call(shop.url, '/api/cart', { token });
    expect(cart.json.items).toEqual([]);
  });

  it('the returning buyer has at least 3 past orders across 2 categories, newest first', async () => {
    const token = await buyerToken(shop.url);
    const response = await call(shop.url, '/api/orders', { token });
    expect(response.status).toBe(200);
    expectSchema('orders.schema.json', response.json);
    const orders: Array<{ createdAt: string; items: Array<{ productId: string }> }> = response.json.items;
    expect(orders.length).toBeGreaterThanOrEqual(3);
    const times = orders.map((order) => Date.parse(order.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const categories = new Set(
      orders.flatMap((order) => order.items).map((line) => CATALOGUE.find((product) => product.id === line.productId)?.category),
    );
    expect(categories).toEqual(new Set(['audio', 'books']));
  });

  it('cart, orders and checkout require a token', async () => {
    for (const [method, path] of [['GET', '/api/cart'], ['POST', '/api/cart/items'], ['POST', '/api/checkout'], ['GET', '/api/orders']] as const) {
      const response = await call(shop.url, path, { method });
      expect(response.status, path).toBe(401);
    }
  });
});

function expectSorted(items: ReadonlyArray<{ id: string; score?: number }>): void {
  const scores = items.map((item) => item.score as number);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  expect(scores.every((score) => score >= 0 && score <= 1)).toBe(true);
  expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
}
