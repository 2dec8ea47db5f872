// `GET /search?q=…`: a search form; the results are fetched and rendered in the browser.

import { escapeHtml } from './html.ts';
import type { PageRoute } from './page.ts';
import { searchScript } from './search-script.ts';

export const SEARCH_HINT = 'Try “lamp”, “coffee” or “books”.';

export const searchPage: PageRoute = {
  method: 'GET',
  path: '/search',
  render({ query }) {
    const q = (query.get('q') ?? '').trim();
    return {
      status: 200,
      title: q === '' ? 'Search' : `Search: ${q}`,
      main: `
<h1>Search</h1>
<form id="search-form" action="/search" method="get" role="search">
<input name="q" id="search-input" type="search" value="${escapeHtml(q)}" placeholder="Search products" aria-label="Search products" autocomplete="off">
<button type="submit">Search</button>
</form>
${q === '' ? `<p class="search-hint">${SEARCH_HINT}</p>` : ''}
<ul class="search-results" id="search-results"></ul>
`,
      scripts: [searchScript],
    };
  },
};
