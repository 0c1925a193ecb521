import type { ModelMetrics, ModelName, SplitDescription, TrainingRunSummary } from '../../api/contract.ts';
import type { Association } from '../models/associations.ts';
import type { NeighbourTable } from '../models/item-knn.ts';
import type { PopularityModel } from '../models/popularity.ts';
import type { Db } from '../store/database.ts';
import { deleteCheckpointsUpTo } from './checkpoints.ts';
import { relativePopularity } from './fit.ts';
import { ownerIsAlive, THIS_THREAD } from './run-owner.ts';

/** Everything one run learned, in compact item indices; `itemIds` maps them to database ids. */
export interface RunResult {
  itemIds: number[];
  split: SplitDescription;
  metrics: ModelMetrics[];
  servingModel: ModelName;
  choice: NonNullable<TrainingRunSummary['choice']>;
  modelParams: Partial<Record<ModelName, object>>;
  popularity: PopularityModel;
  neighbours: NeighbourTable | null;
  neighbourCount: number;
  associations: Association[];
  /** EASE's top weights per item, stored as neighbour lists of the 'ease' version. */
  ease: NeighbourTable | null;
  /** Dense artefacts per model, by kind (see migration 005). */
  blobs: Partial<Record<ModelName, Record<string, Uint8Array>>>;
  backend: TrainingRunSummary['backend'];
  skipped: TrainingRunSummary['skipped'];
}

/** Records a new run as running, owned by the calling thread. */
export function insertRunningRun(db: Db, params: object): number {
  const watermark = (db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM imports').get() as { id: number }).id;
  const info = db
    .prepare(
      `INSERT INTO training_runs (started_at, status, params_json, data_watermark, owner_pid, owner_started_ms, owner_thread)
       VALUES (?, 'running', ?, ?, ?, ?, ?)`,
    )
    .run(new Date().toISOString(), JSON.stringify(params), watermark, THIS_THREAD.pid, THIS_THREAD.startedMs, THIS_THREAD.thread);
  return Number(info.lastInsertRowid);
}

/**
 * Marks runs recorded as running whose process no longer runs as failed: it was killed or
 * crashed before it could record how the run ended. The checkpoints of such a run stay, so the
 * next training resumes from them. Runs of live processes, such as the app training while the
 * command line opens the same workspace, are left alone. Returns the number of runs marked.
 */
export function markInterruptedRuns(db: Db): number {
  const running = db
    .prepare(
      `SELECT id, owner_pid AS pid, owner_started_ms AS startedMs, owner_thread AS thread FROM training_runs WHERE status = 'running'`,
    )
    .all() as { id: number; pid: number | null; startedMs: number | null; thread: number | null }[];
  const markFailed = db.prepare(`UPDATE training_runs SET status = 'failed', finished_at = ? WHERE id = ? AND status = 'running'`);
  const now = new Date().toISOString();
  let marked = 0;
  for (const run of running) {
    if (!ownerIsAlive(run)) marked += markFailed.run(now, run.id).changes;
  }
  return marked;
}

/** Marks a run that stopped early; a small write of its own, because nothing else is stored. */
export function markRunEnded(db: Db, runId: number, status: 'failed' | 'cancelled', durationMs: number): void {
  db.prepare('UPDATE training_runs SET status = ?, finished_at = ?, duration_ms = ? WHERE id = ?').run(
    status,
    new Date().toISOString(),
    durationMs,
    runId,
  );
}

/**
 * Stores a finished run in one transaction: metrics, model versions, their artefacts and the
 * 'completed' status appear together or not at all, so readers never see half a model.
 */
/**
 * `startedMs` is the run's start (Date.now()), so the stored duration includes this write.
 * NOTE: artefacts of older runs are kept (about 250k rows per run on the full UCI data) and
 * nothing prunes them yet.
 */
export function storeCompletedRun(db: Db, runId: number, result: RunResult, startedMs: number): void {
  const now = new Date().toISOString();
  const ids = result.itemIds;
  const insertMetrics = db.prepare(
    `INSERT INTO model_metrics (run_id, model, hr10, ndcg10, recall20, coverage, evaluated_customers)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertVersion = db.prepare(
    'INSERT INTO model_versions (run_id, model, params_json, created_at) VALUES (?, ?, ?, ?)',
  );
  const insertPopularity = db.prepare(
    'INSERT INTO item_popularity (model_version_id, item_id, customers, score, rebuy_rate) VALUES (?, ?, ?, ?, ?)',
  );
  const insertNeighbour = db.prepare(
    `INSERT INTO item_neighbours (model_version_id, item_id, rank, neighbour_id, score, support)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertAssociation = db.prepare(
    `INSERT INTO item_associations (run_id, item_id, other_item_id, orders_together, support, confidence, lift)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  db.transaction(() => {
    for (const m of result.metrics) {
      insertMetrics.run(runId, m.model, m.hr10, m.ndcg10, m.recall20, m.coverage, m.evaluatedCustomers);
    }

    const versionOf = (model: ModelName): number =>
      Number(insertVersion.run(runId, model, JSON.stringify(result.modelParams[model] ?? {}), now).lastInsertRowid);

    const popularityVersion = versionOf('popularity');
    const score = relativePopularity(result.popularity.buyers);
    for (const item of result.popularity.order) {
      insertPopularity.run(popularityVersion, ids[item], result.popularity.buyers[item], score[item], result.popularity.rebuyRate[item]);
    }

    const storeNeighbours = (version: number, table: NeighbourTable, count: number): void => {
      for (let item = 0; item + 1 < table.offsets.length; item++) {
        const end = Math.min(table.offsets[item + 1]!, table.offsets[item]! + count);
        for (let n = table.offsets[item]!; n < end; n++) {
          insertNeighbour.run(version, ids[item], n - table.offsets[item]! + 1, ids[table.neighbour[n]!], table.score[n], table.support[n]);
        }
      }
    };
    if (result.neighbours) storeNeighbours(versionOf('item-knn'), result.neighbours, result.neighbourCount);
    if (result.ease) storeNeighbours(versionOf('ease'), result.ease, Number.MAX_SAFE_INTEGER);
    const insertBlob = db.prepare('INSERT INTO model_blobs (model_version_id, kind, bytes) VALUES (?, ?, ?)');
    for (const [model, blobs] of Object.entries(result.blobs)) {
      const version = versionOf(model as ModelName);
      for (const [kind, bytes] of Object.entries(blobs)) insertBlob.run(version, kind, bytes);
    }

    for (const a of result.associations) {
      insertAssociation.run(runId, ids[a.item], ids[a.other], a.ordersTogether, a.support, a.confidence, a.lift);
    }
    // The checkpoints go with the same commit that stores the weights, so a crash between
    // training and storing can still resume from the last epoch.
    if (result.blobs.sequential) deleteCheckpointsUpTo(db, runId);

    db.prepare(
      `UPDATE training_runs SET status = 'completed', finished_at = ?, duration_ms = ?, split_json = ?,
         serving_model = ?, choice_json = ?,
         params_json = json_set(params_json, '$.backend', json(?), '$.skipped', json(?)) WHERE id = ?`,
    ).run(now, Date.now() - startedMs, JSON.stringify(result.split), result.servingModel, JSON.stringify(result.choice),
      JSON.stringify(result.backend), JSON.stringify(result.skipped), runId);
  })();
}
