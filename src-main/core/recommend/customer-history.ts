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
 * item id, the order training uses), returns left out as in training.
 */
export class HistoryReader {
  private readonly select;

  constructor(db: Db) {
    this.select = db.prepare(
      `SELECT e.item_id AS itemId, i.sku, i.title, MAX(e.occurred_at) AS lastBoughtAt, SUM(e.quantity) AS quantity
       FROM events e JOIN items i ON i.id = e.item_id
       WHERE e.customer_id = ? AND e.kind = 'purchase'
       GROUP BY e.item_id
       ORDER BY MAX(e.occurred_at) / ${SECONDS_PER_DAY} DESC, MAX(e.occurred_at) DESC, e.item_id`,
    );
  }

  read(customerRowId: number): HistoryEntry[] {
    return this.select.all(customerRowId) as HistoryEntry[];
  }
}
