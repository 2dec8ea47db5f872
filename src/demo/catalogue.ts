// The demo shop's fixed product range. Prices are kept in cents so totals never drift.

export const CATEGORIES = ['audio', 'computing', 'home', 'kitchen', 'outdoor', 'books'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CURRENCY = 'EUR';

export interface CatalogueProduct {
  readonly id: string;
  readonly name: string;
  readonly priceCents: number;
  readonly category: Category;
  readonly rating: number;
  readonly inStock: boolean;
}

export const CATALOGUE: readonly CatalogueProduct[] = [
  { id: 'p-1001', name: 'Aurora Wireless Headphones', priceCents: 12999, category: 'audio', rating: 4.6, inStock: true },
  { id: 'p-1002', name: 'Pulse Bluetooth Speaker', priceCents: 5990, category: 'audio', rating: 4.4, inStock: true },
  { id: 'p-1003', name: 'Studio Monitor Earbuds', priceCents: 8900, category: 'audio', rating: 4.1, inStock: true },
  { id: 'p-1004', name: 'Classic Belt-Drive Turntable', priceCents: 21900, category: 'audio', rating: 4.7, inStock: false },
  { id: 'p-1005', name: 'Slimline Aluminium Laptop Stand', priceCents: 3495, category: 'computing', rating: 4.3, inStock: true },
  { id: 'p-1006', name: 'Tenkeyless Mechanical Keyboard', priceCents: 9990, category: 'computing', rating: 4.5, inStock: true },
  { id: 'p-1007', name: 'Ergonomic Wireless Mouse', priceCents: 4450, category: 'computing', rating: 4.2, inStock: true },
  { id: 'p-1008', name: 'USB-C Docking Station', priceCents: 14900, category: 'computing', rating: 3.9, inStock: true },
  { id: 'p-1009', name: 'Linen Throw Blanket', priceCents: 4900, category: 'home', rating: 4.8, inStock: true },
  { id: 'p-1010', name: 'Ceramic Table Lamp', priceCents: 7490, category: 'home', rating: 4.0, inStock: true },
  { id: 'p-1011', name: 'Scented Soy Candle Set', priceCents: 2499, category: 'home', rating: 4.6, inStock: true },
  { id: 'p-1012', name: 'Oak Floating Wall Shelf', priceCents: 3995, category: 'home', rating: 3.8, inStock: false },
  { id: 'p-1013', name: 'Cast Iron Skillet 28 cm', priceCents: 4200, category: 'kitchen', rating: 4.9, inStock: true },
  { id: 'p-1014', name: 'Pour-Over Coffee Kit', priceCents: 3650, category: 'kitchen', rating: 4.5, inStock: true },
  { id: 'p-1015', name: "Chef's Knife 20 cm", priceCents: 7900, category: 'kitchen', rating: 4.7, inStock: true },
  { id: 'p-1016', name: 'Bamboo Cutting Board', priceCents: 1999, category: 'kitchen', rating: 4.2, inStock: true },
  { id: 'p-1017', name: 'Ultralight Trail Backpack 30 L', priceCents: 8995, category: 'outdoor', rating: 4.4, inStock: true },
  { id: 'p-1018', name: 'Insulated Water Bottle 750 ml', priceCents: 2490, category: 'outdoor', rating: 4.6, inStock: true },
  { id: 'p-1019', name: 'Two-Person Dome Tent', priceCents: 16900, category: 'outdoor', rating: 4.3, inStock: false },
  { id: 'p-1020', name: 'Carbon Trekking Poles (Pair)', priceCents: 5400, category: 'outdoor', rating: 4.1, inStock: true },
  { id: 'p-1021', name: 'The Patient Gardener', priceCents: 2250, category: 'books', rating: 4.5, inStock: true },
  { id: 'p-1022', name: 'Field Guide to Mountain Birds', priceCents: 1890, category: 'books', rating: 4.8, inStock: true },
  { id: 'p-1023', name: 'Slow Cooking Through the Seasons', priceCents: 2995, category: 'books', rating: 4.2, inStock: true },
  { id: 'p-1024', name: 'A Short History of Maps', priceCents: 1699, category: 'books', rating: 4.0, inStock: true },
];

/** Best sellers first: what a user without history is recommended. */
export const POPULARITY: readonly string[] = [
  'p-1002', 'p-1018', 'p-1014', 'p-1007', 'p-1001', 'p-1011',
  'p-1016', 'p-1006', 'p-1013', 'p-1009', 'p-1022', 'p-1005',
  'p-1017', 'p-1015', 'p-1003', 'p-1021', 'p-1010', 'p-1020',
  'p-1023', 'p-1024', 'p-1008', 'p-1012', 'p-1019', 'p-1004',
];

const BY_ID: ReadonlyMap<string, CatalogueProduct> = new Map(CATALOGUE.map((product) => [product.id, product]));

export function findProduct(id: string): CatalogueProduct | undefined {
  return BY_ID.get(id);
}

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** 0 for the best seller, growing down the list. */
export function popularityRank(id: string): number {
  const rank = POPULARITY.indexOf(id);
  return rank === -1 ? POPULARITY.length : rank;
}

const MINUTE_MS = 60_000;

/**
 * When a product was last updated, relative to the response: always within the last hour,
 * and stable per product, so freshness rules pass on a healthy shop at any time of day.
 */
export function productUpdatedAt(id: string, now: Date): Date {
  const index = CATALOGUE.findIndex((product) => product.id === id);
  const minutesAgo = 5 + ((Math.max(index, 0) * 13) % 50);
  return new Date(now.getTime() - minutesAgo * MINUTE_MS);
}
