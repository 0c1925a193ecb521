import type { ModelMetrics, ModelName, ModelVersionView, ServingPointerView, VersionComparison } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import { CustomerRecommender } from '../recommend/recommend.ts';
import type { Db } from '../store/database.ts';
import { currentPointer, servingChoice, type ServingChoice } from './serving-pointer.ts';

/** Customers whose top-10 lists `compareVersions` compares. */
const COMPARED_CUSTOMERS = 200;
const COMPARED_LIST = 10;

interface VersionRow {
  id: number;
  run_id: number;
  model: ModelName;
  parent_id: number | null;
  created_at: string;
  params_json: string;
  data_watermark: number;
  run_model: ModelName | null;
  data_through: number | null;
}

/** Lists every model version of every completed run, newest first. */
export function listModelVersions(db: Db): ModelVersionView[] {
  const rows = db.prepare(`${VERSION_SELECT} ORDER BY v.id DESC`).all() as VersionRow[];
  const serving = servingVersionId(db);
  return rows.map((row) => toView(db, row, serving));
}

export function getModelVersion(db: Db, versionId: number): ModelVersionView {
  const row = db.prepare(`${VERSION_SELECT} AND v.id = ?`).get(versionId) as VersionRow | undefined;
  if (!row) throw new ShopRecError('knowledge.versionNotFound', { version: versionId });
  return toView(db, row, servingVersionId(db));
}

/**
 * Makes `versionId` serve from now on, until a newer training run completes. Writes a row of
 * the serving history, labelled a rollback when the version is older than the one serving.
 */
export function setServingVersion(db: Db, versionId: number): ModelVersionView {
  const target = getModelVersion(db, versionId);
  const current = servingVersionId(db);
  const latestRun = db.prepare(`SELECT MAX(id) FROM training_runs WHERE status = 'completed'`).pluck().get() as number | null;
  let reason: 'manual' | 'rollback' | 'rollforward' = 'manual';
  if (current !== null) reason = versionId < current ? 'rollback' : 'rollforward';

  db.prepare('INSERT INTO serving (model_version_id, since, reason, latest_run_id) VALUES (?, ?, ?, ?)').run(
    target.versionId,
    new Date().toISOString(),
    reason,
    latestRun,
  );
  return { ...target, serving: true };
}

export function servingPointer(db: Db): ServingPointerView | null {
  const row = db.prepare('SELECT model_version_id AS versionId, since, reason FROM serving ORDER BY id DESC LIMIT 1').get() as
    | ServingPointerView
    | undefined;
  if (!row) return null;
  return servingVersionId(db) === row.versionId && currentPointer(db) !== null ? row : null;
}

/**
 * Compares two versions: their metrics side by side, and how many items their top-10 lists
 * share for the same customers (every n-th customer with a purchase, by row id, so the sample
 * is the same on every call).
 */
export function compareVersions(db: Db, a: number, b: number): VersionComparison {
  const first = getModelVersion(db, a);
  const second = getModelVersion(db, b);
  const sample = sampleCustomers(db);
  const rankA = new CustomerRecommender(db, asChoice(first));
  const rankB = new CustomerRecommender(db, asChoice(second));

  let shared = 0;
  let identical = 0;
  for (const customer of sample) {
    const listA = rankA.recommend(customer.externalId, customer.id, COMPARED_LIST).items.map((item) => item.sku);
    const listB = rankB.recommend(customer.externalId, customer.id, COMPARED_LIST).items.map((item) => item.sku);
    const inB = new Set(listB);
    shared += listA.filter((sku) => inB.has(sku)).length;
    if (listA.length === listB.length && listA.every((sku, index) => sku === listB[index])) identical += 1;
  }

  return {
    a: first,
    b: second,
    metricDelta: metricDelta(first.metrics, second.metrics),
    overlap: { customers: sample.length, meanShared: sample.length === 0 ? 0 : shared / sample.length, identicalLists: identical },
  };
}

const VERSION_SELECT = `
  SELECT v.id, v.run_id, v.model, v.parent_id, v.created_at, v.params_json, r.data_watermark,
         r.serving_model AS run_model,
         (SELECT MAX(last_order_at) FROM imports WHERE id <= r.data_watermark) AS data_through
  FROM model_versions v JOIN training_runs r ON r.id = v.run_id
  WHERE r.status = 'completed'`;

function toView(db: Db, row: VersionRow, servingId: number | null): ModelVersionView {
  const metrics = db
    .prepare('SELECT model, hr10, ndcg10, recall20, coverage, evaluated_customers AS evaluatedCustomers FROM model_metrics WHERE run_id = ? AND model = ?')
    .get(row.run_id, row.model) as ModelMetrics | undefined;
  return {
    versionId: row.id,
    runId: row.run_id,
    model: row.model,
    parentVersionId: row.parent_id,
    createdAt: row.created_at,
    dataWatermarkImportId: row.data_watermark,
    dataThrough: row.data_through === null ? null : new Date(row.data_through * 1000).toISOString(),
    params: JSON.parse(row.params_json) as Record<string, unknown>,
    metrics: metrics ?? null,
    chosenByRun: row.run_model === row.model,
    serving: row.id === servingId,
  };
}

function servingVersionId(db: Db): number | null {
  try {
    return servingChoice(db).versionId;
  } catch (error) {
    if (error instanceof ShopRecError && error.code === 'training.noRun') return null;
    throw error;
  }
}

function asChoice(version: ModelVersionView): ServingChoice {
  return { runId: version.runId, model: version.model, versionId: version.versionId, source: 'pointer' };
}

function sampleCustomers(db: Db): { id: number; externalId: string }[] {
  const customers = db
    .prepare(
      `SELECT c.id, c.external_id AS externalId FROM customers c
       WHERE EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.id AND e.kind = 'purchase')
       ORDER BY c.id`,
    )
    .all() as { id: number; externalId: string }[];
  const step = Math.max(1, Math.floor(customers.length / COMPARED_CUSTOMERS));
  return customers.filter((_, index) => index % step === 0).slice(0, COMPARED_CUSTOMERS);
}

function metricDelta(a: ModelMetrics | null, b: ModelMetrics | null): VersionComparison['metricDelta'] {
  if (!a || !b) return null;
  return { hr10: b.hr10 - a.hr10, ndcg10: b.ndcg10 - a.ndcg10, recall20: b.recall20 - a.recall20, coverage: b.coverage - a.coverage };
}
