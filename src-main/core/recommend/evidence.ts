import type { ReasonView } from '../../api/contract.ts';
import { pairCounts } from '../knowledge/association-rules.ts';
import type { Db } from '../store/database.ts';

/** Fewer customers than this are no evidence for "bought together by N customers". */
export const MIN_EVIDENCE_CUSTOMERS = 2;

/**
 * Looks up the knowledge behind a recommendation: how many customers bought two items in one
 * order (basket counts, updated by every import) and which bought items are close in title
 * (the text neighbours of `similar_items`).
 */
export class Evidence {
  private readonly titleNeighbours;

  constructor(private readonly db: Db) {
    this.titleNeighbours = db
      .prepare(`SELECT other_item_id FROM similar_items WHERE item_id = ? AND source = 'text' ORDER BY score DESC, other_item_id`)
      .pluck();
  }

  /** Customers who bought both items in one order, when there are enough to cite. */
  customersTogether(a: number, b: number): number | null {
    const counts = pairCounts(this.db, a, b);
    return counts !== null && counts.customers >= MIN_EVIDENCE_CUSTOMERS ? counts.customers : null;
  }

  /** Returns the item of `candidates` closest in title to `itemId`, or null when none is close. */
  closestInTitle(itemId: number, candidates: ReadonlySet<number>): number | null {
    for (const other of this.titleNeighbours.iterate(itemId) as IterableIterator<number>) {
      if (candidates.has(other)) return other;
    }
    return null;
  }
}

/** Builds the reason of a bought-together item: by customers when known customers bought it, else by orders. */
export function boughtTogetherReason(item: string, customers: number, orders: number): ReasonView {
  if (customers > 0) return { key: 'reason.boughtTogetherByCustomers', params: { item, customers } };
  return { key: 'reason.boughtTogether', params: { item, orders } };
}
