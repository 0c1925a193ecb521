import type { Db } from '../store/database.ts';

/** Counts for one export in the window (from, to] of order times, Unix seconds. */
export interface Measurement {
  subjects: number;
  recommendedPairs: number;
  convertedPairs: number;
  trials: number;
  hits: number;
  /** Null when there is nothing to compare against (no trials). */
  baseRate: number | null;
}

/**
 * Per-customer export. Hits are recommended (customer, item) pairs the customer bought in the
 * window. The base rate pools, over the exported customers, the catalogue items not recommended
 * to them that they bought in the window, divided by the number of such items. The catalogue is
 * every item bought at or before the watermark, i.e. what the export could have recommended.
 */
export function measureCustomerExport(db: Db, exportId: number, from: number, to: number): Measurement {
  const counts = db
    .prepare(
      `WITH subjects AS (SELECT DISTINCT customer_id FROM export_recommendations WHERE export_id = :exportId),
       bought AS MATERIALIZED (
         SELECT DISTINCT e.customer_id, e.item_id FROM subjects s
         JOIN events e ON e.customer_id = s.customer_id AND e.occurred_at > :from AND e.occurred_at <= :to
         WHERE e.kind = 'purchase'),
       catalogue AS MATERIALIZED (SELECT DISTINCT item_id FROM events WHERE kind = 'purchase' AND occurred_at <= :from)
       SELECT
         (SELECT COUNT(*) FROM subjects) AS subjects,
         (SELECT COUNT(*) FROM export_recommendations WHERE export_id = :exportId) AS pairs,
         (SELECT COUNT(*) FROM bought b WHERE EXISTS (SELECT 1 FROM export_recommendations r
            WHERE r.export_id = :exportId AND r.customer_id = b.customer_id AND r.item_id = b.item_id)) AS converted,
         (SELECT COUNT(*) FROM catalogue) AS catalogueItems,
         (SELECT COUNT(*) FROM export_recommendations
            WHERE export_id = :exportId AND item_id IN (SELECT item_id FROM catalogue)) AS recsInCatalogue,
         (SELECT COUNT(*) FROM bought b WHERE b.item_id IN (SELECT item_id FROM catalogue) AND NOT EXISTS
            (SELECT 1 FROM export_recommendations r
             WHERE r.export_id = :exportId AND r.customer_id = b.customer_id AND r.item_id = b.item_id)) AS otherBought`,
    )
    .get({ exportId, from, to }) as {
    subjects: number;
    pairs: number;
    converted: number;
    catalogueItems: number;
    recsInCatalogue: number;
    otherBought: number;
  };

  const otherItems = counts.subjects * counts.catalogueItems - counts.recsInCatalogue;
  return {
    subjects: counts.subjects,
    recommendedPairs: counts.pairs,
    convertedPairs: counts.converted,
    trials: counts.pairs,
    hits: counts.converted,
    baseRate: otherItems > 0 ? counts.otherBought / otherItems : null,
  };
}

/**
 * Per-item export. Each order in the window that contains an anchor product is one trial per
 * item recommended for that anchor, and a hit when the order also contains that item. The base
 * rate is the expected hit rate if recommended items landed in orders independently of their
 * anchor: the mean, over trials, of the recommended item's share of all orders in the window.
 */
export function measureItemExport(db: Db, exportId: number, from: number, to: number): Measurement {
  const counts = db
    .prepare(
      `WITH lines AS MATERIALIZED (
         SELECT DISTINCT order_id, item_id FROM events
         WHERE kind = 'purchase' AND occurred_at > :from AND occurred_at <= :to),
       pairs AS MATERIALIZED (SELECT DISTINCT anchor_item_id AS anchor, item_id AS item FROM export_recommendations WHERE export_id = :exportId),
       orders_with AS MATERIALIZED (SELECT item_id, COUNT(*) AS orders FROM lines GROUP BY item_id),
       together AS MATERIALIZED (
         SELECT p.anchor, p.item, COUNT(*) AS orders FROM pairs p
         JOIN lines a ON a.item_id = p.anchor
         JOIN lines b ON b.order_id = a.order_id AND b.item_id = p.item
         GROUP BY p.anchor, p.item)
       SELECT
         (SELECT COUNT(DISTINCT anchor) FROM pairs) AS subjects,
         (SELECT COUNT(*) FROM pairs) AS pairs,
         (SELECT COUNT(*) FROM together) AS converted,
         (SELECT COALESCE(SUM(w.orders), 0) FROM pairs p JOIN orders_with w ON w.item_id = p.anchor) AS trials,
         (SELECT COALESCE(SUM(orders), 0) FROM together) AS hits,
         (SELECT COALESCE(SUM(CAST(wa.orders AS REAL) * wi.orders), 0) FROM pairs p
            JOIN orders_with wa ON wa.item_id = p.anchor JOIN orders_with wi ON wi.item_id = p.item) AS expectedTimesOrders,
         (SELECT COUNT(DISTINCT order_id) FROM lines) AS orders`,
    )
    .get({ exportId, from, to }) as {
    subjects: number;
    pairs: number;
    converted: number;
    trials: number;
    hits: number;
    expectedTimesOrders: number;
    orders: number;
  };

  return {
    subjects: counts.subjects,
    recommendedPairs: counts.pairs,
    convertedPairs: counts.converted,
    trials: counts.trials,
    hits: counts.hits,
    baseRate: counts.trials > 0 && counts.orders > 0 ? counts.expectedTimesOrders / counts.orders / counts.trials : null,
  };
}
