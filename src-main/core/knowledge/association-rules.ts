import type { Db } from '../store/database.ts';

/** Pairs seen together in fewer orders are noise and give no rule (as in training). */
export const MIN_RULE_ORDERS = 2;

/** Association rule item -> other, derived from the basket counts when read. */
export interface AssociationRule {
  otherItemId: number;
  sku: string;
  title: string;
  ordersTogether: number;
  /** Distinct known customers who bought both in one order. */
  customers: number;
  /** Share of all counted baskets that contain both items. */
  support: number;
  /** Share of the baskets containing the item that also contain the other. */
  confidence: number;
  /** Confidence divided by the share of baskets containing the other item. */
  lift: number;
}

/** Returns the number of counted baskets, the N of support and lift. */
export function basketTotal(db: Db): number {
  return (db.prepare('SELECT baskets FROM basket_totals WHERE id = 1').pluck().get() as number | undefined) ?? 0;
}

/** True once at least one import has been folded into the basket counts. */
export function hasBasketCounts(db: Db): boolean {
  return db.prepare('SELECT 1 FROM knowledge_imports LIMIT 1').get() !== undefined;
}

/**
 * Returns the rules item -> other of one item, most orders together first, then highest lift
 * (for a fixed item, the other item with fewer baskets of its own), then item id.
 */
export function rulesForItem(db: Db, itemId: number, limit: number): AssociationRule[] {
  const total = basketTotal(db);
  const itemOrders = (db.prepare('SELECT orders FROM item_baskets WHERE item_id = ?').pluck().get(itemId) as number | undefined) ?? 0;
  if (total === 0 || itemOrders === 0) return [];

  const rows = db
    .prepare(
      `SELECT p.other AS otherItemId, i.sku, i.title, p.orders, p.customers, b.orders AS otherOrders
       FROM (SELECT other_item_id AS other, orders, customers FROM item_pairs WHERE item_id = ?
             UNION ALL
             SELECT item_id AS other, orders, customers FROM item_pairs WHERE other_item_id = ?) p
       JOIN item_baskets b ON b.item_id = p.other
       JOIN items i ON i.id = p.other
       WHERE p.orders >= ?
       ORDER BY p.orders DESC, b.orders ASC, p.other
       LIMIT ?`,
    )
    .all(itemId, itemId, MIN_RULE_ORDERS, limit) as {
    otherItemId: number;
    sku: string;
    title: string;
    orders: number;
    customers: number;
    otherOrders: number;
  }[];

  return rows.map((row) => ({
    otherItemId: row.otherItemId,
    sku: row.sku,
    title: row.title,
    ordersTogether: row.orders,
    customers: row.customers,
    support: row.orders / total,
    confidence: row.orders / itemOrders,
    lift: (row.orders * total) / (itemOrders * row.otherOrders),
  }));
}

/** Returns the orders and customers that bought two items together, or null when never. */
export function pairCounts(db: Db, a: number, b: number): { orders: number; customers: number } | null {
  const [item, other] = a < b ? [a, b] : [b, a];
  const row = db.prepare('SELECT orders, customers FROM item_pairs WHERE item_id = ? AND other_item_id = ?').get(item, other) as
    | { orders: number; customers: number }
    | undefined;
  return row ?? null;
}

/** Counts the item pairs that form a rule (bought together in at least MIN_RULE_ORDERS orders). */
export function countRules(db: Db): number {
  return db.prepare('SELECT COUNT(*) FROM item_pairs WHERE orders >= ?').pluck().get(MIN_RULE_ORDERS) as number;
}
