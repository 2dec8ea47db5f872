// Releases of the demo shop for the canary demo: `v1` is healthy, `v2` is the incident's
// release, which answers new users' recommendations with an empty list.

import type { FaultName } from './faults.ts';

export const SHOP_VERSIONS = ['v1', 'v2'] as const;
export type ShopVersion = (typeof SHOP_VERSIONS)[number];

/** The faults each release ships with. */
export const VERSION_FAULTS: Readonly<Record<ShopVersion, readonly FaultName[]>> = {
  v1: [],
  v2: ['empty-recs-new-users'],
};
