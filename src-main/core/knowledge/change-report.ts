import type { AssociationChange, ChangeReport, ItemTrend, MetricsMove, ModelName, TrainingRunSummary } from '../../api/contract.ts';
import type { Db } from '../store/database.ts';
import { SECONDS_PER_DAY } from '../training/interactions.ts';
import type { BasketDelta } from './basket-counts.ts';

/** A rule is strong from this lift and this share of all baskets on. */
export const STRONG_LIFT = 3;
export const STRONG_SUPPORT = 0.005;
const LISTED = 10;
/** Items with fewer orders than this in both periods are left out of rising and falling. */
const MIN_TREND_ORDERS = 5;

type StoredReport = Omit<ChangeReport, 'reportId' | 'createdAt' | 'trigger' | 'importId' | 'runId'>;

/**
 * Stores the report of import `importId`: rules that became strong with it (computed from the
 * counts before and after), and items rising and falling in the import's period against the
 * period of the same length just before. `basketsBefore` is the basket total before the import.
 */
export function storeImportReport(db: Db, importId: number, delta: BasketDelta, basketsBefore: number): void {
  const period = importPeriod(db, importId);
  const trends = period ? itemTrends(db, period) : { rising: [], falling: [] };
  const report: StoredReport = {
    period: period ? { from: isoDate(period.from), to: isoDate(period.to), previousFrom: isoDate(period.previousFrom) } : null,
    newAssociations: newStrongRules(db, delta, basketsBefore),
    rising: trends.rising,
    falling: trends.falling,
    metrics: null,
  };
  insertReport(db, 'import', importId, null, report);
}

/** Stores the report of a completed run: its serving model's metrics against the previous run's. */
export function storeTrainingReport(db: Db, run: TrainingRunSummary): void {
  if (run.status !== 'completed' || run.servingModel === null) return;
  const current = run.models.find((m) => m.model === run.servingModel);
  const previous = db
    .prepare(
      `SELECT r.id AS runId, r.serving_model AS model, m.ndcg10, m.hr10
       FROM training_runs r JOIN model_metrics m ON m.run_id = r.id AND m.model = r.serving_model
       WHERE r.status = 'completed' AND r.id < ? ORDER BY r.id DESC LIMIT 1`,
    )
    .get(run.runId) as { runId: number; model: ModelName; ndcg10: number; hr10: number } | undefined;

  const metrics: MetricsMove = {
    runId: run.runId,
    model: run.servingModel,
    ndcg10: current?.ndcg10 ?? 0,
    hr10: current?.hr10 ?? 0,
    previousRunId: previous?.runId ?? null,
    previousModel: previous?.model ?? null,
    previousNdcg10: previous?.ndcg10 ?? null,
    previousHr10: previous?.hr10 ?? null,
  };
  insertReport(db, 'training', null, run.runId, { period: null, newAssociations: [], rising: [], falling: [], metrics });
}

export function latestChangeReport(db: Db): ChangeReport | null {
  const row = db.prepare('SELECT * FROM change_reports ORDER BY id DESC LIMIT 1').get() as ReportRow | undefined;
  return row ? toReport(row) : null;
}

/** Lists the reports written after `sinceIso` (an ISO timestamp), oldest first. */
export function changesSince(db: Db, sinceIso: string): ChangeReport[] {
  const rows = db.prepare('SELECT * FROM change_reports WHERE created_at > ? ORDER BY id').all(sinceIso) as ReportRow[];
  return rows.map(toReport);
}

interface ReportRow {
  id: number;
  created_at: string;
  trigger: 'import' | 'training';
  import_id: number | null;
  run_id: number | null;
  report_json: string;
}

function toReport(row: ReportRow): ChangeReport {
  return {
    reportId: row.id,
    createdAt: row.created_at,
    trigger: row.trigger,
    importId: row.import_id,
    runId: row.run_id,
    ...(JSON.parse(row.report_json) as StoredReport),
  };
}

function insertReport(db: Db, trigger: 'import' | 'training', importId: number | null, runId: number | null, report: StoredReport): void {
  db.prepare('INSERT INTO change_reports (created_at, trigger, import_id, run_id, report_json) VALUES (?, ?, ?, ?, ?)').run(
    new Date().toISOString(),
    trigger,
    importId,
    runId,
    JSON.stringify(report),
  );
}

function isStrong(orders: number, itemOrders: number, otherOrders: number, baskets: number): boolean {
  if (baskets === 0 || itemOrders === 0 || otherOrders === 0) return false;
  return orders / baskets >= STRONG_SUPPORT && (orders * baskets) / (itemOrders * otherOrders) >= STRONG_LIFT;
}

/** Pairs the import changed that are strong now and were not before; lift is symmetric. */
function newStrongRules(db: Db, delta: BasketDelta, basketsBefore: number): AssociationChange[] {
  const basketsAfter = basketsBefore + delta.basketsDelta;
  const ordersOf = db.prepare('SELECT orders FROM item_baskets WHERE item_id = ?').pluck();
  const customersOf = db.prepare('SELECT customers FROM item_pairs WHERE item_id = ? AND other_item_id = ?').pluck();
  const itemOf = db.prepare('SELECT sku, title FROM items WHERE id = ?');
  const afterOrders = (item: number): number => (ordersOf.get(item) as number | undefined) ?? 0;

  const found: AssociationChange[] = [];
  for (const pair of delta.pairs) {
    const itemAfter = afterOrders(pair.item);
    const otherAfter = afterOrders(pair.other);
    if (!isStrong(pair.ordersAfter, itemAfter, otherAfter, basketsAfter)) continue;
    const itemBefore = itemAfter - (delta.itemDelta.get(pair.item) ?? 0);
    const otherBefore = otherAfter - (delta.itemDelta.get(pair.other) ?? 0);
    if (isStrong(pair.ordersBefore, itemBefore, otherBefore, basketsBefore)) continue;

    const item = itemOf.get(pair.item) as { sku: string; title: string };
    const other = itemOf.get(pair.other) as { sku: string; title: string };
    found.push({
      sku: item.sku,
      title: item.title,
      otherSku: other.sku,
      otherTitle: other.title,
      ordersTogether: pair.ordersAfter,
      customers: (customersOf.get(pair.item, pair.other) as number | undefined) ?? 0,
      support: pair.ordersAfter / basketsAfter,
      lift: (pair.ordersAfter * basketsAfter) / (itemAfter * otherAfter),
    });
  }
  return found.sort((a, b) => b.ordersTogether - a.ordersTogether || b.lift - a.lift).slice(0, LISTED);
}

interface Period {
  from: number;
  /** Exclusive end, Unix seconds at a day boundary. */
  to: number;
  previousFrom: number;
}

/** Returns the whole days the import covers, and as many days before them. */
function importPeriod(db: Db, importId: number): Period | null {
  const row = db.prepare('SELECT first_order_at AS first, last_order_at AS last FROM imports WHERE id = ?').get(importId) as
    | { first: number | null; last: number | null }
    | undefined;
  if (!row || row.first === null || row.last === null) return null;
  const from = Math.floor(row.first / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  const to = (Math.floor(row.last / SECONDS_PER_DAY) + 1) * SECONDS_PER_DAY;
  return { from, to, previousFrom: from - (to - from) };
}

/** Items whose order count grew or shrank most between the previous period and the import's. */
function itemTrends(db: Db, period: Period): { rising: ItemTrend[]; falling: ItemTrend[] } {
  const rows = db
    .prepare(
      `SELECT i.sku, i.title,
              COUNT(DISTINCT CASE WHEN e.occurred_at >= :from THEN e.order_id END) AS orders,
              COUNT(DISTINCT CASE WHEN e.occurred_at < :from THEN e.order_id END) AS previousOrders
       FROM events e JOIN items i ON i.id = e.item_id
       WHERE e.kind = 'purchase' AND e.occurred_at >= :previousFrom AND e.occurred_at < :to
       GROUP BY e.item_id
       HAVING MAX(orders, previousOrders) >= :min`,
    )
    .all({ ...period, min: MIN_TREND_ORDERS }) as ItemTrend[];

  const change = (trend: ItemTrend): number => trend.orders - trend.previousOrders;
  const bySku = (a: ItemTrend, b: ItemTrend): number => a.sku.localeCompare(b.sku, 'en');
  return {
    rising: rows.filter((t) => change(t) > 0).sort((a, b) => change(b) - change(a) || bySku(a, b)).slice(0, LISTED),
    falling: rows.filter((t) => change(t) < 0).sort((a, b) => change(a) - change(b) || bySku(a, b)).slice(0, LISTED),
  };
}

function isoDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}
