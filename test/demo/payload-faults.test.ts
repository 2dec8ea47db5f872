import { describe, expect, it } from 'vitest';
import type { FaultName } from '../../src/demo/faults.ts';
import { applyPayloadFaults, STALE_BY_MS } from '../../src/demo/payload-faults.ts';

const product = (id: string, price: number) => ({ id, name: `Product ${id}`, price, updatedAt: '2030-01-10T00:00:00.000Z' });
const line = (productId: string, unitPrice: number) => ({ productId, name: `Product ${productId}`, quantity: 1, unitPrice });
const faults = (...names: FaultName[]): ReadonlySet<FaultName> => new Set(names);

describe('applyPayloadFaults', () => {
  it('returns a changed copy and leaves the healthy payload alone', () => {
    const healthy = { items: [product('p-1', 10), product('p-2', 20)], total: 2 };
    const snapshot = structuredClone(healthy);
    const faulted = applyPayloadFaults('products', healthy, faults('null-ids', 'duplicate-items', 'missing-field'));
    expect(healthy).toEqual(snapshot);
    expect(faulted).toEqual({
      items: [
        { id: null, price: 10, updatedAt: '2030-01-10T00:00:00.000Z' },
        { id: null, price: 10, updatedAt: '2030-01-10T00:00:00.000Z' },
        { id: null, price: 20, updatedAt: '2030-01-10T00:00:00.000Z' },
      ],
      total: 2,
    });
  });

  it('never touches payloads without products', () => {
    const health = { status: 'ok', items: [{ price: 1 }] };
    expect(applyPayloadFaults('plain', health, faults('wrong-types', 'duplicate-items', 'null-ids'))).toEqual(health);
  });

  it('spoils prices before typing them, so bad prices and wrong types combine', () => {
    const faulted = applyPayloadFaults('search', { query: 'x', items: [product('p-1', 10), product('p-2', 20.5)], total: 2 }, faults('wrong-types', 'bad-prices'));
    expect((faulted as { items: Array<{ price: unknown }> }).items.map((item) => item.price)).toEqual(['0.00', '-20.50']);
  });

  it('empties only popular recommendations, before duplicating', () => {
    const payload = (strategy: string) => ({ userId: 'u-1', strategy, items: [product('p-1', 1)], generatedAt: '2030-01-10T00:00:00.000Z' });
    const popular = applyPayloadFaults('recommendations', payload('popular'), faults('empty-recs-new-users', 'duplicate-items'));
    const personalised = applyPayloadFaults('recommendations', payload('personalised'), faults('empty-recs-new-users'));
    expect((popular as { items: unknown[] }).items).toEqual([]);
    expect((personalised as { items: unknown[] }).items).toHaveLength(1);
  });

  it('ages product and recommendation timestamps by 3 days', () => {
    const faulted = applyPayloadFaults(
      'recommendations',
      { userId: 'u-1', strategy: 'popular', items: [product('p-1', 1)], generatedAt: '2030-01-10T00:00:00.000Z' },
      faults('stale-data'),
    ) as { items: Array<{ updatedAt: string }>; generatedAt: string };
    expect(STALE_BY_MS).toBe(3 * 86_400_000);
    expect(faulted.generatedAt).toBe('2030-01-07T00:00:00.000Z');
    expect(faulted.items[0]?.updatedAt).toBe('2030-01-07T00:00:00.000Z');
  });

  it('reaches the lines of every order in an order history', () => {
    const history = { items: [{ id: 'o-1', items: [line('p-1', 5)] }, { id: 'o-2', items: [line('p-2', 7)] }] };
    const faulted = applyPayloadFaults('orders', history, faults('wrong-types', 'null-ids')) as typeof history;
    expect(faulted.items.flatMap((order) => order.items)).toEqual([
      { productId: null, name: 'Product p-1', quantity: 1, unitPrice: '5.00' },
      { productId: null, name: 'Product p-2', quantity: 1, unitPrice: '7.00' },
    ]);
  });
});
