// `GET /`: the best sellers, then what the visitor is recommended.

import { findProduct, POPULARITY } from './catalogue.ts';
import type { CatalogueProduct } from './catalogue.ts';
import { escapeHtml } from './html.ts';
import type { PageRoute } from './page.ts';
import { artMarkup, priceMarkup, productPath } from './product-markup.ts';
import { recommendationsScript, recommendationsSection } from './recommendations-widget.ts';

export const HOME_HEADING = 'Popular right now';
export const FEATURED_COUNT = 8;

/** Best sellers in stock: one nobody can buy would waste a place on the front page. */
export const FEATURED: readonly CatalogueProduct[] = POPULARITY.map((id) => findProduct(id) as CatalogueProduct)
  .filter((product) => product.inStock)
  .slice(0, FEATURED_COUNT);

export const homePage: PageRoute = {
  method: 'GET',
  path: '/',
  render: ({ faults }) => ({
    status: 200,
    title: HOME_HEADING,
    main: `
<h1>${HOME_HEADING}</h1>
<p class="lede">This week's best sellers, from headphones to hiking gear.</p>
<ul class="product-grid">
${FEATURED.map(productCard).join('\n')}
</ul>
${recommendationsSection}
`,
    scripts: [recommendationsScript(faults)],
  }),
};

function productCard(product: CatalogueProduct): string {
  return `<li><a class="product-card" href="${productPath(product.id)}">${artMarkup(product)}<span class="product-name">${escapeHtml(product.name)}</span>${priceMarkup(product)}</a></li>`;
}
