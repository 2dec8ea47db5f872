import { describe, expect, it } from 'vitest';
import {
  DEMO_BUYER,
  MAX_CREATED_USERS,
  MAX_LINE_QUANTITY,
  MAX_ORDERS_PER_USER,
  MAX_TOKENS_PER_USER,
  ShopStore,
} from '../../src/demo/store.ts';

describe('ShopStore', () => {
  it('keeps at most MAX_CREATED_USERS created users, forgetting the oldest with their sessions', () => {
    const store = new ShopStore();
    const first = store.createUser('First');
    const second = store.createUser('Second');
    for (let i = 2; i < MAX_CREATED_USERS; i++) store.createUser(`User ${i}`);
    expect(store.createdUserCount).toBe(MAX_CREATED_USERS);
    expect(store.userForToken(first.token)).toEqual(first.user);

    const newest = store.createUser('Newest');
    expect(MAX_CREATED_USERS).toBe(10_000);
    expect(store.createdUserCount).toBe(MAX_CREATED_USERS);
    expect(store.userForToken(first.token)).toBeUndefined();
    expect(store.userForToken(second.token)).toEqual(second.user);
    expect(store.userForToken(newest.token)).toEqual(newest.user);
  });

  it('forgets an evicted user’s cart and orders, never the seeded buyer', () => {
    const store = new ShopStore({ maxCreatedUsers: 2 });
    const evicted = store.createUser('Evicted');
    store.addToCart(evicted.user.id, 'p-1001', 1);
    store.checkout(evicted.user.id);
    store.createUser('Second');
    store.createUser('Third');
    expect(store.createdUserCount).toBe(2);
    expect(store.userForToken(evicted.token)).toBeUndefined();
    expect(() => store.ordersOf(evicted.user.id)).toThrow(`no account for user ${evicted.user.id}`);
    const buyer = store.login(DEMO_BUYER.email, DEMO_BUYER.password);
    expect(buyer?.user.id).toBe('u-1000');
  });

  it('gives every created user a unique id, email and token', () => {
    const store = new ShopStore();
    const sessions = Array.from({ length: 50 }, () => store.createUser('Same Name'));
    expect(new Set(sessions.map((session) => session.user.id)).size).toBe(50);
    expect(new Set(sessions.map((session) => session.user.email)).size).toBe(50);
    expect(new Set(sessions.map((session) => session.token)).size).toBe(50);
  });

  it('logs the buyer in case-insensitively by email, and nobody with a wrong password', () => {
    const store = new ShopStore();
    expect(store.login(' Buyer@Demo.Shop ', DEMO_BUYER.password)?.user.email).toBe(DEMO_BUYER.email);
    expect(store.login(DEMO_BUYER.email, `${DEMO_BUYER.password}x`)).toBeUndefined();
    expect(store.login(DEMO_BUYER.email, '')).toBeUndefined();
    expect(store.login('nobody@demo.shop', DEMO_BUYER.password)).toBeUndefined();
  });

  it('keeps the newest MAX_TOKENS_PER_USER sessions of a user who logs in on every run', () => {
    const store = new ShopStore();
    const tokens = Array.from({ length: MAX_TOKENS_PER_USER + 1 }, () => store.login(DEMO_BUYER.email, DEMO_BUYER.password)?.token as string);
    expect(store.userForToken(tokens[0] as string)).toBeUndefined();
    expect(store.userForToken(tokens[1] as string)?.id).toBe('u-1000');
    expect(store.userForToken(tokens.at(-1) as string)?.id).toBe('u-1000');
  });

  it('seeds the buyer with 3 orders across audio and books', () => {
    const store = new ShopStore();
    const orders = store.ordersOf('u-1000');
    expect(orders.map((order) => order.lines.map((line) => line.productId))).toEqual([
      ['p-1022', 'p-1024'],
      ['p-1003'],
      ['p-1001', 'p-1021'],
    ]);
    expect(orders[0]?.totalCents).toBe(1890 + 2 * 1699);
  });

  it('merges cart lines and refuses more than MAX_LINE_QUANTITY of one product', () => {
    const store = new ShopStore();
    const { user } = store.createUser('Cart');
    store.addToCart(user.id, 'p-1002', 60);
    expect(store.addToCart(user.id, 'p-1002', MAX_LINE_QUANTITY - 60)?.lines).toEqual([{ productId: 'p-1002', quantity: MAX_LINE_QUANTITY }]);
    expect(store.addToCart(user.id, 'p-1002', 1)).toBeUndefined();
    expect(store.cartOf(user.id).lines).toEqual([{ productId: 'p-1002', quantity: MAX_LINE_QUANTITY }]);
  });

  it('keeps the newest MAX_ORDERS_PER_USER orders of a user who checks out on every run', () => {
    const store = new ShopStore();
    const { user } = store.createUser('Checkout probe');
    const ids: string[] = [];
    for (let i = 0; i <= MAX_ORDERS_PER_USER; i++) {
      store.addToCart(user.id, 'p-1016', 1);
      ids.push(store.checkout(user.id)?.id as string);
    }
    const kept = store.ordersOf(user.id).map((order) => order.id);
    expect(kept).toHaveLength(MAX_ORDERS_PER_USER);
    expect(kept[0]).toBe(ids.at(-1));
    expect(kept).not.toContain(ids[0]);
    expect(store.checkout(user.id)).toBeUndefined();
  });

  it('copies name and price into an order at checkout', () => {
    const now = new Date('2030-01-02T03:04:05.000Z');
    const store = new ShopStore({ now: () => now });
    const { user } = store.createUser('Order');
    store.addToCart(user.id, 'p-1015', 2);
    const order = store.checkout(user.id);
    expect(order).toEqual({
      id: expect.stringMatching(/^o-\d+$/),
      userId: user.id,
      status: 'confirmed',
      lines: [{ productId: 'p-1015', name: "Chef's Knife 20 cm", quantity: 2, unitPriceCents: 7900 }],
      totalCents: 15800,
      createdAt: now,
    });
    expect(store.cartOf(user.id).lines).toEqual([]);
  });
});
