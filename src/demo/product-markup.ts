// Pieces of product HTML the home and product pages share, so a price or a picture looks
// the same everywhere.

import type { CatalogueProduct, Category } from './catalogue.ts';
import { decimalPrice, escapeHtml, euroPrice } from './html.ts';

export function productPath(id: string): string {
  return `/products/${encodeURIComponent(id)}`;
}

/** `data-price` holds the number the API sends, so a probe can compare page and API. */
export function priceMarkup(product: CatalogueProduct): string {
  return `<span class="product-price" data-price="${decimalPrice(product.priceCents)}">${euroPrice(product.priceCents)}</span>`;
}

/** The shop has no photos: a tile in the category's colours with the name's initials. */
export function artMarkup(product: CatalogueProduct): string {
  return `<span class="product-art art-${product.category}" aria-hidden="true">${escapeHtml(initials(product.name))}</span>`;
}

export function categoryLabel(category: Category): string {
  return category.charAt(0).toUpperCase() + category.slice(1);
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => /^[A-Za-z]/.test(word))
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase())
    .join('');
}
