import type { CustomerSummary, ItemSummary } from '../../api/contract.ts';
import type { Db } from '../store/database.ts';

/** Finds customers whose ID contains `query` (case-insensitive), prefix matches first. */
export function searchCustomers(db: Db, query: string, limit: number): CustomerSummary[] {
  const needle = query.trim();
  const rows = db
    .prepare(
      `SELECT c.external_id AS customerId, c.country,
              COUNT(DISTINCT o.id) AS orders, MAX(o.ordered_at) AS lastOrderAt
       FROM customers c
       LEFT JOIN orders o ON o.customer_id = c.id AND o.is_cancellation = 0
       WHERE c.external_id LIKE ? ESCAPE '\\'
       GROUP BY c.id
       ORDER BY c.external_id LIKE ? ESCAPE '\\' DESC, c.external_id
       LIMIT ?`,
    )
    .all(`%${escapeLike(needle)}%`, `${escapeLike(needle)}%`, limit) as (Omit<CustomerSummary, 'lastOrderAt'> & {
    lastOrderAt: number | null;
  })[];
  return rows.map((row) => ({
    ...row,
    lastOrderAt: row.lastOrderAt === null ? null : new Date(row.lastOrderAt * 1000).toISOString(),
  }));
}

/**
 * Finds items by SKU prefix or title substring, case-insensitive (SQLite's LIKE folds ASCII
 * letters only). SKU prefix matches come first, then the most bought.
 */
export function searchItems(db: Db, query: string, limit: number): ItemSummary[] {
  const needle = escapeLike(query.trim());
  return db
    .prepare(
      `SELECT i.sku, i.title,
              COUNT(DISTINCT e.customer_id) AS customers, COALESCE(SUM(e.quantity), 0) AS quantity
       FROM items i
       LEFT JOIN events e ON e.item_id = i.id AND e.kind = 'purchase'
       WHERE i.sku LIKE ? ESCAPE '\\' OR i.title LIKE ? ESCAPE '\\'
       GROUP BY i.id
       ORDER BY i.sku LIKE ? ESCAPE '\\' DESC, customers DESC, i.sku
       LIMIT ?`,
    )
    .all(`${needle}%`, `%${needle}%`, `${needle}%`, limit) as ItemSummary[];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
