// Search results, fetched in the browser from `/api/search` for the query in the address bar.

export const SEARCH_UNAVAILABLE = 'Search is not available right now. Please try again in a moment.';

export const searchScript = `
(async () => {
  const query = (new URLSearchParams(location.search).get('q') || '').trim();
  const results = document.getElementById('search-results');
  let items = [];
  try {
    if (query === '') return;
    results.setAttribute('aria-busy', 'true');
    const response = await fetch('/api/search?q=' + encodeURIComponent(query), { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) {
      results.after(shop.text('p', 'search-error', ${JSON.stringify(SEARCH_UNAVAILABLE)}));
      return;
    }
    ({ items } = await response.json());
    if (items.length === 0) results.after(shop.text('p', 'no-results', 'No results for “' + query + '”'));
    results.append(...items.map((item) => shop.productItem('search-result', 'result', item)));
  } finally {
    results.removeAttribute('aria-busy');
    shop.listRendered('search', items);
  }
})();
`;
