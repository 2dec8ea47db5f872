// `GET /products/:id`: the product, an "Add to cart" button, and the recommendations widget.

import { findProduct } from './catalogue.ts';
import type { CatalogueProduct } from './catalogue.ts';
import { addToCartScript } from './cart-script.ts';
import { escapeHtml } from './html.ts';
import { notFoundView } from './not-found-page.ts';
import type { PageRoute } from './page.ts';
import { artMarkup, categoryLabel, priceMarkup } from './product-markup.ts';
import { recommendationsScript, recommendationsSection } from './recommendations-widget.ts';

export const IN_STOCK = 'In stock, ships tomorrow';
export const BACKORDER = 'Back soon: ships in 2 to 3 weeks';

export const productPage: PageRoute = {
  method: 'GET',
  path: '/products/:id',
  render({ params, faults }) {
    const id = params['id'] ?? '';
    const product = findProduct(id);
    if (!product) return notFoundView('Product not found', `We could not find a product with the id “${id}”.`);
    return {
      status: 200,
      title: product.name,
      main: `
<p class="breadcrumb"><a href="/">Home</a> › ${categoryLabel(product.category)}</p>
${productDetail(product)}
${recommendationsSection}
`,
      scripts: [addToCartScript, recommendationsScript(faults)],
    };
  },
};

function productDetail(product: CatalogueProduct): string {
  const stock = product.inStock ? `<p class="stock in-stock">${IN_STOCK}</p>` : `<p class="stock backorder">${BACKORDER}</p>`;
  return `<article class="product" data-product-id="${escapeHtml(product.id)}">
${artMarkup(product)}
<div class="product-info">
<p class="product-category">${categoryLabel(product.category)}</p>
<h1 class="product-name">${escapeHtml(product.name)}</h1>
<p class="rating">${stars(product.rating)} ${product.rating.toFixed(1)} out of 5</p>
${priceMarkup(product)}
${stock}
<button id="add-to-cart" type="button" data-product-id="${escapeHtml(product.id)}">Add to cart</button>
</div>
</article>`;
}

function stars(rating: number): string {
  const full = Math.round(rating);
  return `<span class="stars" aria-hidden="true">${'★'.repeat(full)}${'☆'.repeat(5 - full)}</span>`;
}
