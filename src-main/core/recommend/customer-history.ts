import type { Db } from '../store/database.ts';
import { SECONDS_PER_DAY } from '../training/interactions.ts';

export interface HistoryEntry {
  itemId: number;
  sku: string;
  title: string;
  lastBoughtAt: number;
  quantity: number;
}

/**
 * Reads customers' purchase histories: distinct items, most recently bought first (ties by
 * item id, the order training uses). Items the customer returned in full are left out, as in
 * training; `quantity` is the net quantity kept.
 */
export class HistoryReader {
  private readonly select;

  constructor(db: Db) {
    this.select = db.prepare(
      `SELECT itemId, sku, title, lastBoughtAt, quantity FROM (
         SELECT e.item_id AS itemId, i.sku, i.title,
                MAX(CASE WHEN e.kind = 'purchase' THEN e.occurred_at END) AS lastBoughtAt,
                SUM(CASE WHEN e.kind = 'purchase' THEN e.quantity ELSE -e.quantity END) AS quantity
         FROM events e JOIN items i ON i.id = e.item_id
         WHERE e.customer_id = ?
         GROUP BY e.item_id)
       WHERE lastBoughtAt IS NOT NULL AND quantity > 0
       ORDER BY lastBoughtAt / ${SECONDS_PER_DAY} DESC, lastBoughtAt DESC, itemId`,
    );
  }

  read(customerRowId: number): HistoryEntry[] {
    return this.select.all(customerRowId) as HistoryEntry[];
  }
}
