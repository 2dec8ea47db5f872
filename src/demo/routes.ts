import { createUserRoute, loginRoute } from './account-routes.ts';
import { productRoute, productsRoute, searchRoute } from './catalogue-routes.ts';
import { addToCartRoute, cartRoute, checkoutRoute, ordersRoute, recommendationsRoute } from './commerce-routes.ts';
import type { Route } from './route.ts';

const healthRoute: Route = {
  method: 'GET',
  path: '/healthz',
  faultable: false,
  handle: () => ({ status: 200, kind: 'plain', body: { status: 'ok' } }),
};

export const ROUTES: readonly Route[] = [
  healthRoute,
  createUserRoute,
  loginRoute,
  productsRoute,
  productRoute,
  searchRoute,
  recommendationsRoute,
  ordersRoute,
  cartRoute,
  addToCartRoute,
  checkoutRoute,
];
