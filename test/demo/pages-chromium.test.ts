// The demo shop's pages in real Chromium: what a visitor sees, as each persona and under each
// page fault. One browser for the file, a fresh context for every test.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { startShop } from '../../src/demo/shop.ts';
import type { RunningShop } from '../../src/demo/shop.ts';
import { isFailedResourceLine, launchChromium, visitorContext, watchProblems, widgetSettled } from './browser.ts';
import type { PageProblems } from './browser.ts';
import { buyerToken, call, newUserToken } from './shop-client.ts';

const READING_HTML = "TypeError: Cannot read properties of undefined (reading 'html')";
const READING_PRICE = "TypeError: Cannot read properties of undefined (reading 'price')";

let shop: RunningShop;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [shop, browser] = await Promise.all([startShop({ port: 0 }), launchChromium()]);
});
afterEach(async () => {
  shop.setFaults([]);
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await shop?.close();
});

interface Visit {
  page: Page;
  problems: PageProblems;
  /** The page's own `/api/recommendations` call, when asked to watch it. */
  recommendations?: Response;
}

async function visit(path: string, options: { token?: string; watchRecommendations?: boolean } = {}): Promise<Visit> {
  const context = await visitorContext(browser, shop.url, options.token);
  contexts.push(context);
  const page = await context.newPage();
  const problems = watchProblems(page);
  const response = options.watchRecommendations ? page.waitForResponse(`${shop.url}/api/recommendations`) : undefined;
  await page.goto(shop.url + path);
  return { page, problems, ...(response ? { recommendations: await response } : {}) };
}

interface Card {
  id: string | null;
  href: string | null;
  name: string;
  price: string;
}

function cardsOf(page: Page, selector: string, prefix: string): Promise<Card[]> {
  return page.locator(selector).evaluateAll(
    (elements, prefix) =>
      elements.map((element) => ({
        id: element.getAttribute('data-product-id'),
        href: element.querySelector('a')?.getAttribute('href') ?? null,
        name: element.querySelector(`.${prefix}-name`)?.textContent ?? '',
        price: element.querySelector(`.${prefix}-price`)?.textContent ?? '',
      })),
    prefix,
  );
}

function expectedCards(items: Array<{ id: string; name: string; price: number }>): Card[] {
  return items.map((item) => ({ id: item.id, href: `/products/${item.id}`, name: item.name, price: `€${item.price.toFixed(2)}` }));
}

describe('product page in Chromium: the recommendations widget', () => {
  it('shows the returning buyer one visible card per recommended item, without errors', async () => {
    const token = await buyerToken(shop.url);
    const { page, problems, recommendations } = await visit('/products/p-1001', { token, watchRecommendations: true });
    expect(recommendations?.status()).toBe(200);
    const payload = await recommendations!.json();
    expect(payload).toMatchObject({ userId: 'u-1000', strategy: 'personalised' });
    await widgetSettled(page);

    expect(await page.locator('#main h1.product-name').textContent()).toBe('Aurora Wireless Headphones');
    expect(await page.locator('#recommendations').isVisible()).toBe(true);
    const cards = page.locator('#recommendations .rec-list > li.rec-card');
    expect(await cards.count()).toBe(6);
    for (const card of await cards.all()) expect(await card.isVisible()).toBe(true);
    expect(await cardsOf(page, '.rec-card', 'rec')).toEqual(expectedCards(payload.items));
    expect(problems).toEqual({ pageErrors: [], consoleErrors: [] });
  });

  it('the incident: a new user with empty-recs-new-users gets an empty widget, no error, no message', async () => {
    const token = await newUserToken(shop.url);
    shop.setFaults(['empty-recs-new-users']);
    const { page, problems, recommendations } = await visit('/products/p-1001', { token, watchRecommendations: true });
    expect(recommendations?.status()).toBe(200);
    expect(await recommendations!.json()).toMatchObject({ strategy: 'popular', items: [] });
    await widgetSettled(page);

    expect(await page.locator('.rec-card').count()).toBe(0);
    expect(await page.locator('.rec-list').evaluate((list) => list.childElementCount)).toBe(0);
    expect(await page.locator('#recommendations').isVisible()).toBe(true);
    expect((await page.locator('#recommendations').innerText()).trim()).toBe('Recommended for you');
    expect(await page.locator('#main h1.product-name').isVisible()).toBe(true);
    expect(problems).toEqual({ pageErrors: [], consoleErrors: [] });

    // The same user without the fault: the widget is what the fault emptied.
    shop.setFaults([]);
    await page.reload();
    await widgetSettled(page);
    expect(await page.locator('.rec-card').count()).toBe(6);
  });

  it('an anonymous visitor sees the product and an empty widget after a 401, with no page error', async () => {
    const { page, problems, recommendations } = await visit('/products/p-1013', { watchRecommendations: true });
    expect(recommendations?.status()).toBe(401);
    await widgetSettled(page);
    expect(await page.locator('#main h1.product-name').textContent()).toBe('Cast Iron Skillet 28 cm');
    expect(await page.locator('.rec-card').count()).toBe(0);
    expect(problems.pageErrors).toEqual([]);
    // Chromium itself logs the 401 of the fetch; the page logs nothing.
    expect(problems.consoleErrors).toHaveLength(1);
    expect(problems.consoleErrors.every(isFailedResourceLine)).toBe(true);
  });
});

describe('pages in Chromium: page faults', () => {
  it('blank-page: the main content of every page is empty and an uncaught TypeError fired', async () => {
    const token = await buyerToken(shop.url);
    shop.setFaults(['blank-page']);
    for (const path of ['/', '/products/p-1001', '/search?q=lamp']) {
      const { page, problems } = await visit(path, { token });
      await expect.poll(() => problems.pageErrors).toEqual([READING_HTML]);
      expect(await page.locator('#main').innerText(), path).toBe('');
      expect(await page.locator('#main').evaluate((main) => main.childElementCount), path).toBe(0);
      expect(await page.locator('header .brand').innerText(), path).toBe('Demo Shop');
      expect(await page.locator('.rec-card, .product-card, .search-result').count(), path).toBe(0);
    }
  });

  it('js-error: the page renders its cards, then an uncaught TypeError fires and a console error is logged', async () => {
    const token = await buyerToken(shop.url);
    shop.setFaults(['js-error']);
    const { page, problems } = await visit('/products/p-1001', { token });
    await widgetSettled(page);
    await expect.poll(() => problems.pageErrors).toEqual([READING_PRICE]);
    await expect.poll(() => problems.consoleErrors).toEqual([`[shop] uncaught error: Uncaught ${READING_PRICE}`]);
    const cards = page.locator('.rec-card');
    expect(await cards.count()).toBe(6);
    for (const card of await cards.all()) expect(await card.isVisible()).toBe(true);
    expect(await page.locator('#main h1.product-name').isVisible()).toBe(true);

    const search = await visit('/search?q=lamp', { token });
    await expect.poll(() => search.problems.pageErrors).toEqual([READING_PRICE]);
    expect(await search.page.locator('.search-result').count()).toBe(1);
  });

  it('widget-empty-render: the API returns items, the widget renders none', async () => {
    const token = await buyerToken(shop.url);
    shop.setFaults(['widget-empty-render']);
    const { page, problems, recommendations } = await visit('/products/p-1001', { token, watchRecommendations: true });
    expect(recommendations?.status()).toBe(200);
    expect((await recommendations!.json()).items).toHaveLength(6);
    await widgetSettled(page);
    expect(await page.locator('.rec-card').count()).toBe(0);
    expect(await page.locator('#recommendations').isVisible()).toBe(true);
    expect(problems).toEqual({ pageErrors: [], consoleErrors: [] });
  });

  it('widget-hidden: the cards are in the page, the section is not visible', async () => {
    const token = await buyerToken(shop.url);
    shop.setFaults(['widget-hidden']);
    const { page, problems } = await visit('/products/p-1001', { token });
    await widgetSettled(page);
    const cards = page.locator('.rec-card');
    expect(await cards.count()).toBe(6);
    expect(await page.locator('#recommendations').isVisible()).toBe(false);
    expect(await page.locator('#recommendations').evaluate((section) => section.ownerDocument.defaultView?.getComputedStyle(section).display)).toBe('none');
    for (const card of await cards.all()) expect(await card.isVisible()).toBe(false);
    expect(await page.locator('#main h1.product-name').isVisible()).toBe(true);
    expect(problems).toEqual({ pageErrors: [], consoleErrors: [] });
  });
});

describe('pages in Chromium: API faults reach a page through its API calls', () => {
  it('server-error leaves the widget empty and makes search say it is unavailable', async () => {
    const token = await buyerToken(shop.url);
    shop.setFaults(['server-error']);
    const product = await visit('/products/p-1001', { token, watchRecommendations: true });
    expect(product.recommendations?.status()).toBe(500);
    await widgetSettled(product.page);
    expect(await product.page.locator('.rec-card').count()).toBe(0);
    expect(await product.page.locator('#main h1.product-name').isVisible()).toBe(true);

    const search = await visit('/search?q=lamp', { token });
    await expect(search.page.locator('.search-error').textContent()).resolves.toBe(
      'Search is not available right now. Please try again in a moment.',
    );
    expect(await search.page.locator('.search-result').count()).toBe(0);
  });
});

describe('product page in Chromium: add to cart', () => {
  it('with a session, adds the product to the cart and says so', async () => {
    const token = await newUserToken(shop.url);
    const { page, problems } = await visit('/products/p-1014', { token });
    await page.click('#add-to-cart');
    const status = page.locator('#cart-status');
    await status.waitFor();
    expect(await status.innerText()).toBe('Added to cart');
    const cart = await call(shop.url, '/api/cart', { token });
    expect(cart.json.items).toEqual([{ productId: 'p-1014', name: 'Pour-Over Coffee Kit', quantity: 1, unitPrice: 36.5 }]);

    await page.click('#add-to-cart');
    await expect.poll(async () => (await call(shop.url, '/api/cart', { token })).json.items[0].quantity).toBe(2);
    expect(await page.locator('#cart-status').count()).toBe(1);
    expect(problems).toEqual({ pageErrors: [], consoleErrors: [] });
  });

  it('without a session, asks the visitor to sign in', async () => {
    const { page, problems } = await visit('/products/p-1014');
    await page.click('#add-to-cart');
    await expect.poll(() => page.locator('#cart-status').textContent()).toBe('Sign in to add items to your cart');
    expect(problems.pageErrors).toEqual([]);
  });
});

describe('search page in Chromium', () => {
  it('renders the results of /api/search', async () => {
    const { page, problems } = await visit('/search?q=lamp');
    await page.locator('.search-result').first().waitFor();
    expect(await cardsOf(page, '.search-result', 'result')).toEqual([
      { id: 'p-1010', href: '/products/p-1010', name: 'Ceramic Table Lamp', price: '€74.90' },
    ]);
    expect(await page.locator('.no-results').count()).toBe(0);
    expect(await page.locator('#search-input').inputValue()).toBe('lamp');
    expect(problems).toEqual({ pageErrors: [], consoleErrors: [] });
  });

  it('says so when nothing matches', async () => {
    const { page, problems } = await visit('/search?q=zeppelin');
    await expect.poll(() => page.locator('.no-results').textContent()).toBe('No results for “zeppelin”');
    expect(await page.locator('.search-result').count()).toBe(0);
    expect(await page.locator('.no-results').isVisible()).toBe(true);
    expect(problems).toEqual({ pageErrors: [], consoleErrors: [] });
  });

  it('searches from the form', async () => {
    const { page } = await visit('/search');
    await page.fill('#search-input', 'wireless');
    await page.press('#search-input', 'Enter');
    await page.waitForURL(`${shop.url}/search?q=wireless`);
    await page.locator('.search-result').first().waitFor();
    expect((await cardsOf(page, '.search-result', 'result')).map((card) => card.id)).toEqual(['p-1001', 'p-1007']);
  });
});
