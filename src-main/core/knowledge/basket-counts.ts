import type { Db } from '../store/database.ts';
import { DeferredIndexes } from '../store/deferred-indexes.ts';
import { difference, mergeByKey, pairItems, PairTally, type PairCounts } from './pair-tally.ts';

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
  /** Number of pairs whose counts changed. */
  pairsChanged: number;
  /**
   * The changed pairs in at least `reportSupport` of the counted baskets after the import: only
   * these can be strong association rules, which is what change reports list.
   */
  pairs: PairChange[];
}

interface TouchedOrder {
  customerId: number | null;
  before: number[];
  after: number[];
}

/** Sorted distinct pair keys with the change of each. */
interface PairDeltas {
  keys: Float64Array;
  changes: Int32Array;
}

/**
 * Folds the purchase lines of import `importId` into the basket counts. An import can add lines
 * to an order an earlier import started (overlapping exports), so each touched order's basket
 * as it was before the import is subtracted and its basket after the import is added. Lines of
 * imports newer than `importId` are ignored, so imports can be applied one by one in id order
 * after the fact. Runs inside the caller's transaction. `reportSupport` is the share of baskets
 * from which a changed pair is returned in `pairs` (0 returns all of them).
 * NOTE: every pair seen is kept so that the counts stay exact. Three UCI months give about
 * 920,000 rows in item_pairs, and nothing prunes them yet.
 */
export function applyImportToBaskets(db: Db, importId: number, options: { reportSupport?: number } = {}): BasketDelta {
  const touched = readTouchedOrders(db, importId);
  const itemDelta = new Map<number, number>();
  // Sized to fit, because a list that doubles to grow holds up to twice its pairs, and three
  // times while it is copied: the first UCI import has 10.9 million pair occurrences.
  const added = new PairTally(pairOccurrences(touched.values(), (order) => order.after));
  const removed = new PairTally(pairOccurrences(touched.values(), (order) => order.before));
  let basketsDelta = 0;

  for (const order of touched.values()) {
    if (isCounted(order.before)) {
      basketsDelta -= 1;
      addItems(order.before, -1, itemDelta);
      removed.addBasket(order.before);
    }
    if (isCounted(order.after)) {
      basketsDelta += 1;
      addItems(order.after, 1, itemDelta);
      added.addBasket(order.after);
    }
  }

  const orderDeltas = difference(added.count(), removed.count());
  const customerDeltas = countCustomerChanges(db, importId, touched);
  return writeCounts(db, { basketsDelta, itemDelta, orderDeltas, customerDeltas, reportSupport: options.reportSupport ?? 0 });
}

/** Counts the pairs in the counted baskets that `basketOf` picks from each order. */
function pairOccurrences(orders: Iterable<TouchedOrder>, basketOf: (order: TouchedOrder) => number[]): number {
  let pairs = 0;
  for (const order of orders) {
    const basket = basketOf(order);
    if (isCounted(basket)) pairs += (basket.length * (basket.length - 1)) / 2;
  }
  return pairs;
}

function isCounted(basket: number[]): boolean {
  return basket.length > 0 && basket.length <= MAX_BASKET_ITEMS;
}

function addItems(basket: number[], sign: number, itemDelta: Map<number, number>): void {
  for (const item of basket) itemDelta.set(item, (itemDelta.get(item) ?? 0) + sign);
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
    .iterate(importId, importId) as IterableIterator<{ orderId: number; itemId: number; firstImport: number; customerId: number | null }>;

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
function countCustomerChanges(db: Db, importId: number, touched: Map<number, TouchedOrder>): PairDeltas {
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
  // Events are stored in import order, so when the oldest is from this import, no customer has
  // an order from before it and every basket of theirs is in `touched`.
  const oldestImport = db.prepare('SELECT import_id FROM events ORDER BY id LIMIT 1').pluck().get() as number | undefined;
  const hasEarlierOrders = oldestImport !== undefined && oldestImport < importId;
  const gained = new PairTally();
  const lost = new PairTally();
  const before = new PairTally();
  const after = new PairTally();
  for (const [customerId, orderIds] of byCustomer) {
    const untouched = hasEarlierOrders
      ? untouchedBasketsByItem(history.all(customerId, importId) as { orderId: number; itemId: number }[], touched)
      : new Map<number, Set<number>>();
    for (const id of orderIds) {
      const order = touched.get(id)!;
      if (isCounted(order.before)) before.addBasket(order.before);
      if (isCounted(order.after)) after.addBasket(order.after);
    }
    // Each pair counts once per customer, however many of the customer's baskets contain it.
    const { keys, changes } = difference(distinct(after), distinct(before));
    for (let i = 0; i < keys.length; i++) {
      if (untouched.size > 0 && sharedByUntouched(untouched, keys[i]!)) continue;
      const [item, other] = pairItems(keys[i]!);
      (changes[i]! > 0 ? gained : lost).add(item, other);
    }
  }
  return difference(gained.count(), lost.count());
}

/** Empties the tally into its distinct keys, each counted once. */
function distinct(tally: PairTally): PairCounts {
  const { keys } = tally.count();
  return { keys, counts: new Int32Array(keys.length).fill(1) };
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
  const [item, other] = pairItems(key);
  const a = byItem.get(item);
  const b = byItem.get(other);
  if (!a || !b) return false;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const order of small) if (large.has(order)) return true;
  return false;
}

/** Writes the changed counts of baskets, items and pairs. */
function writeCounts(
  db: Db,
  change: {
    basketsDelta: number;
    itemDelta: Map<number, number>;
    orderDeltas: PairDeltas;
    customerDeltas: PairDeltas;
    reportSupport: number;
  },
): BasketDelta {
  const { basketsDelta, itemDelta, orderDeltas, customerDeltas } = change;
  const basketsAfter = basketTotalRow(db) + basketsDelta;
  const itemBefore = new Map(
    (db.prepare('SELECT item_id AS item, orders FROM item_baskets').all() as { item: number; orders: number }[]).map((row) => [row.item, row.orders]),
  );
  db.prepare('UPDATE basket_totals SET baskets = baskets + ? WHERE id = 1').run(basketsDelta);

  const upsertItem = db.prepare(
    `INSERT INTO item_baskets (item_id, orders) VALUES (?, ?)
     ON CONFLICT (item_id) DO UPDATE SET orders = orders + excluded.orders`,
  );
  const deleteItem = db.prepare('DELETE FROM item_baskets WHERE item_id = ? AND orders <= 0');
  for (const [item, itemChange] of itemDelta) {
    if (itemChange === 0) continue;
    upsertItem.run(item, itemChange);
    if (itemChange < 0) deleteItem.run(item);
  }

  const { pairsChanged, pairs } = writePairs(db, { orderDeltas, customerDeltas, itemBefore, reportFrom: change.reportSupport * basketsAfter });
  return { basketsDelta, itemDelta, pairsChanged, pairs };
}

function basketTotalRow(db: Db): number {
  return (db.prepare('SELECT baskets FROM basket_totals WHERE id = 1').pluck().get() as number | undefined) ?? 0;
}

/**
 * Applies the pair changes, merged from the two sorted delta lists. The first import of the full
 * UCI file changes about 2.5 million pairs. One upsert call per pair took about 9 s for them, so
 * the changes are staged in a temporary table in key order and applied by one statement, which
 * writes item_pairs' primary key in order too. When the changes are at least as many as the
 * stored pairs, the index by the second item is dropped and built again afterwards. For 2.5
 * million new pairs that took 1.9 to 2.0 s instead of 2.5 s, and the process used 275 MB
 * instead of 404 to 499 MB, because fewer of the index's pages passed through the page cache.
 *
 * Returns the number of changed pairs, and those counted in at least `reportFrom` baskets after
 * the change. A pair was in at most as many baskets as the rarer of its items (`itemBefore`), so
 * only pairs whose change plus that bound reaches `reportFrom` are read back.
 */
function writePairs(
  db: Db,
  change: { orderDeltas: PairDeltas; customerDeltas: PairDeltas; itemBefore: Map<number, number>; reportFrom: number },
): { pairsChanged: number; pairs: PairChange[] } {
  db.exec(`CREATE TEMP TABLE pair_changes (
    item_id INTEGER NOT NULL, other_item_id INTEGER NOT NULL, orders INTEGER NOT NULL, customers INTEGER NOT NULL)`);
  try {
    const { staged, candidates } = stagePairChanges(db, change);
    const stored = db.prepare('SELECT COUNT(*) FROM item_pairs').pluck().get() as number;
    const deferred = staged > 0 && staged >= stored ? DeferredIndexes.drop(db, 'item_pairs') : null;
    db.exec(`INSERT INTO item_pairs (item_id, other_item_id, orders, customers)
             SELECT item_id, other_item_id, orders, customers FROM temp.pair_changes WHERE true
             ON CONFLICT (item_id, other_item_id) DO UPDATE
               SET orders = orders + excluded.orders, customers = customers + excluded.customers`);
    db.exec(`DELETE FROM item_pairs WHERE orders <= 0 AND (item_id, other_item_id) IN
               (SELECT item_id, other_item_id FROM temp.pair_changes WHERE orders < 0)`);
    deferred?.rebuild();

    const ordersOf = db.prepare('SELECT orders FROM item_pairs WHERE item_id = ? AND other_item_id = ?').pluck();
    const pairs: PairChange[] = [];
    for (const candidate of candidates) {
      const ordersAfter = (ordersOf.get(candidate.item, candidate.other) as number | undefined) ?? 0;
      if (ordersAfter <= 0 || ordersAfter < change.reportFrom) continue;
      pairs.push({ ...candidate, ordersBefore: ordersAfter - candidate.orders, ordersAfter });
    }
    return { pairsChanged: staged, pairs };
  } finally {
    db.exec('DROP TABLE temp.pair_changes');
  }
}

/** Pair changes per INSERT into the staging table; 100 rows bind 400 values. */
const STAGED_ROWS_PER_INSERT = 100;

interface PairCandidate {
  item: number;
  other: number;
  orders: number;
  customersDelta: number;
}

/**
 * Inserts the merged changes into the staging table in key order. Returns how many there were,
 * and the pairs that may reach `reportFrom` baskets.
 */
function stagePairChanges(
  db: Db,
  change: { orderDeltas: PairDeltas; customerDeltas: PairDeltas; itemBefore: Map<number, number>; reportFrom: number },
): { staged: number; candidates: PairCandidate[] } {
  const { orderDeltas, customerDeltas, itemBefore, reportFrom } = change;
  const row = '(?, ?, ?, ?)';
  const insertMany = db.prepare(`INSERT INTO temp.pair_changes VALUES ${new Array(STAGED_ROWS_PER_INSERT).fill(row).join(', ')}`);
  const insertOne = db.prepare(`INSERT INTO temp.pair_changes VALUES ${row}`);
  const pending: number[] = [];
  const candidates: PairCandidate[] = [];
  let staged = 0;
  const orderChanges = { keys: orderDeltas.keys, values: orderDeltas.changes };
  const customerChanges = { keys: customerDeltas.keys, values: customerDeltas.changes };
  mergeByKey(orderChanges, customerChanges, (key, orders, customers) => {
    const [item, other] = pairItems(key);
    if (orders + Math.min(itemBefore.get(item) ?? 0, itemBefore.get(other) ?? 0) >= reportFrom) {
      candidates.push({ item, other, orders, customersDelta: customers });
    }

    pending.push(item, other, orders, customers);
    staged++;
    if (pending.length === STAGED_ROWS_PER_INSERT * 4) {
      insertMany.run(...pending);
      pending.length = 0;
    }
  });
  for (let start = 0; start < pending.length; start += 4) insertOne.run(pending.slice(start, start + 4));
  return { staged, candidates };
}
