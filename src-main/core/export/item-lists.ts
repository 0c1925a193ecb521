import { servingChoice } from '../knowledge/serving-pointer.ts';
import type { Db } from '../store/database.ts';
import { Catalogue, type CatalogueItem } from './catalogue.ts';

/** Recommendations for one product, split the way shop platforms split product links. */
export interface ItemLists {
  anchor: CatalogueItem;
  /** Bought in the same orders (association rules): cross-sells, "pairs well with". */
  boughtTogether: { item: CatalogueItem; orders: number }[];
  /** Bought by the same customers (item-kNN neighbours): related products, "you may also like". */
  similar: CatalogueItem[];
  /** Similar items with a higher unit price than the anchor: up-sells. */
  pricier: CatalogueItem[];
}

/**
 * Reads per-product lists from the training run of the serving version (the merchant's choice
 * after a rollback, else the newest completed run), for every product with at least one
 * purchase, in SKU order. Products with no list at all are left out.
 */
export function* itemLists(db: Db, catalogue: Catalogue, limit: number): Generator<{ lists: ItemLists; done: number; total: number }> {
  const runId = servingChoice(db).runId;
  const anchors = db
    .prepare(`SELECT i.id FROM items i WHERE EXISTS (SELECT 1 FROM events e WHERE e.item_id = i.id AND e.kind = 'purchase') ORDER BY i.sku`)
    .pluck()
    .all() as number[];
  const together = db.prepare(
    `SELECT other_item_id AS id, orders_together AS orders FROM item_associations
     WHERE run_id = ? AND item_id = ?
     ORDER BY orders_together DESC, lift DESC, other_item_id LIMIT ?`,
  );
  const neighbours = db.prepare(
    `SELECT n.neighbour_id FROM item_neighbours n JOIN model_versions v ON v.id = n.model_version_id
     WHERE v.run_id = ? AND v.model = 'item-knn' AND n.item_id = ? ORDER BY n.rank`,
  ).pluck();

  for (const [index, anchorId] of anchors.entries()) {
    const anchor = catalogue.byRowId(anchorId)!;
    const boughtTogether = (together.all(runId, anchorId, limit) as { id: number; orders: number }[]).map((row) => ({
      item: catalogue.byRowId(row.id)!,
      orders: row.orders,
    }));
    const allSimilar = (neighbours.all(runId, anchorId) as number[]).map((id) => catalogue.byRowId(id)!);
    const pricier = allSimilar.filter((item) => isPricier(item, anchor)).slice(0, limit);
    const similar = allSimilar.slice(0, limit);
    if (boughtTogether.length + similar.length === 0) continue;
    yield { lists: { anchor, boughtTogether, similar, pricier }, done: index + 1, total: anchors.length };
  }
}

/** Prices in different currencies, or missing prices, never make an up-sell. */
function isPricier(item: CatalogueItem, anchor: CatalogueItem): boolean {
  if (item.unitPrice === null || anchor.unitPrice === null) return false;
  if (item.currency !== anchor.currency) return false;
  return item.unitPrice > anchor.unitPrice;
}
