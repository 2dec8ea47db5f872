// The HTML document around every page: head with the inline stylesheet and common script,
// the shop's header and footer, the page's main content, then its scripts.

import { commonScript } from './client-common.ts';
import type { PageFaultName } from './faults.ts';
import { escapeHtml } from './html.ts';
import type { PageView } from './page.ts';
import { pageStyles } from './page-styles.ts';

export const SHOP_NAME = 'Demo Shop';

export function pageDocument(view: PageView, faults: ReadonlySet<PageFaultName>): string {
  const scripts = view.scripts.map((script) => `<script>${script}</script>\n`).join('');
  // The empty icon keeps the browser from asking for /favicon.ico: a page loads nothing else.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)} · ${SHOP_NAME}</title>
<link rel="icon" href="data:,">
<style>${pageStyles(faults)}</style>
<script>${commonScript(faults)}</script>
</head>
<body>
<header class="site-header">
<div class="bar">
<a class="brand" href="/">${SHOP_NAME}</a>
<nav class="site-nav" aria-label="Shop"><a href="/">Home</a><a href="/search">Search</a></nav>
</div>
</header>
<main id="main">${view.main}</main>
<footer class="site-footer">${SHOP_NAME} · prices in euro, VAT included · a demo shop for payloadwatch</footer>
${scripts}</body>
</html>
`;
}
