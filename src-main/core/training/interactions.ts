import type { Db } from '../store/database.ts';

export const SECONDS_PER_DAY = 86_400;

/**
 * Purchase lines as parallel typed arrays, one entry per line. Returns are left out of the
 * training signal, because a return shows that the customer did not keep an item, not which
 * item they want instead. Customer-less lines have customer -1. They feed item statistics
 * (popularity, baskets) but never personal models or evaluation.
 */
export interface Interactions {
  size: number;
  customer: Int32Array;
  item: Int32Array;
  /** Unix day, floor(occurred_at / 86400). */
  day: Int32Array;
  order: Int32Array;
  /** Database ids behind the compact indices. */
  customerIds: number[];
  itemIds: number[];
  orderCount: number;
}

/**
 * Loads every purchase line of the workspace, except a customer's purchases of an item they
 * returned in full: those say what the customer did not want. `onRows` is called every 50,000
 * rows for progress.
 */
export function loadInteractions(db: Db, onRows?: (loaded: number, total: number) => void): Interactions {
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM events WHERE kind = 'purchase'`).get() as { n: number }).n;
  const returned = fullyReturnedPairs(db);
  const customer = new Int32Array(total);
  const item = new Int32Array(total);
  const day = new Int32Array(total);
  const order = new Int32Array(total);

  const customerIndex = new Map<number, number>();
  const itemIndex = new Map<number, number>();
  const orderIndex = new Map<number, number>();
  const customerIds: number[] = [];
  const itemIds: number[] = [];

  const rows = db
    .prepare(
      `SELECT customer_id, item_id, occurred_at, order_id FROM events
       WHERE kind = 'purchase' ORDER BY id`,
    )
    .raw()
    .iterate() as IterableIterator<[number | null, number, number, number]>;

  let size = 0;
  for (const [customerId, itemId, occurredAt, orderId] of rows) {
    if (size === total) break;
    if (customerId !== null && returned.has(pairKey(customerId, itemId))) continue;
    customer[size] = customerId === null ? -1 : indexOf(customerIndex, customerIds, customerId);
    item[size] = indexOf(itemIndex, itemIds, itemId);
    day[size] = Math.floor(occurredAt / SECONDS_PER_DAY);
    let orderSlot = orderIndex.get(orderId);
    if (orderSlot === undefined) {
      orderSlot = orderIndex.size;
      orderIndex.set(orderId, orderSlot);
    }
    order[size] = orderSlot;
    size += 1;
    if (size % 50_000 === 0) onRows?.(size, total);
  }

  return {
    size,
    customer: customer.subarray(0, size),
    item: item.subarray(0, size),
    day: day.subarray(0, size),
    order: order.subarray(0, size),
    customerIds,
    itemIds,
    orderCount: orderIndex.size,
  };
}

/** Customer and item row ids whose returned quantity is at least the purchased quantity. */
export function fullyReturnedPairs(db: Db): Set<string> {
  const rows = db
    .prepare(
      `SELECT r.customer_id, r.item_id
       FROM (SELECT DISTINCT customer_id, item_id FROM events WHERE kind = 'return' AND customer_id IS NOT NULL) r
       WHERE (SELECT SUM(CASE WHEN e.kind = 'purchase' THEN e.quantity ELSE -e.quantity END)
              FROM events e WHERE e.customer_id = r.customer_id AND e.item_id = r.item_id) <= 0`,
    )
    .raw()
    .all() as [number, number][];
  return new Set(rows.map(([customerId, itemId]) => pairKey(customerId, itemId)));
}

export function pairKey(customerId: number, itemId: number): string {
  return `${customerId}:${itemId}`;
}

function indexOf(index: Map<number, number>, ids: number[], id: number): number {
  let slot = index.get(id);
  if (slot === undefined) {
    slot = ids.length;
    index.set(id, slot);
    ids.push(id);
  }
  return slot;
}
