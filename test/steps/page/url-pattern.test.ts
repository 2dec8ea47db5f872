import { describe, expect, it } from 'vitest';
import { compileUrlPattern, globToRegExp } from '../../../src/steps/page/url-pattern.ts';

describe('declared response patterns', () => {
  const target = 'https://shop.example.com';

  it('a path matches that path on the target, whatever the query', () => {
    const { label, matches } = compileUrlPattern('/api/recommendations', target);
    expect(label).toBe('/api/recommendations');
    expect(matches('https://shop.example.com/api/recommendations')).toBe(true);
    expect(matches('https://shop.example.com/api/recommendations?limit=6')).toBe(true);
    expect(matches('https://shop.example.com/api/recommendations/extra')).toBe(false);
    expect(matches('https://cdn.example.com/api/recommendations')).toBe(false);
    expect(matches('http://shop.example.com/api/recommendations')).toBe(false);
  });

  it('a path with a query matches the query too; * stays in a segment, ** crosses them', () => {
    expect(compileUrlPattern('/api/search?q=*', target).matches('https://shop.example.com/api/search?q=lamp')).toBe(true);
    expect(compileUrlPattern('/api/search?q=*', target).matches('https://shop.example.com/api/search')).toBe(false);
    expect(compileUrlPattern('/api/products/*', target).matches('https://shop.example.com/api/products/p-1')).toBe(true);
    expect(compileUrlPattern('/api/products/*', target).matches('https://shop.example.com/api/products/p-1/reviews')).toBe(false);
    expect(compileUrlPattern('/api/**', target).matches('https://shop.example.com/api/products/p-1/reviews')).toBe(true);
  });

  it('a path is under the base path of a target that has one', () => {
    const { matches } = compileUrlPattern('/api/items', 'https://example.com/shop/');
    expect(matches('https://example.com/shop/api/items')).toBe(true);
    expect(matches('https://example.com/api/items')).toBe(false);
  });

  it('a full URL glob and a RegExp match the whole URL', () => {
    expect(compileUrlPattern('https://cdn.example.com/**', target).matches('https://cdn.example.com/img/a.png')).toBe(true);
    expect(compileUrlPattern('**/api/recs*', target).matches('https://other.example.com/v2/api/recs?x=1')).toBe(true);
    const regex = compileUrlPattern(/\/api\/recs\?limit=\d+$/g, target);
    expect(regex.label).toBe('/\\/api\\/recs\\?limit=\\d+$/g');
    // A global RegExp would remember where it stopped; every URL is tested afresh.
    expect([regex.matches('https://x/api/recs?limit=6'), regex.matches('https://x/api/recs?limit=6')]).toEqual([true, true]);
  });

  it('escapes everything but the wildcards', () => {
    expect(globToRegExp('/a.b+(c)?d=*').source).toBe('^\\/a\\.b\\+\\(c\\)\\?d=[^/]*$');
  });
});
