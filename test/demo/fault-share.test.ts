import { afterEach, describe, expect, it } from 'vitest';
import {
  checkFaultShares,
  faultReaches,
  formatFaultSetting,
  hashToUnit,
  InvalidFaultShareError,
  parseFaultSetting,
  PARTIAL_FAULTS,
  splitFaultSettings,
} from '../../src/demo/fault-share.ts';
import { UnknownFaultError } from '../../src/demo/faults.ts';
import { applyPayloadFaults } from '../../src/demo/payload-faults.ts';
import { startShop, type RunningShop, type ShopOptions } from '../../src/demo/shop.ts';
import { VERSION_FAULTS } from '../../src/demo/versions.ts';
import { buyerToken, call, newUserToken } from './shop-client.ts';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('fault settings', () => {
  it('parse a fault with or without a share of users', () => {
    expect(parseFaultSetting('slow')).toEqual({ fault: 'slow' });
    expect(parseFaultSetting('empty-recs-new-users')).toEqual({ fault: 'empty-recs-new-users' });
    expect(parseFaultSetting('empty-recs-new-users=0.3')).toEqual({ fault: 'empty-recs-new-users', share: 0.3 });
    expect(parseFaultSetting('empty-recs-new-users=1')).toEqual({ fault: 'empty-recs-new-users', share: 1 });
    expect(PARTIAL_FAULTS).toEqual(['empty-recs-new-users']);
  });

  it('name what is wrong with a setting', () => {
    expect(thrown(() => parseFaultSetting('sloww=0.3'))).toBeInstanceOf(UnknownFaultError);
    const messages = ['slow=0.5', 'empty-recs-new-users=0', 'empty-recs-new-users=1.5', 'empty-recs-new-users=', 'empty-recs-new-users=lots'].map(
      (text) => {
        const error = thrown(() => parseFaultSetting(text));
        expect(error).toBeInstanceOf(InvalidFaultShareError);
        return (error as Error).message;
      },
    );
    expect(messages).toEqual([
      'fault "slow=0.5": only empty-recs-new-users can reach a share of users',
      'fault "empty-recs-new-users=0": the share is a number above 0 and at most 1, e.g. 0.3',
      'fault "empty-recs-new-users=1.5": the share is a number above 0 and at most 1, e.g. 0.3',
      'fault "empty-recs-new-users=": the share is a number above 0 and at most 1, e.g. 0.3',
      'fault "empty-recs-new-users=lots": the share is a number above 0 and at most 1, e.g. 0.3',
    ]);
    expect((thrown(() => checkFaultShares({ 'empty-recs-new-users': -1 })) as Error).message).toBe(
      'fault "empty-recs-new-users=-1": the share is a number above 0 and at most 1, e.g. 0.3',
    );
  });

  it('split into faults and shares, a later setting of a fault winning', () => {
    expect(splitFaultSettings([{ fault: 'slow' }, { fault: 'empty-recs-new-users', share: 0.3 }])).toEqual({
      faults: ['slow', 'empty-recs-new-users'],
      shares: { 'empty-recs-new-users': 0.3 },
    });
    expect(splitFaultSettings([{ fault: 'empty-recs-new-users', share: 0.3 }, { fault: 'empty-recs-new-users' }])).toEqual({
      faults: ['empty-recs-new-users'],
      shares: {},
    });
    expect(formatFaultSetting('empty-recs-new-users', { 'empty-recs-new-users': 0.3 })).toBe('empty-recs-new-users=0.3');
    expect(formatFaultSetting('slow', { 'empty-recs-new-users': 0.3 })).toBe('slow');
  });
});

describe('which users a share reaches', () => {
  const users = Array.from({ length: 10_000 }, (_, i) => `u-${2001 + i}`);
  const reached = (seed: number, share = 0.3) => users.filter((u) => faultReaches({ 'empty-recs-new-users': share }, seed, 'empty-recs-new-users', u));

  it('about the share, the same users for the same seed, others for another seed', () => {
    const first = reached(1);
    // 10 000 users at 30%: within four standard deviations (±183) of 3000.
    expect(Math.abs(first.length - 3000)).toBeLessThan(183);
    expect(reached(1)).toEqual(first);
    const second = new Set(reached(2));
    const overlap = first.filter((u) => second.has(u)).length;
    // Independent draws overlap in about 0.3 × 0.3 of users.
    expect(Math.abs(overlap - 900)).toBeLessThan(120);
  });

  it('every user without a share, or with a share of 1', () => {
    expect(users.every((u) => faultReaches({}, 5, 'empty-recs-new-users', u))).toBe(true);
    expect(reached(5, 1)).toHaveLength(users.length);
  });

  it('hashes spread evenly over [0, 1)', () => {
    const values = users.map((u) => hashToUnit(u));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Math.abs(values.filter((v) => v < 0.5).length - 5000)).toBeLessThan(200);
  });

  it('applyPayloadFaults asks for the user of a recommendations payload', () => {
    const payload = { userId: 'u-2001', strategy: 'popular', items: [{ id: 'p-1' }], generatedAt: '2030-01-10T00:00:00.000Z' };
    const asked: string[] = [];
    const spared = applyPayloadFaults('recommendations', payload, new Set(['empty-recs-new-users']), (fault, user) => {
      asked.push(`${fault} ${user}`);
      return false;
    });
    expect((spared as { items: unknown[] }).items).toHaveLength(1);
    expect(asked).toEqual(['empty-recs-new-users u-2001']);
    const hit = applyPayloadFaults('recommendations', payload, new Set(['empty-recs-new-users']), () => true);
    expect((hit as { items: unknown[] }).items).toEqual([]);
  });
});

describe('the demo shop with a share, a seed and a version', () => {
  const shops: RunningShop[] = [];
  afterEach(async () => {
    await Promise.all(shops.splice(0).map((shop) => shop.close()));
  });
  const shop = async (options: ShopOptions) => {
    const started = await startShop(options);
    shops.push(started);
    return started;
  };
  /** Which of `count` fresh users, in creation order, get an empty list. */
  const emptyPattern = async (url: string, count: number) => {
    const pattern: boolean[] = [];
    for (let i = 0; i < count; i += 1) {
      const token = await newUserToken(url);
      const first = await call(url, '/api/recommendations', { token });
      const again = await call(url, '/api/recommendations', { token });
      const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);
      expect(ids(again.json.items)).toEqual(ids(first.json.items));
      pattern.push(first.json.items.length === 0);
    }
    return pattern;
  };

  it('empties the recommendations of the same new users for the same seed, each user consistently', async () => {
    const options: ShopOptions = { faults: ['empty-recs-new-users'], faultShares: { 'empty-recs-new-users': 0.3 }, seed: 9 };
    const [a, b, c] = await Promise.all([shop(options), shop(options), shop({ ...options, seed: 10 })]);
    const pattern = await emptyPattern(a.url, 60);
    expect(await emptyPattern(b.url, 60)).toEqual(pattern);
    expect(await emptyPattern(c.url, 60)).not.toEqual(pattern);
    const empties = pattern.filter(Boolean).length;
    expect(empties).toBeGreaterThan(6);
    expect(empties).toBeLessThan(30);
    // The returning buyer has history: the fault never reaches personalised picks.
    const buyer = await call(a.url, '/api/recommendations', { token: await buyerToken(a.url) });
    expect(buyer.json.items).toHaveLength(6);
  });

  it('v2 is the incident for every new user; v1 is healthy', async () => {
    expect(VERSION_FAULTS).toEqual({ v1: [], v2: ['empty-recs-new-users'] });
    const [v1, v2] = await Promise.all([shop({ version: 'v1' }), shop({ version: 'v2' })]);
    expect([...v2.faults]).toEqual(['empty-recs-new-users']);
    expect([...v1.faults]).toEqual([]);
    expect(await emptyPattern(v2.url, 5)).toEqual([true, true, true, true, true]);
    expect(await emptyPattern(v1.url, 5)).toEqual([false, false, false, false, false]);
  });

  it('setFaults replaces faults and shares; the old one-argument form reaches everyone', async () => {
    const running = await shop({ faults: ['empty-recs-new-users'], faultShares: { 'empty-recs-new-users': 0.3 } });
    expect(running.faultShares).toEqual({ 'empty-recs-new-users': 0.3 });
    running.setFaults(['empty-recs-new-users']);
    expect(running.faultShares).toEqual({});
    expect(await emptyPattern(running.url, 4)).toEqual([true, true, true, true]);
    expect(thrown(() => running.setFaults(['slow'], { 'empty-recs-new-users': 2 }))).toBeInstanceOf(InvalidFaultShareError);
  });
});
