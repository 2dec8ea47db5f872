// Browsing: product list, product detail, search.

import { CATALOGUE, findProduct, isCategory } from './catalogue.ts';
import { HttpError } from './http-error.ts';
import { productPayload } from './payloads.ts';
import type { Route } from './route.ts';

export const DEFAULT_PRODUCT_LIMIT = 20;
export const MAX_PRODUCT_LIMIT = 100;

export const productsRoute: Route = {
  method: 'GET',
  path: '/api/products',
  faultable: true,
  handle(context) {
    const limit = parseLimit(context.query.get('limit'));
    const category = context.query.get('category') ?? '';
    // An unknown category is an empty shelf, not an error: that is what real shops answer.
    const matching = category === '' ? CATALOGUE : CATALOGUE.filter((product) => isCategory(category) && product.category === category);
    return {
      status: 200,
      kind: 'products',
      body: { items: matching.slice(0, limit).map((product) => productPayload(product, context.now)), total: matching.length },
    };
  },
};

export const productRoute: Route = {
  method: 'GET',
  path: '/api/products/:id',
  faultable: true,
  handle(context) {
    const id = context.params['id'] ?? '';
    const product = findProduct(id);
    if (!product) throw new HttpError(404, `no product with id "${id}"`);
    return { status: 200, kind: 'product', body: productPayload(product, context.now) };
  },
};

export const searchRoute: Route = {
  method: 'GET',
  path: '/api/search',
  faultable: true,
  handle(context) {
    const query = (context.query.get('q') ?? '').trim();
    if (query === '') throw new HttpError(400, 'query parameter q is required');
    const needle = query.toLowerCase();
    const matching = CATALOGUE.filter(
      (product) => product.name.toLowerCase().includes(needle) || product.category.includes(needle),
    );
    return {
      status: 200,
      kind: 'search',
      body: { query, items: matching.map((product) => productPayload(product, context.now)), total: matching.length },
    };
  },
};

function parseLimit(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_PRODUCT_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PRODUCT_LIMIT) {
    throw new HttpError(400, `limit must be an integer from 1 to ${MAX_PRODUCT_LIMIT}`);
  }
  return limit;
}
