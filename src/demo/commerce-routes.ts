// Signed-in routes: recommendations, orders, cart and checkout.

import { requireUser } from './auth.ts';
import { findProduct } from './catalogue.ts';
import { HttpError } from './http-error.ts';
import { cartPayload, orderPayload, recommendationsPayload } from './payloads.ts';
import { recommend } from './recommend.ts';
import { isRecord, readJsonBody } from './request-body.ts';
import type { Route } from './route.ts';
import { MAX_LINE_QUANTITY } from './store.ts';

export const recommendationsRoute: Route = {
  method: 'GET',
  path: '/api/recommendations',
  faultable: true,
  handle(context) {
    const user = requireUser(context);
    const set = recommend(context.store.ordersOf(user.id));
    return { status: 200, kind: 'recommendations', body: recommendationsPayload(user.id, set, context.now) };
  },
};

export const ordersRoute: Route = {
  method: 'GET',
  path: '/api/orders',
  faultable: true,
  handle(context) {
    const user = requireUser(context);
    return { status: 200, kind: 'orders', body: { items: context.store.ordersOf(user.id).map(orderPayload) } };
  },
};

export const cartRoute: Route = {
  method: 'GET',
  path: '/api/cart',
  faultable: true,
  handle(context) {
    const user = requireUser(context);
    return { status: 200, kind: 'cart', body: cartPayload(context.store.cartOf(user.id)) };
  },
};

export const addToCartRoute: Route = {
  method: 'POST',
  path: '/api/cart/items',
  faultable: true,
  async handle(context) {
    const user = requireUser(context);
    const body = await readJsonBody(context.request);
    if (!isRecord(body) || typeof body['productId'] !== 'string') {
      throw new HttpError(400, 'body must be {"productId": string, "quantity": integer}');
    }
    const quantity = body['quantity'] ?? 1;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
      throw new HttpError(400, `quantity must be an integer from 1 to ${MAX_LINE_QUANTITY}`);
    }
    const product = findProduct(body['productId']);
    if (!product) throw new HttpError(404, `no product with id "${body['productId']}"`);
    const cart = context.store.addToCart(user.id, product.id, quantity);
    if (!cart) throw new HttpError(400, `at most ${MAX_LINE_QUANTITY} of one product fit in a cart`);
    return { status: 201, kind: 'cart', body: cartPayload(cart) };
  },
};

export const checkoutRoute: Route = {
  method: 'POST',
  path: '/api/checkout',
  faultable: true,
  handle(context) {
    const user = requireUser(context);
    const order = context.store.checkout(user.id);
    if (!order) throw new HttpError(400, 'the cart is empty');
    return { status: 201, kind: 'order', body: orderPayload(order) };
  },
};
