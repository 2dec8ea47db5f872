// The JSON shapes the demo shop answers with, built from its domain objects at response time.

import { CURRENCY, findProduct, productUpdatedAt } from './catalogue.ts';
import type { CatalogueProduct, Category } from './catalogue.ts';
import type { RecommendationSet, Strategy } from './recommend.ts';
import type { Cart, Order, User } from './store.ts';

export interface ProductPayload {
  id: string;
  name: string;
  price: number;
  currency: typeof CURRENCY;
  category: Category;
  rating: number;
  inStock: boolean;
  imageUrl: string;
  updatedAt: string;
}

export interface RecommendationPayload extends ProductPayload {
  score: number;
}

export interface RecommendationsPayload {
  userId: string;
  strategy: Strategy;
  items: RecommendationPayload[];
  generatedAt: string;
}

export interface LinePayload {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: number;
}

export interface CartPayload {
  id: string;
  items: LinePayload[];
  total: number;
}

export interface OrderPayload {
  id: string;
  status: Order['status'];
  items: LinePayload[];
  total: number;
  createdAt: string;
}

export interface UserPayload {
  id: string;
  name: string;
  email: string;
}

export function productPayload(product: CatalogueProduct, now: Date): ProductPayload {
  return {
    id: product.id,
    name: product.name,
    price: toMoney(product.priceCents),
    currency: CURRENCY,
    category: product.category,
    rating: product.rating,
    inStock: product.inStock,
    imageUrl: `/images/${product.id}.jpg`,
    updatedAt: productUpdatedAt(product.id, now).toISOString(),
  };
}

export function recommendationsPayload(userId: string, set: RecommendationSet, now: Date): RecommendationsPayload {
  return {
    userId,
    strategy: set.strategy,
    items: set.items.map(({ product, score }) => ({ ...productPayload(product, now), score })),
    generatedAt: now.toISOString(),
  };
}

export function cartPayload(cart: Cart): CartPayload {
  let totalCents = 0;
  const items = cart.lines.map((line): LinePayload => {
    const product = findProduct(line.productId) as CatalogueProduct;
    totalCents += line.quantity * product.priceCents;
    return { productId: product.id, name: product.name, quantity: line.quantity, unitPrice: toMoney(product.priceCents) };
  });
  return { id: cart.id, items, total: toMoney(totalCents) };
}

export function orderPayload(order: Order): OrderPayload {
  return {
    id: order.id,
    status: order.status,
    items: order.lines.map((line) => ({
      productId: line.productId,
      name: line.name,
      quantity: line.quantity,
      unitPrice: toMoney(line.unitPriceCents),
    })),
    total: toMoney(order.totalCents),
    createdAt: order.createdAt.toISOString(),
  };
}

export function userPayload(user: User): UserPayload {
  return { id: user.id, name: user.name, email: user.email };
}

function toMoney(cents: number): number {
  return Math.round(cents) / 100;
}
