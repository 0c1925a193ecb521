import type { CustomerRecommendations, ItemRecommendations, ReasonView, RecommendationView } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import type { RankedItem } from '../models/ranker.ts';
import type { Db } from '../store/database.ts';
import { SECONDS_PER_DAY } from '../training/interactions.ts';
import { HistoryReader, type HistoryEntry } from './customer-history.ts';
import { loadServingModel, type ServingModel } from './serving-model.ts';

export const DEFAULT_LIMIT = 10;
const RECENT_PURCHASES = 10;

/** Recommends items for one customer from the serving model of the newest completed run. */
export function recommendForCustomer(db: Db, customerId: string, options: { limit?: number } = {}): CustomerRecommendations {
  const customer = db.prepare('SELECT id FROM customers WHERE external_id = ?').get(customerId) as { id: number } | undefined;
  if (!customer) throw new ShopRecError('recommend.customerNotFound', { customer: customerId });
  const recommender = new CustomerRecommender(db);
  return recommender.recommend(customerId, customer.id, options.limit ?? DEFAULT_LIMIT);
}

/**
 * Ranks customers one after another with shared artefacts and item lookups, for single
 * requests and for exports of every customer.
 */
export class CustomerRecommender {
  readonly serving: ServingModel;
  private readonly histories: HistoryReader;
  private readonly itemById;

  constructor(db: Db) {
    this.serving = loadServingModel(db);
    this.histories = new HistoryReader(db);
    this.itemById = db.prepare('SELECT sku, title FROM items WHERE id = ?');
  }

  recommend(customerId: string, customerRowId: number, limit: number): CustomerRecommendations {
    const history = this.histories.read(customerRowId);
    const known = history.filter((entry) => this.serving.indexOf.has(entry.itemId));
    const ranked = this.serving.ranker.rank(
      {
        item: known.map((entry) => this.serving.indexOf.get(entry.itemId)!),
        lastDay: known.map((entry) => Math.floor(entry.lastBoughtAt / SECONDS_PER_DAY)),
      },
      limit,
    );

    return {
      customerId,
      model: this.serving.model,
      runId: this.serving.runId,
      recentPurchases: history.slice(0, RECENT_PURCHASES).map((entry) => ({
        sku: entry.sku,
        title: entry.title,
        lastBoughtAt: new Date(entry.lastBoughtAt * 1000).toISOString(),
        quantity: entry.quantity,
      })),
      items: ranked.map((entry, index) => this.view(entry, index + 1, history)),
    };
  }

  private view(entry: RankedItem, rank: number, history: HistoryEntry[]): RecommendationView {
    const item = this.itemById.get(this.serving.itemIds[entry.item]) as { sku: string; title: string };
    return { rank, sku: item.sku, title: item.title, score: entry.score, reason: this.reason(entry, history) };
  }

  private reason(entry: RankedItem, history: HistoryEntry[]): ReasonView {
    if (entry.rebuy) return { key: 'reason.rebuy', params: {} };
    if (entry.source === 'model') {
      const viaId = this.serving.itemIds[entry.via];
      const via = history.find((h) => h.itemId === viaId);
      return { key: 'reason.similarToPurchase', params: { item: via ? displayTitle(via) : '' } };
    }
    return { key: 'reason.popular', params: { customers: this.serving.buyers[entry.item]! } };
  }
}

/** Lists items bought together with `sku`, then its item-kNN neighbours when there are too few. */
export function recommendForItem(db: Db, sku: string, options: { limit?: number } = {}): ItemRecommendations {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const item = db.prepare('SELECT id, sku, title FROM items WHERE sku = ?').get(sku) as
    | { id: number; sku: string; title: string }
    | undefined;
  if (!item) throw new ShopRecError('recommend.itemNotFound', { sku });
  const run = db
    .prepare(`SELECT id FROM training_runs WHERE status = 'completed' ORDER BY id DESC LIMIT 1`)
    .get() as { id: number } | undefined;
  if (!run) throw new ShopRecError('training.noRun');

  const together = db
    .prepare(
      `SELECT i.sku, i.title, a.confidence AS score, a.orders_together AS orders
       FROM item_associations a JOIN items i ON i.id = a.other_item_id
       WHERE a.run_id = ? AND a.item_id = ?
       ORDER BY a.orders_together DESC, a.lift DESC, a.other_item_id
       LIMIT ?`,
    )
    .all(run.id, item.id, limit) as { sku: string; title: string; score: number; orders: number }[];
  const source = displayTitle({ sku: item.sku, title: item.title });
  const views: RecommendationView[] = together.map((row, index) => ({
    rank: index + 1,
    sku: row.sku,
    title: row.title,
    score: row.score,
    reason: { key: 'reason.boughtTogether', params: { item: source, orders: row.orders } },
  }));

  if (views.length < limit) {
    const neighbours = db
      .prepare(
        `SELECT i.sku, i.title, n.score
         FROM item_neighbours n
         JOIN model_versions v ON v.id = n.model_version_id
         JOIN items i ON i.id = n.neighbour_id
         WHERE v.run_id = ? AND v.model = 'item-knn' AND n.item_id = ?
         ORDER BY n.rank`,
      )
      .all(run.id, item.id) as { sku: string; title: string; score: number }[];
    const shown = new Set(views.map((view) => view.sku));
    for (const row of neighbours) {
      if (views.length >= limit) break;
      if (shown.has(row.sku)) continue;
      views.push({
        rank: views.length + 1,
        sku: row.sku,
        title: row.title,
        score: row.score,
        reason: { key: 'reason.similarToPurchase', params: { item: source } },
      });
    }
  }

  return { sku: item.sku, title: item.title, boughtTogether: views };
}

/** Items imported without a title are named by their SKU in reasons. */
function displayTitle(item: { sku: string; title: string }): string {
  return item.title.trim() === '' ? item.sku : item.title;
}
