// The recommendations widget of the home and product pages: an empty section from the server,
// filled in the browser from `/api/recommendations` as the signed-in visitor. An empty answer
// renders an empty list and nothing else, exactly the "empty component" of the incident.

import type { PageFaultName } from './faults.ts';

export const RECOMMENDATIONS_HEADING = 'Recommended for you';

export const recommendationsSection = `<section id="recommendations" aria-label="${RECOMMENDATIONS_HEADING}"><h2>${RECOMMENDATIONS_HEADING}</h2><ul class="rec-list"></ul></section>`;

export function recommendationsScript(faults: ReadonlySet<PageFaultName>): string {
  // `widget-empty-render`: the filter reads a field the API does not send, so every item the
  // API returned is dropped before rendering.
  const inStockField = faults.has('widget-empty-render') ? 'available' : 'inStock';
  // A visitor without a session gets 401 and an empty widget: nothing is wrong for them.
  return `
(async () => {
  const section = document.getElementById('recommendations');
  const list = section.querySelector('.rec-list');
  let shown = [];
  section.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch('/api/recommendations', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) return;
    const { items } = await response.json();
    shown = items.filter((item) => item.${inStockField});
    list.append(...shown.map((item) => shop.productItem('rec-card', 'rec', item)));
  } finally {
    section.removeAttribute('aria-busy');
    shop.listRendered('recommendations', shown);
  }
})();
`;
}
