import type { ReasonView } from '../../api/contract.ts';
import { CustomerRecommender } from '../recommend/recommend.ts';
import type { Db } from '../store/database.ts';
import type { Catalogue, CatalogueItem } from './catalogue.ts';

export interface CustomerPick {
  rank: number;
  item: CatalogueItem;
  score: number;
  reason: ReasonView;
}

export interface CustomerList {
  customerRowId: number;
  customerId: string;
  picks: CustomerPick[];
}

/**
 * Ranks every customer with at least one purchase (in customer ID order) with the serving model
 * version. `accept` filters customers before they are ranked.
 */
export function* customerLists(
  db: Db,
  catalogue: Catalogue,
  limit: number,
  accept: (customerId: string) => boolean = () => true,
): Generator<{ list: CustomerList | null; done: number; total: number }> {
  const recommender = new CustomerRecommender(db);
  const customers = db
    .prepare(
      `SELECT c.id, c.external_id AS externalId FROM customers c
       WHERE EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.id AND e.kind = 'purchase')
       ORDER BY c.external_id`,
    )
    .all() as { id: number; externalId: string }[];

  for (const [index, customer] of customers.entries()) {
    const progress = { done: index + 1, total: customers.length };
    if (!accept(customer.externalId)) {
      yield { list: null, ...progress };
      continue;
    }
    const result = recommender.recommend(customer.externalId, customer.id, limit);
    const picks = result.items.map((view) => ({
      rank: view.rank,
      item: catalogue.bySkuValue(view.sku)!,
      score: view.score,
      reason: view.reason,
    }));
    yield { list: { customerRowId: customer.id, customerId: customer.externalId, picks }, ...progress };
  }
}
