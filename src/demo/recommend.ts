// The recommendation engine the incident was about: personalised picks for buyers with history,
// best sellers for everyone else. Only products in stock are picked: a recommendation nobody
// can buy is a wasted slot.

import { CATALOGUE, findProduct, popularityRank, POPULARITY } from './catalogue.ts';
import type { CatalogueProduct, Category } from './catalogue.ts';
import type { Order } from './store.ts';

export const RECOMMENDATION_COUNT = 6;

export const STRATEGIES = ['personalised', 'popular'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface ScoredProduct {
  readonly product: CatalogueProduct;
  /** 0..1, higher first. */
  readonly score: number;
}

export interface RecommendationSet {
  readonly strategy: Strategy;
  readonly items: readonly ScoredProduct[];
}

const AFFINITY_WEIGHT = 0.6;
const POPULARITY_WEIGHT = 0.4;

export function recommend(orders: readonly Order[]): RecommendationSet {
  if (orders.length === 0) return { strategy: 'popular', items: popular() };
  return { strategy: 'personalised', items: personalised(orders) };
}

function popular(): ScoredProduct[] {
  return POPULARITY.map((id) => findProduct(id) as CatalogueProduct)
    .filter((product) => product.inStock)
    .slice(0, RECOMMENDATION_COUNT)
    .map((product) => ({ product, score: round3(popularityScore(product.id)) }));
}

function personalised(orders: readonly Order[]): ScoredProduct[] {
  const bought = new Set<string>();
  const quantityByCategory = new Map<Category, number>();
  for (const line of orders.flatMap((order) => order.lines)) {
    bought.add(line.productId);
    const category = findProduct(line.productId)?.category;
    if (category) quantityByCategory.set(category, (quantityByCategory.get(category) ?? 0) + line.quantity);
  }
  const strongest = Math.max(1, ...quantityByCategory.values());
  const score = (product: CatalogueProduct): number =>
    round3(
      AFFINITY_WEIGHT * ((quantityByCategory.get(product.category) ?? 0) / strongest) +
        POPULARITY_WEIGHT * popularityScore(product.id),
    );
  const byScore = (a: ScoredProduct, b: ScoredProduct): number =>
    b.score - a.score || popularityRank(a.product.id) - popularityRank(b.product.id);

  const fresh = CATALOGUE.filter((product) => product.inStock && !bought.has(product.id))
    .map((product) => ({ product, score: score(product) }))
    .sort(byScore);
  // Someone who bought nearly everything still gets a full row; re-buys come last.
  const rebuys = CATALOGUE.filter((product) => product.inStock && bought.has(product.id))
    .map((product) => ({ product, score: Math.min(score(product), fresh.at(-1)?.score ?? 1) }))
    .sort(byScore);
  return [...fresh, ...rebuys].slice(0, RECOMMENDATION_COUNT);
}

/** 1 for the best seller down to 0.2 for the least popular: never 0, so every pick has a score. */
function popularityScore(id: string): number {
  return 1 - (0.8 * popularityRank(id)) / (POPULARITY.length - 1);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
