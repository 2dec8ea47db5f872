// The API accepts the session cookie the shop's pages send, as an alternative to a bearer token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, sessionCookie } from '../../src/demo/auth.ts';
import { startShop } from '../../src/demo/shop.ts';
import type { RunningShop } from '../../src/demo/shop.ts';
import { buyerToken, call, newUserToken } from './shop-client.ts';

let shop: RunningShop;

beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
afterAll(async () => {
  await shop.close();
});

const cookie = (token: string): Record<string, string> => ({ cookie: `${SESSION_COOKIE}=${token}` });

describe('sessionCookie', () => {
  it('reads pw_session among other cookies, quoted or not', () => {
    expect(SESSION_COOKIE).toBe('pw_session');
    expect(sessionCookie('pw_session=abc-123_x')).toBe('abc-123_x');
    expect(sessionCookie('theme=dark; pw_session=abc; lang=en')).toBe('abc');
    expect(sessionCookie('theme=dark;pw_session="abc"')).toBe('abc');
    expect(sessionCookie('  pw_session = abc ')).toBe('abc');
  });

  it('is undefined when the cookie is absent, empty or only similar in name', () => {
    expect(sessionCookie(undefined)).toBeUndefined();
    expect(sessionCookie('')).toBeUndefined();
    expect(sessionCookie('pw_session=')).toBeUndefined();
    expect(sessionCookie('pw_session_old=abc; xpw_session=def; pw_session')).toBeUndefined();
  });
});

describe('demo shop API: session cookie', () => {
  it('signs the buyer in to recommendations and orders with the cookie alone', async () => {
    const token = await buyerToken(shop.url);
    const recommendations = await call(shop.url, '/api/recommendations', { headers: cookie(token) });
    expect(recommendations.status).toBe(200);
    expect(recommendations.json).toMatchObject({ userId: 'u-1000', strategy: 'personalised' });
    expect(recommendations.json.items).toHaveLength(6);
    const orders = await call(shop.url, '/api/orders', { headers: { cookie: `theme=dark; ${SESSION_COOKIE}=${token}` } });
    expect(orders.status).toBe(200);
    expect(orders.json.items.length).toBeGreaterThanOrEqual(3);
  });

  it('adds to the cart of the user the cookie names', async () => {
    const token = await newUserToken(shop.url);
    const added = await call(shop.url, '/api/cart/items', { headers: cookie(token), body: { productId: 'p-1010', quantity: 2 } });
    expect(added.status).toBe(201);
    const cart = await call(shop.url, '/api/cart', { token });
    expect(cart.json.items).toEqual([{ productId: 'p-1010', name: 'Ceramic Table Lamp', quantity: 2, unitPrice: 74.9 }]);
  });

  it('answers 401 for an unknown cookie, and for none', async () => {
    const unknown = await call(shop.url, '/api/recommendations', { headers: cookie('not-a-token') });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(unknown.json).toEqual({ error: 'invalid or expired token' });
    const other = await call(shop.url, '/api/recommendations', { headers: { cookie: 'theme=dark' } });
    expect(other.status).toBe(401);
    expect(other.json).toEqual({ error: 'missing bearer token' });
  });

  it('lets an Authorization header win over the cookie', async () => {
    const buyer = await buyerToken(shop.url);
    const fresh = await newUserToken(shop.url);
    const both = await call(shop.url, '/api/recommendations', { token: buyer, headers: cookie(fresh) });
    expect(both.json.userId).toBe('u-1000');
    const badHeader = await call(shop.url, '/api/recommendations', { token: 'not-a-token', headers: cookie(buyer) });
    expect(badHeader.status).toBe(401);
    expect(badHeader.json).toEqual({ error: 'invalid or expired token' });
  });
});
