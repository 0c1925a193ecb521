/**
 * What the fault tests check in a workspace after a crash or a failed import, read with a
 * plain better-sqlite3 connection so that the checks do not depend on the code under test.
 */
import Database from 'better-sqlite3';
import path from 'node:path';

import { DATABASE_FILE } from '../../src-main/core/store/database.ts';

type Db = Database.Database;

/** Tables whose row counts must be the same after a resumed operation as after a clean one. */
export const FACT_TABLES = [
  'imports',
  'rejected_rows',
  'customers',
  'items',
  'orders',
  'events',
  'knowledge_imports',
  'basket_totals',
  'item_baskets',
  'item_pairs',
  'customer_profiles',
  'similar_items',
  'column_mappings',
  'traffic_daily',
] as const;

export function openRaw(workspaceDir: string): Db {
  return new Database(path.join(workspaceDir, DATABASE_FILE));
}

export function tableCounts(db: Db, tables: readonly string[] = FACT_TABLES): Record<string, number> {
  return Object.fromEntries(tables.map((table) => [table, (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n]));
}

/** Every problem found, as readable lines; empty when the database is sound. */
export function consistencyProblems(db: Db): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
  if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(integrity.slice(0, 5))}`);
  const foreignKeys = db.pragma('foreign_key_check') as unknown[];
  if (foreignKeys.length > 0) problems.push(`foreign_key_check: ${foreignKeys.length} rows, first ${JSON.stringify(foreignKeys[0])}`);
  problems.push(...importProblems(db));
  problems.push(...missingIndexes(db));
  problems.push(...sharedFingerprints(db));
  return problems;
}

/** An import is whole when its stored rows match the counts it recorded at commit. */
function importProblems(db: Db): string[] {
  const problems: string[] = [];
  const imports = db.prepare(`SELECT id, counts_json AS counts FROM imports WHERE format NOT LIKE 'traffic%'`).all() as { id: number; counts: string }[];
  const kinds = db.prepare(`SELECT kind, COUNT(*) AS n FROM events WHERE import_id = ? GROUP BY kind`);
  const rejected = db.prepare('SELECT COUNT(*) FROM rejected_rows WHERE import_id = ?').pluck();
  const orders = db.prepare('SELECT COUNT(*) FROM orders WHERE import_id = ?').pluck();

  for (const row of imports) {
    const counts = JSON.parse(row.counts) as Partial<Record<string, number>>;
    const byKind = Object.fromEntries((kinds.all(row.id) as { kind: string; n: number }[]).map((k) => [k.kind, k.n]));
    const stored = { lineItems: byKind.purchase ?? 0, returns: byKind.return ?? 0, rejected: rejected.get(row.id), orders: orders.get(row.id) };
    for (const [name, value] of Object.entries(stored)) {
      if (counts[name] !== value) problems.push(`import ${row.id}: ${name} stored ${value}, recorded ${counts[name]}`);
    }
  }
  return problems;
}

/** The importer drops the events indexes during a bulk load; a crash must not lose them. */
function missingIndexes(db: Db): string[] {
  const names = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).pluck().all() as string[]);
  return ['events_by_customer', 'events_by_item'].filter((name) => !names.has(name)).map((name) => `index ${name} missing`);
}

/** No index enforces unique fingerprints, so a duplicate stored twice shows up only here. */
function sharedFingerprints(db: Db): string[] {
  const shared = db.prepare('SELECT COUNT(*) FROM (SELECT fingerprint FROM events GROUP BY fingerprint HAVING COUNT(*) > 1)').pluck().get() as number;
  return shared === 0 ? [] : [`${shared} fingerprints stored more than once`];
}

export interface CompletedRun {
  runId: number;
  metrics: { model: string; ndcg10: number; hr10: number }[];
  versions: number;
  popularityRows: number;
  neighbourRows: number;
}

/** The newest completed training run with its metrics and stored artefacts, or null. */
export function lastCompletedRun(db: Db): CompletedRun | null {
  const runId = db.prepare(`SELECT MAX(id) FROM training_runs WHERE status = 'completed'`).pluck().get() as number | null;
  if (runId === null) return null;
  const metrics = db.prepare('SELECT model, ndcg10, hr10 FROM model_metrics WHERE run_id = ? ORDER BY model').all(runId) as CompletedRun['metrics'];
  const versionIds = `(SELECT id FROM model_versions WHERE run_id = ${runId})`;
  return {
    runId,
    metrics,
    versions: db.prepare('SELECT COUNT(*) FROM model_versions WHERE run_id = ?').pluck().get(runId) as number,
    popularityRows: db.prepare(`SELECT COUNT(*) FROM item_popularity WHERE model_version_id IN ${versionIds}`).pluck().get() as number,
    neighbourRows: db.prepare(`SELECT COUNT(*) FROM item_neighbours WHERE model_version_id IN ${versionIds}`).pluck().get() as number,
  };
}

/** The imports list as the merchant sees it, for before/after comparisons. */
export function importsList(db: Db): unknown[] {
  return db.prepare('SELECT id, file_name, file_sha256, counts_json FROM imports ORDER BY id').all();
}
