// The demo shop's pages over plain HTTP: the server-rendered half of the page contract.
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/demo/catalogue.ts';
import { API_FAULTS, PAGE_FAULTS } from '../../src/demo/faults.ts';
import { startShop } from '../../src/demo/shop.ts';
import type { RunningShop } from '../../src/demo/shop.ts';
import { allOf, mainOf } from './page-html.ts';
import { call, newUserToken, rawGet } from './shop-client.ts';

const HTML = 'text/html; charset=utf-8';
const PAGES = ['/', '/products/p-1001', '/search?q=lamp', '/search'] as const;
const WIDGET =
  '<section id="recommendations" aria-label="Recommended for you"><h2>Recommended for you</h2><ul class="rec-list"></ul></section>';

let shop: RunningShop;

beforeAll(async () => {
  shop = await startShop({ port: 0 });
});
afterEach(() => {
  shop.setFaults([]);
});
afterAll(async () => {
  await shop.close();
});

describe('demo shop pages: every page', () => {
  it.each(PAGES)('%s is a small HTML page with the shop header and a main, loading nothing from elsewhere', async (path) => {
    const page = await call(shop.url, path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe(HTML);
    expect(page.text.startsWith('<!doctype html>\n<html lang="en">\n')).toBe(true);
    expect(page.text).toContain('<header class="site-header">');
    expect(page.text).toContain('<a class="brand" href="/">Demo Shop</a>');
    expect(page.text.match(/<main id="main">/g)).toHaveLength(1);
    expect(page.text).toMatch(/<title>[^<]+ · Demo Shop<\/title>/);
    // Inline CSS and JS only: no src, no stylesheet links, no CSS urls, no absolute URLs.
    expect(page.text).not.toMatch(/\ssrc=/);
    expect(allOf(page.text, /(<link[^>]*>)/)).toEqual(['<link rel="icon" href="data:,">']);
    expect(page.text).not.toMatch(/url\(|@import|https?:\/\//);
    expect(page.text.length).toBeLessThan(16 * 1024);
  });

  it('gzips a page when the client accepts it, as the API does', async () => {
    const compressed = await rawGet(`${shop.url}/products/p-1001`, { 'accept-encoding': 'gzip' });
    expect(compressed.status).toBe(200);
    expect(compressed.headers['content-type']).toBe(HTML);
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(compressed.headers['vary']).toBe('accept-encoding');
    const plain = await rawGet(`${shop.url}/products/p-1001`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(compressed.body).toString('utf8')).toBe(plain.body.toString('utf8'));
    expect(compressed.wireBytes).toBeLessThan(plain.wireBytes / 2);
  });

  it('answers HEAD like GET, without a body, and other methods with 405', async () => {
    const head = await call(shop.url, '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(HTML);
    expect(head.text).toBe('');
    const post = await call(shop.url, '/products/p-1001', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});

describe('demo shop pages: home', () => {
  it('shows the 8 best sellers in stock as product cards, then the empty recommendations widget', async () => {
    const page = await call(shop.url, '/');
    const main = mainOf(page.text);
    expect(main).toContain('<h1>Popular right now</h1>');
    const ids = allOf(main, /<a class="product-card" href="\/products\/(p-\d+)">/);
    expect(ids).toEqual(['p-1002', 'p-1018', 'p-1014', 'p-1007', 'p-1001', 'p-1011', 'p-1016', 'p-1006']);
    for (const id of ids) {
      const product = CATALOGUE.find((candidate) => candidate.id === id)!;
      const price = (product.priceCents / 100).toFixed(2);
      expect(main).toContain(
        `<span class="product-name">${product.name}</span><span class="product-price" data-price="${price}">€${price}</span></a>`,
      );
    }
    expect(main).toContain(WIDGET);
    expect(main.indexOf(WIDGET)).toBeGreaterThan(main.lastIndexOf('product-card'));
  });
});

describe('demo shop pages: product', () => {
  it('renders the product, its price, the button and the empty widget on the server', async () => {
    const page = await call(shop.url, '/products/p-1001');
    const main = mainOf(page.text);
    expect(page.text).toContain('<title>Aurora Wireless Headphones · Demo Shop</title>');
    expect(main).toContain('<h1 class="product-name">Aurora Wireless Headphones</h1>');
    expect(main).toContain('<span class="product-price" data-price="129.99">€129.99</span>');
    expect(main).toMatch(/<button id="add-to-cart"[^>]*>Add to cart<\/button>/);
    expect(main).toContain('In stock, ships tomorrow');
    expect(main).toContain(WIDGET);
    expect(main).not.toContain('rec-card');
    expect(main).not.toContain('cart-status');
  });

  it('writes prices with two decimals and escapes names', async () => {
    const knife = mainOf((await call(shop.url, '/products/p-1015')).text);
    expect(knife).toContain('<h1 class="product-name">Chef&#39;s Knife 20 cm</h1>');
    expect(knife).toContain('<span class="product-price" data-price="79.00">€79.00</span>');
    const speaker = mainOf((await call(shop.url, '/products/p-1002/')).text);
    expect(speaker).toContain('<span class="product-price" data-price="59.90">€59.90</span>');
  });

  it('offers an out-of-stock product for back order', async () => {
    const main = mainOf((await call(shop.url, '/products/p-1004')).text);
    expect(main).toContain('<p class="stock backorder">Back soon: ships in 2 to 3 weeks</p>');
    expect(main).toMatch(/<button id="add-to-cart"[^>]*>Add to cart<\/button>/);
  });

  it('answers an unknown id with an HTML 404 page, id escaped, without widget or button', async () => {
    const page = await call(shop.url, '/products/p-9999');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toBe(HTML);
    expect(page.text.startsWith('<!doctype html>\n<html lang="en">\n')).toBe(true);
    const main = mainOf(page.text);
    expect(main).toContain('<h1>Product not found</h1>');
    expect(main).toContain('We could not find a product with the id “p-9999”.');
    expect(main).not.toContain('recommendations');
    expect(page.text).not.toContain('id="add-to-cart"');
    const hostile = await call(shop.url, '/products/%3Cb%3Ebold');
    expect(hostile.status).toBe(404);
    expect(mainOf(hostile.text)).toContain('“&lt;b&gt;bold”');
  });
});

describe('demo shop pages: search', () => {
  it('renders the form filled with the query and an empty result list for the script', async () => {
    const page = await call(shop.url, '/search?q=lamp');
    const main = mainOf(page.text);
    expect(page.text).toContain('<title>Search: lamp · Demo Shop</title>');
    expect(main).toMatch(/<form id="search-form" action="\/search" method="get"[^>]*>/);
    expect(main).toMatch(/<input name="q" id="search-input" type="search" value="lamp"[^>]*>/);
    expect(main).toContain('<button type="submit">Search</button>');
    expect(main).toContain('<ul class="search-results" id="search-results"></ul>');
    expect(main).not.toContain('search-result"');
    expect(main).not.toContain('search-hint');
  });

  it('without a query shows a hint and an empty form', async () => {
    const main = mainOf((await call(shop.url, '/search')).text);
    expect(main).toMatch(/<input name="q" id="search-input" type="search" value=""/);
    expect(main).toContain('<p class="search-hint">Try “lamp”, “coffee” or “books”.</p>');
  });

  it('escapes the query wherever the page repeats it', async () => {
    const page = await call(shop.url, `/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(page.text).toContain('<title>Search: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; · Demo Shop</title>');
  });
});

describe('demo shop pages: faults', () => {
  it('blank-page sends every page with an empty main, keeping the header; a 404 stays as it was', async () => {
    const healthy404 = await call(shop.url, '/products/p-9999');
    shop.setFaults(['blank-page']);
    for (const path of PAGES) {
      const page = await call(shop.url, path);
      expect(page.status, path).toBe(200);
      expect(mainOf(page.text), path).toBe('');
      expect(page.text, path).toContain('<a class="brand" href="/">Demo Shop</a>');
    }
    const faulted404 = await call(shop.url, '/products/p-9999');
    expect(faulted404.status).toBe(404);
    expect(faulted404.text).toBe(healthy404.text);
  });

  it('widget-hidden hides the recommendations section with display: none, and only then', async () => {
    const healthy = await call(shop.url, '/products/p-1001');
    expect(healthy.text).not.toContain('#recommendations { display: none; }');
    shop.setFaults(['widget-hidden']);
    const hidden = await call(shop.url, '/products/p-1001');
    expect(hidden.text).toContain('#recommendations { display: none; }');
    expect(mainOf(hidden.text)).toBe(mainOf(healthy.text));
  });

  it('page faults never reach the API', async () => {
    const token = await newUserToken(shop.url);
    shop.setFaults([...PAGE_FAULTS]);
    const products = await call(shop.url, '/api/products?limit=3');
    expect(products.status).toBe(200);
    expect(products.json.items.map((item: { id: string; price: number }) => [item.id, item.price])).toEqual([
      ['p-1001', 129.99],
      ['p-1002', 59.9],
      ['p-1003', 89],
    ]);
    const recommendations = await call(shop.url, '/api/recommendations', { token });
    expect(recommendations.json.items).toHaveLength(6);
  });

  it('API faults never reach the pages: each page answers at once with the healthy HTML', async () => {
    const healthy = await Promise.all(PAGES.map((path) => call(shop.url, path)));
    shop.setFaults([...API_FAULTS]);
    const started = performance.now();
    const faulted = await Promise.all(PAGES.map((path) => call(shop.url, path, { timeoutMs: 1000 })));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(faulted.map((page) => page.status)).toEqual(PAGES.map(() => 200));
    expect(faulted.map((page) => page.text)).toEqual(healthy.map((page) => page.text));
  });
});
