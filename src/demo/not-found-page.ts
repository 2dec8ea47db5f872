// The HTML 404 of the pages: what a visitor following a stale link sees.

import { escapeHtml } from './html.ts';
import type { PageView } from './page.ts';

export function notFoundView(heading: string, explanation: string): PageView {
  return {
    status: 404,
    title: 'Page not found',
    main: `<section class="not-found"><h1>${escapeHtml(heading)}</h1><p class="lede">${escapeHtml(explanation)}</p><p><a href="/">Back to the shop</a></p></section>`,
    scripts: [],
  };
}
