import type { CustomerRecommendations, ItemRecommendations, ReasonView, RecommendationView } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import { hasBasketCounts, rulesForItem } from '../knowledge/association-rules.ts';
import { servingChoice, type ServingChoice } from '../knowledge/serving-pointer.ts';
import { titleNeighbours } from '../knowledge/similar-titles.ts';
import type { RankedItem } from '../models/ranker.ts';
import type { Db } from '../store/database.ts';
import { SECONDS_PER_DAY } from '../training/interactions.ts';
import { HistoryReader, type HistoryEntry } from './customer-history.ts';
import { boughtTogetherReason, Evidence } from './evidence.ts';
import { loadServingModel, type ServingModel } from './serving-model.ts';

export const DEFAULT_LIMIT = 10;
const RECENT_PURCHASES = 10;

/** Recommends items for one customer from the serving model version. */
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

  private readonly evidence: Evidence;

  /** `choice` ranks with another version than the serving one (to compare versions). */
  constructor(db: Db, choice?: ServingChoice) {
    this.serving = loadServingModel(db, choice);
    this.histories = new HistoryReader(db);
    this.evidence = new Evidence(db);
    this.itemById = db.prepare('SELECT sku, title FROM items WHERE id = ?');
  }

  recommend(customerId: string, customerRowId: number, limit: number): CustomerRecommendations {
    const history = this.histories.read(customerRowId);
    const known = history.filter((entry) => this.serving.indexOf.has(entry.itemId));
    const ranked = this.serving.ranker.rank(
      {
        item: known.map((entry) => this.serving.indexOf.get(entry.itemId)!),
        lastDay: known.map((entry) => Math.floor(entry.lastBoughtAt / SECONDS_PER_DAY)),
        customer: this.serving.customerRow?.get(customerRowId),
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

  /**
   * Cites the strongest evidence: a re-buy habit; for a model item, the customers who bought it
   * in one order with the history item it came from, else that item alone; for a best seller, a
   * bought item close to it in title, else its buyer count.
   */
  private reason(entry: RankedItem, history: HistoryEntry[]): ReasonView {
    if (entry.rebuy) return { key: 'reason.rebuy', params: {} };
    const itemId = this.serving.itemIds[entry.item]!;
    if (entry.source === 'model') {
      const viaId = this.serving.itemIds[entry.via]!;
      const via = history.find((h) => h.itemId === viaId);
      const customers = this.evidence.customersTogether(viaId, itemId);
      if (via && customers !== null) return { key: 'reason.boughtTogetherByCustomers', params: { item: displayTitle(via), customers } };
      return { key: 'reason.similarToPurchase', params: { item: via ? displayTitle(via) : '' } };
    }

    const closeId = this.evidence.closestInTitle(itemId, new Set(history.map((h) => h.itemId)));
    const close = closeId === null ? undefined : history.find((h) => h.itemId === closeId);
    if (close) return { key: 'reason.closeInTitle', params: { item: displayTitle(close) } };
    return { key: 'reason.popular', params: { customers: this.serving.buyers[entry.item]! } };
  }
}

/**
 * Lists the items bought together with `sku` (association rules from the basket counts, which
 * every import updates; the serving run's rules in workspaces whose imports predate them), then
 * the serving run's item-kNN neighbours, then items close in title, until `limit` are listed.
 */
export function recommendForItem(db: Db, sku: string, options: { limit?: number } = {}): ItemRecommendations {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const item = db.prepare('SELECT id, sku, title FROM items WHERE sku = ?').get(sku) as
    | { id: number; sku: string; title: string }
    | undefined;
  if (!item) throw new ShopRecError('recommend.itemNotFound', { sku });
  const counted = hasBasketCounts(db);
  const runId = servingRunId(db);
  if (runId === null && !counted) throw new ShopRecError('training.noRun');

  const source = displayTitle({ sku: item.sku, title: item.title });
  const views: RecommendationView[] = [];
  const add = (row: { sku: string; title: string; score: number }, reason: ReasonView): void => {
    if (views.length >= limit || row.sku === item.sku || views.some((view) => view.sku === row.sku)) return;
    views.push({ rank: views.length + 1, sku: row.sku, title: row.title, score: row.score, reason });
  };

  const together = counted ? rulesForItem(db, item.id, limit) : runRules(db, runId!, item.id, limit);
  for (const rule of together) {
    add({ sku: rule.sku, title: rule.title, score: rule.confidence }, boughtTogetherReason(source, rule.customers, rule.ordersTogether));
  }
  if (views.length < limit && runId !== null) {
    for (const row of knnNeighbours(db, runId, item.id)) add(row, { key: 'reason.similarToPurchase', params: { item: source } });
  }
  if (views.length < limit) {
    for (const row of titleNeighbours(db, item.id, limit)) add(row, { key: 'reason.closeInTitle', params: { item: source } });
  }

  return { sku: item.sku, title: item.title, boughtTogether: views };
}

function servingRunId(db: Db): number | null {
  try {
    return servingChoice(db).runId;
  } catch (error) {
    if (error instanceof ShopRecError && error.code === 'training.noRun') return null;
    throw error;
  }
}

/** The association rules a training run stored, shaped like the incremental ones. */
function runRules(db: Db, runId: number, itemId: number, limit: number) {
  return db
    .prepare(
      `SELECT i.sku, i.title, a.confidence, a.orders_together AS ordersTogether, 0 AS customers
       FROM item_associations a JOIN items i ON i.id = a.other_item_id
       WHERE a.run_id = ? AND a.item_id = ?
       ORDER BY a.orders_together DESC, a.lift DESC, a.other_item_id
       LIMIT ?`,
    )
    .all(runId, itemId, limit) as { sku: string; title: string; confidence: number; ordersTogether: number; customers: number }[];
}

function knnNeighbours(db: Db, runId: number, itemId: number) {
  return db
    .prepare(
      `SELECT i.sku, i.title, n.score
       FROM item_neighbours n
       JOIN model_versions v ON v.id = n.model_version_id
       JOIN items i ON i.id = n.neighbour_id
       WHERE v.run_id = ? AND v.model = 'item-knn' AND n.item_id = ?
       ORDER BY n.rank`,
    )
    .all(runId, itemId) as { sku: string; title: string; score: number }[];
}

/** Items imported without a title are named by their SKU in reasons. */
function displayTitle(item: { sku: string; title: string }): string {
  return item.title.trim() === '' ? item.sku : item.title;
}
