import { describe, expect, it } from 'vitest';
import { CATALOGUE, CATEGORIES, findProduct, POPULARITY, productUpdatedAt } from '../../src/demo/catalogue.ts';

describe('demo catalogue', () => {
  it('has 24 products with unique ids from p-1001 on', () => {
    expect(CATALOGUE).toHaveLength(24);
    expect(CATALOGUE.map((product) => product.id)).toEqual(Array.from({ length: 24 }, (_, i) => `p-${1001 + i}`));
    expect(new Set(CATALOGUE.map((product) => product.name)).size).toBe(24);
  });

  it('prices every product above zero, in whole cents', () => {
    for (const product of CATALOGUE) {
      expect(Number.isInteger(product.priceCents), product.id).toBe(true);
      expect(product.priceCents, product.id).toBeGreaterThan(0);
    }
  });

  it('spreads products over 6 categories, with ratings from 0 to 5', () => {
    expect(new Set(CATALOGUE.map((product) => product.category))).toEqual(new Set(CATEGORIES));
    expect(CATEGORIES).toHaveLength(6);
    expect(CATALOGUE.every((product) => product.rating >= 0 && product.rating <= 5)).toBe(true);
    expect(CATALOGUE.some((product) => !product.inStock)).toBe(true);
  });

  it('ranks every product exactly once by popularity', () => {
    expect([...POPULARITY].sort()).toEqual(CATALOGUE.map((product) => product.id));
  });

  it('finds products by id', () => {
    expect(findProduct('p-1013')?.name).toBe('Cast Iron Skillet 28 cm');
    expect(findProduct('p-0000')).toBeUndefined();
  });

  it('dates every update within the last hour of the response, the same way every time', () => {
    const now = new Date('2030-06-01T12:00:00.000Z');
    for (const product of CATALOGUE) {
      const age = now.getTime() - productUpdatedAt(product.id, now).getTime();
      expect(age, product.id).toBeGreaterThan(0);
      expect(age, product.id).toBeLessThan(3_600_000);
      expect(productUpdatedAt(product.id, now)).toEqual(productUpdatedAt(product.id, now));
    }
  });
});
