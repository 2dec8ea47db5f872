// A real demo shop for a test file: started before its tests on a free loopback port,
// closed after them.
import { afterAll, beforeAll } from 'vitest';
import { startShop, type RunningShop } from '../../src/demo/shop.ts';
import { DEMO_BUYER } from '../../src/demo/store.ts';

/** The demo buyer's credentials, as the returning-buyer persona reads them. */
export const BUYER_ENV = { SHOP_BUYER_EMAIL: DEMO_BUYER.email, SHOP_BUYER_PASSWORD: DEMO_BUYER.password };

/** The shop is there from `beforeAll` on; read it inside tests and hooks. */
export function useDemoShop(): { readonly shop: RunningShop } {
  const holder = {} as { shop: RunningShop };
  beforeAll(async () => {
    holder.shop = await startShop({ port: 0 });
  });
  afterAll(async () => {
    await holder.shop?.close();
  });
  return holder;
}
