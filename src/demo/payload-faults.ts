// Faults that keep the answer a well-formed 200 but make its content wrong: the failures
// status-code monitoring cannot see.

import type { PartialFaultName } from './fault-share.ts';
import type { FaultName } from './faults.ts';
import { isRecord } from './request-body.ts';
import type { PayloadKind } from './route.ts';

export const STALE_BY_MS = 3 * 86_400_000;

type JsonRecord = Record<string, unknown>;

/** Where a product's fields live: catalogue items and cart or order lines name them differently. */
interface ProductFields {
  id: string;
  name: string;
  price: string;
  updatedAt?: string;
}

const CATALOGUE_ITEM: ProductFields = { id: 'id', name: 'name', price: 'price', updatedAt: 'updatedAt' };
const LINE_ITEM: ProductFields = { id: 'productId', name: 'name', price: 'unitPrice' };

interface ProductRef {
  record: JsonRecord;
  fields: ProductFields;
}

/** Whether a fault that may reach only a share of users reaches this one; by default every user. */
export type FaultReach = (fault: PartialFaultName, userId: string) => boolean;

const EVERY_USER: FaultReach = () => true;

/**
 * Returns a faulted copy of a healthy payload; the original is left alone.
 * Applied in an order that lets faults combine: lists are emptied or grown before their
 * items are spoilt, and prices are spoilt before they are turned into strings.
 */
export function applyPayloadFaults(
  kind: PayloadKind,
  payload: unknown,
  faults: ReadonlySet<FaultName>,
  reaches: FaultReach = EVERY_USER,
): unknown {
  const body = structuredClone(payload);
  if (!isRecord(body)) return body;

  if (
    faults.has('empty-recs-new-users') &&
    kind === 'recommendations' &&
    body['strategy'] === 'popular' &&
    reaches('empty-recs-new-users', String(body['userId']))
  ) {
    body['items'] = [];
  }
  if (faults.has('duplicate-items')) {
    for (const list of listsIn(kind, body)) {
      if (list.length > 0) list.splice(1, 0, structuredClone(list[0]));
    }
  }
  if (faults.has('stale-data')) {
    if (kind === 'recommendations') body['generatedAt'] = makeStale(body['generatedAt']);
    for (const { record, fields } of productsIn(kind, body)) {
      if (fields.updatedAt) record[fields.updatedAt] = makeStale(record[fields.updatedAt]);
    }
  }
  const products = productsIn(kind, body);
  if (faults.has('bad-prices')) {
    products.forEach(({ record, fields }, index) => {
      const price = record[fields.price];
      if (typeof price === 'number') record[fields.price] = index === 0 ? 0 : -price;
    });
  }
  for (const { record, fields } of products) {
    if (faults.has('null-ids')) record[fields.id] = null;
    if (faults.has('missing-field')) delete record[fields.name];
    const price = record[fields.price];
    if (faults.has('wrong-types') && typeof price === 'number') record[fields.price] = price.toFixed(2);
  }
  return body;
}

function listsIn(kind: PayloadKind, body: JsonRecord): unknown[][] {
  const items = body['items'];
  if (kind === 'plain' || kind === 'product' || !Array.isArray(items)) return [];
  return [items];
}

function productsIn(kind: PayloadKind, body: JsonRecord): ProductRef[] {
  const records = (value: unknown): JsonRecord[] => (Array.isArray(value) ? value.filter(isRecord) : []);
  const as = (fields: ProductFields) => (record: JsonRecord): ProductRef => ({ record, fields });
  switch (kind) {
    case 'plain':
      return [];
    case 'product':
      return [{ record: body, fields: CATALOGUE_ITEM }];
    case 'products':
    case 'search':
    case 'recommendations':
      return records(body['items']).map(as(CATALOGUE_ITEM));
    case 'cart':
    case 'order':
      return records(body['items']).map(as(LINE_ITEM));
    case 'orders':
      return records(body['items']).flatMap((order) => records(order['items'])).map(as(LINE_ITEM));
  }
}

function makeStale(timestamp: unknown): unknown {
  if (typeof timestamp !== 'string') return timestamp;
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? timestamp : new Date(time - STALE_BY_MS).toISOString();
}
