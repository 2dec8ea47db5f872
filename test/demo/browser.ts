// Real Chromium for the page tests that drive a browser of their own: the one payloadwatch
// would use (Debian's, never a download), launched with payloadwatch's own options.
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/demo/auth.ts';
import { resolveChromium } from '../../src/steps/page/browser-executable.ts';
import { launchOptions } from '../../src/steps/page/browser-pool.ts';

export function launchChromium(): Promise<Browser> {
  return chromium.launch(launchOptions(resolveChromium().path));
}

/** A fresh context, signed in as the visitor the token belongs to when one is given. */
export async function visitorContext(browser: Browser, shopUrl: string, token?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  if (token !== undefined) await context.addCookies([{ name: SESSION_COOKIE, value: token, url: shopUrl }]);
  return context;
}

export interface PageProblems {
  /** Uncaught exceptions and unhandled rejections, as `Name: message`. */
  readonly pageErrors: string[];
  readonly consoleErrors: string[];
}

/** Collects what went wrong in the page from now on. */
export function watchProblems(page: Page): PageProblems {
  const problems: PageProblems = { pageErrors: [], consoleErrors: [] };
  page.on('pageerror', (error) => problems.pageErrors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  return problems;
}

/** Chromium's own console line for a fetch answered with an HTTP error status. */
export function isFailedResourceLine(text: string): boolean {
  return text.startsWith('Failed to load resource: the server responded with a status of ');
}

/** Resolves once the recommendations widget has finished, whatever it rendered. */
export async function widgetSettled(page: Page): Promise<void> {
  await page.locator('#recommendations:not([aria-busy])').waitFor({ state: 'attached' });
}
