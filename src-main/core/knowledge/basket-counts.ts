import type { Db } from '../store/database.ts';

/**
 * Orders with more distinct items than this are not counted as baskets, as in training's
 * association rules: a 700-line wholesale restock says little about what goes together.
 */
export const MAX_BASKET_ITEMS = 200;

/** Change of one pair's counts, with the counts before, for the change report. */
export interface PairChange {
  item: number;
  other: number;
  ordersBefore: number;
  ordersAfter: number;
  customersDelta: number;
}

export interface BasketDelta {
  /** Change of the number of counted baskets (orders with 1..MAX_BASKET_ITEMS distinct items). */
  basketsDelta: number;
  /** Change of the number of counted baskets containing each item, by item id. */
  itemDelta: Map<number, number>;
  pairs: PairChange[];
}

interface TouchedOrder {
  customerId: number | null;
  before: number[];
  after: number[];
}

/** Pair key of two item ids (a < b); ids stay far below 2^26, so the key is an exact integer. */
const PAIR_FACTOR = 2 ** 26;
const pairKey = (a: number, b: number): number => (a < b ? a * PAIR_FACTOR + b : b * PAIR_FACTOR + a);

/**
 * Folds the purchase lines of import `importId` into the basket counts. An import can add lines
 * to an order an earlier import started (overlapping exports), so each touched order's basket
 * as it was before the import is subtracted and its basket after the import is added. Lines of
 * imports newer than `importId` are ignored, so imports can be applied one by one in id order
 * after the fact. Runs inside the caller's transaction.
 * NOTE: every pair seen is kept so that the counts stay exact. Three UCI months give about
 * 920,000 rows in item_pairs, and nothing prunes them yet.
 */
export function applyImportToBaskets(db: Db, importId: number): BasketDelta {
  const touched = readTouchedOrders(db, importId);
  const itemDelta = new Map<number, number>();
  const orderDelta = new Map<number, number>();
  let basketsDelta = 0;

  for (const order of touched.values()) {
    if (isCounted(order.before)) {
      basketsDelta -= 1;
      addBasket(order.before, -1, itemDelta, orderDelta);
    }
    if (isCounted(order.after)) {
      basketsDelta += 1;
      addBasket(order.after, 1, itemDelta, orderDelta);
    }
  }

  const customerDelta = countCustomerChanges(db, importId, touched);
  const pairs = writeCounts(db, basketsDelta, itemDelta, orderDelta, customerDelta);
  return { basketsDelta, itemDelta, pairs };
}

function isCounted(basket: number[]): boolean {
  return basket.length > 0 && basket.length <= MAX_BASKET_ITEMS;
}

function addBasket(basket: number[], sign: number, itemDelta: Map<number, number>, pairDelta: Map<number, number>): void {
  for (let i = 0; i < basket.length; i++) {
    const a = basket[i]!;
    itemDelta.set(a, (itemDelta.get(a) ?? 0) + sign);
    for (let j = i + 1; j < basket.length; j++) {
      const key = pairKey(a, basket[j]!);
      pairDelta.set(key, (pairDelta.get(key) ?? 0) + sign);
    }
  }
}

/**
 * Reads every order with a purchase line in this import, and its distinct items before and after
 * it. Events have no index on import_id or order_id (the importer keeps inserts cheap), so this
 * is one scan of the events table.
 */
function readTouchedOrders(db: Db, importId: number): Map<number, TouchedOrder> {
  const rows = db
    .prepare(
      `SELECT e.order_id AS orderId, e.item_id AS itemId, MIN(e.import_id) AS firstImport, o.customer_id AS customerId
       FROM events e JOIN orders o ON o.id = e.order_id
       WHERE e.kind = 'purchase' AND e.import_id <= ?
         AND e.order_id IN (SELECT order_id FROM events WHERE import_id = ? AND kind = 'purchase')
       GROUP BY e.order_id, e.item_id
       ORDER BY e.order_id, e.item_id`,
    )
    .all(importId, importId) as { orderId: number; itemId: number; firstImport: number; customerId: number | null }[];

  const orders = new Map<number, TouchedOrder>();
  for (const row of rows) {
    let order = orders.get(row.orderId);
    if (!order) {
      order = { customerId: row.customerId, before: [], after: [] };
      orders.set(row.orderId, order);
    }
    order.after.push(row.itemId);
    if (row.firstImport < importId) order.before.push(row.itemId);
  }
  return orders;
}

/**
 * Counts, per pair, the change in distinct customers with a counted basket containing both
 * items. Only pairs of this customer's touched orders can change, and a pair that one of the
 * customer's untouched orders also contains stays counted either way.
 */
function countCustomerChanges(db: Db, importId: number, touched: Map<number, TouchedOrder>): Map<number, number> {
  const byCustomer = new Map<number, number[]>();
  for (const [orderId, order] of touched) {
    if (order.customerId === null) continue;
    const list = byCustomer.get(order.customerId) ?? [];
    list.push(orderId);
    byCustomer.set(order.customerId, list);
  }

  const history = db.prepare(
    `SELECT order_id AS orderId, item_id AS itemId FROM events
     WHERE customer_id = ? AND kind = 'purchase' AND import_id <= ?
     GROUP BY order_id, item_id`,
  );
  const delta = new Map<number, number>();
  for (const [customerId, orderIds] of byCustomer) {
    const untouched = untouchedBasketsByItem(history.all(customerId, importId) as { orderId: number; itemId: number }[], touched);
    const before = pairsOf(orderIds.map((id) => touched.get(id)!.before));
    const after = pairsOf(orderIds.map((id) => touched.get(id)!.after));

    for (const key of new Set([...before, ...after])) {
      if (sharedByUntouched(untouched, key)) continue;
      const change = (after.has(key) ? 1 : 0) - (before.has(key) ? 1 : 0);
      if (change !== 0) delta.set(key, (delta.get(key) ?? 0) + change);
    }
  }
  return delta;
}

/** Maps each item to the customer's counted baskets outside this import's orders that contain it. */
function untouchedBasketsByItem(rows: { orderId: number; itemId: number }[], touched: Map<number, TouchedOrder>): Map<number, Set<number>> {
  const baskets = new Map<number, number[]>();
  for (const row of rows) {
    if (touched.has(row.orderId)) continue;
    const basket = baskets.get(row.orderId) ?? [];
    basket.push(row.itemId);
    baskets.set(row.orderId, basket);
  }

  const byItem = new Map<number, Set<number>>();
  for (const [orderId, basket] of baskets) {
    if (!isCounted(basket)) continue;
    for (const item of basket) {
      const set = byItem.get(item) ?? new Set<number>();
      set.add(orderId);
      byItem.set(item, set);
    }
  }
  return byItem;
}

function sharedByUntouched(byItem: Map<number, Set<number>>, key: number): boolean {
  const a = byItem.get(Math.floor(key / PAIR_FACTOR));
  const b = byItem.get(key % PAIR_FACTOR);
  if (!a || !b) return false;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const order of small) if (large.has(order)) return true;
  return false;
}

function pairsOf(baskets: number[][]): Set<number> {
  const keys = new Set<number>();
  for (const basket of baskets) {
    if (!isCounted(basket)) continue;
    for (let i = 0; i < basket.length; i++) {
      for (let j = i + 1; j < basket.length; j++) keys.add(pairKey(basket[i]!, basket[j]!));
    }
  }
  return keys;
}

function writeCounts(
  db: Db,
  basketsDelta: number,
  itemDelta: Map<number, number>,
  orderDelta: Map<number, number>,
  customerDelta: Map<number, number>,
): PairChange[] {
  db.prepare('UPDATE basket_totals SET baskets = baskets + ? WHERE id = 1').run(basketsDelta);

  const upsertItem = db.prepare(
    `INSERT INTO item_baskets (item_id, orders) VALUES (?, ?)
     ON CONFLICT (item_id) DO UPDATE SET orders = orders + excluded.orders`,
  );
  const deleteItem = db.prepare('DELETE FROM item_baskets WHERE item_id = ? AND orders <= 0');
  for (const [item, change] of itemDelta) {
    if (change === 0) continue;
    upsertItem.run(item, change);
    if (change < 0) deleteItem.run(item);
  }

  const upsertPair = db
    .prepare(
      `INSERT INTO item_pairs (item_id, other_item_id, orders, customers) VALUES (?, ?, ?, ?)
       ON CONFLICT (item_id, other_item_id) DO UPDATE
         SET orders = orders + excluded.orders, customers = customers + excluded.customers
       RETURNING orders`,
    )
    .pluck();
  const deletePair = db.prepare('DELETE FROM item_pairs WHERE item_id = ? AND other_item_id = ?');
  const changes: PairChange[] = [];
  for (const key of new Set([...orderDelta.keys(), ...customerDelta.keys()])) {
    const orders = orderDelta.get(key) ?? 0;
    const customers = customerDelta.get(key) ?? 0;
    if (orders === 0 && customers === 0) continue;

    const item = Math.floor(key / PAIR_FACTOR);
    const other = key % PAIR_FACTOR;
    const after = upsertPair.get(item, other, orders, customers) as number;
    if (after <= 0) deletePair.run(item, other);
    changes.push({ item, other, ordersBefore: after - orders, ordersAfter: after, customersDelta: customers });
  }
  return changes;
}
