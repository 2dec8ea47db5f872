// A fault that reaches a share of users rather than all of them: `empty-recs-new-users=0.3`
// empties the recommendations of 30% of new users. Which users is decided by hashing the
// shop's seed with the user id, so a shop started with the same seed breaks the same users,
// whatever the order or concurrency of requests, and one user gets the same answer on every
// request, as with a real bug that hits a segment.

import { UnknownFaultError, isFaultName } from './faults.ts';
import type { FaultName } from './faults.ts';

/** Faults that can reach a share of users; every other fault reaches every request. */
export const PARTIAL_FAULTS = ['empty-recs-new-users'] as const satisfies readonly FaultName[];
export type PartialFaultName = (typeof PARTIAL_FAULTS)[number];

/** The share (0 < share ≤ 1) of users each partial fault reaches; a fault not listed reaches all. */
export type FaultShares = Partial<Record<PartialFaultName, number>>;

/** A fault as the command line names it: `empty-recs-new-users` or `empty-recs-new-users=0.3`. */
export interface FaultSetting {
  fault: FaultName;
  share?: number;
}

export function isPartialFault(fault: FaultName): fault is PartialFaultName {
  return (PARTIAL_FAULTS as readonly string[]).includes(fault);
}

const SHARE_RANGE = 'the share is a number above 0 and at most 1, e.g. 0.3';

export class InvalidFaultShareError extends Error {
  override readonly name = 'InvalidFaultShareError';
  constructor(
    readonly fault: string,
    readonly share: string,
    reason: string,
  ) {
    super(`fault "${fault}=${share}": ${reason}`);
  }
}

export function parseFaultSetting(text: string): FaultSetting {
  const [name = '', share] = text.split(/=(.*)/s, 2);
  if (!isFaultName(name)) throw new UnknownFaultError(name);
  if (share === undefined) return { fault: name };
  if (!isPartialFault(name)) {
    throw new InvalidFaultShareError(name, share, `only ${PARTIAL_FAULTS.join(', ')} can reach a share of users`);
  }
  const value = Number(share);
  if (share.trim() === '' || !inRange(value)) throw new InvalidFaultShareError(name, share, SHARE_RANGE);
  return { fault: name, share: value };
}

/** Checks shares at run time too: they may come from a command line. */
export function checkFaultShares(shares: FaultShares): FaultShares {
  for (const [fault, share] of Object.entries(shares)) {
    if (!isFaultName(fault)) throw new UnknownFaultError(fault);
    if (!isPartialFault(fault)) {
      throw new InvalidFaultShareError(fault, String(share), `only ${PARTIAL_FAULTS.join(', ')} can reach a share of users`);
    }
    if (!(typeof share === 'number' && inRange(share))) {
      throw new InvalidFaultShareError(fault, String(share), SHARE_RANGE);
    }
  }
  return { ...shares };
}

function inRange(share: number): boolean {
  return share > 0 && share <= 1;
}

/** Faults and shares as `startShop` and `setFaults` take them; a later setting of a fault wins. */
export function splitFaultSettings(settings: readonly FaultSetting[]): { faults: FaultName[]; shares: FaultShares } {
  const faults = new Set<FaultName>();
  const shares: FaultShares = {};
  for (const { fault, share } of settings) {
    faults.add(fault);
    if (isPartialFault(fault)) {
      if (share === undefined) delete shares[fault];
      else shares[fault] = share;
    }
  }
  return { faults: [...faults], shares };
}

/** `empty-recs-new-users=0.3`, or the bare name when the fault reaches everyone. */
export function formatFaultSetting(fault: FaultName, shares: FaultShares): string {
  const share = isPartialFault(fault) ? shares[fault] : undefined;
  return share === undefined ? fault : `${fault}=${share}`;
}

/** Whether a partial fault reaches this user: the same answer for the same seed, fault and user. */
export function faultReaches(shares: FaultShares, seed: number, fault: PartialFaultName, userId: string): boolean {
  const share = shares[fault];
  if (share === undefined || share >= 1) return true;
  return hashToUnit(`${seed >>> 0}/${fault}/${userId}`) < share;
}

/** FNV-1a, then MurmurHash3's finaliser so that nearby ids (`u-2001`, `u-2002`) spread evenly over [0, 1). */
export function hashToUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

