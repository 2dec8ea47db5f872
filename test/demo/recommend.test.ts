import { describe, expect, it } from 'vitest';
import { CATALOGUE, findProduct, POPULARITY } from '../../src/demo/catalogue.ts';
import { RECOMMENDATION_COUNT, recommend } from '../../src/demo/recommend.ts';
import type { Order } from '../../src/demo/store.ts';

function orderOf(...productIds: string[]): Order {
  return {
    id: 'o-1',
    userId: 'u-1',
    status: 'confirmed',
    lines: productIds.map((productId) => ({ productId, name: findProduct(productId)?.name ?? '', quantity: 1, unitPriceCents: 100 })),
    totalCents: 100 * productIds.length,
    createdAt: new Date(),
  };
}

function expectWellFormed(items: ReturnType<typeof recommend>['items']): void {
  expect(items).toHaveLength(RECOMMENDATION_COUNT);
  const scores = items.map((item) => item.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  expect(scores.every((score) => score > 0 && score <= 1)).toBe(true);
  expect(new Set(items.map((item) => item.product.id)).size).toBe(items.length);
  expect(items.every((item) => item.product.inStock)).toBe(true);
}

describe('recommend', () => {
  it('recommends the best sellers in stock to a user without orders', () => {
    const set = recommend([]);
    expect(set.strategy).toBe('popular');
    expectWellFormed(set.items);
    expect(set.items.map((item) => item.product.id)).toEqual(POPULARITY.slice(0, 6));
    expect(set.items[0]?.score).toBe(1);
  });

  it('favours the categories a buyer bought from and leaves out what they bought', () => {
    const set = recommend([orderOf('p-1013'), orderOf('p-1015')]);
    expect(set.strategy).toBe('personalised');
    expectWellFormed(set.items);
    expect(set.items.slice(0, 2).map((item) => item.product.id)).toEqual(['p-1014', 'p-1016']);
    expect(set.items.map((item) => item.product.id)).not.toContain('p-1013');
    expect(set.items.map((item) => item.product.id)).not.toContain('p-1015');
  });

  it('still fills the row for a buyer who bought almost everything', () => {
    const everythingButTwo = CATALOGUE.map((product) => product.id).filter((id) => id !== 'p-1002' && id !== 'p-1009');
    const set = recommend([orderOf(...everythingButTwo)]);
    expectWellFormed(set.items);
    expect(set.items.slice(0, 2).map((item) => item.product.id).sort()).toEqual(['p-1002', 'p-1009']);
  });
});
