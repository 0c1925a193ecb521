import type { ModelName } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import type { Db } from '../store/database.ts';

/** The model version that serves, and why it was chosen. */
export interface ServingChoice {
  runId: number;
  model: ModelName;
  versionId: number;
  /** `pointer`: the merchant chose it; `latest-run`: the newest completed run chose it. */
  source: 'pointer' | 'latest-run';
}

interface PointerRow {
  versionId: number;
  runId: number;
  model: ModelName;
  latestRunId: number | null;
}

/**
 * Returns the version that serves. The newest row of `serving` wins until a training run
 * completes after it was written. From then on that run's own choice (best NDCG@10) serves,
 * because the merchant trained again on purpose. Throws `training.noRun` when nothing can serve.
 */
export function servingChoice(db: Db): ServingChoice {
  const latest = db
    .prepare(`SELECT id, serving_model AS model FROM training_runs WHERE status = 'completed' ORDER BY id DESC LIMIT 1`)
    .get() as { id: number; model: ModelName } | undefined;
  const pointer = currentPointer(db);

  if (pointer && (latest === undefined || latest.id <= (pointer.latestRunId ?? 0))) {
    return { runId: pointer.runId, model: pointer.model, versionId: pointer.versionId, source: 'pointer' };
  }
  if (!latest) throw new ShopRecError('training.noRun');

  const version = versionOfRun(db, latest.id, latest.model);
  if (version === null) throw new ShopRecError('internal', { detail: `training run ${latest.id} has no ${latest.model} version` });
  return { runId: latest.id, model: latest.model, versionId: version, source: 'latest-run' };
}

/**
 * Returns the version the newest completed run chose, whether or not it serves, or null when
 * no run completed or its choice has no stored version.
 */
export function latestRunPick(db: Db): Omit<ServingChoice, 'source'> | null {
  const latest = db
    .prepare(`SELECT id, serving_model AS model FROM training_runs WHERE status = 'completed' ORDER BY id DESC LIMIT 1`)
    .get() as { id: number; model: ModelName | null } | undefined;
  if (!latest || latest.model === null) return null;

  const version = versionOfRun(db, latest.id, latest.model);
  return version === null ? null : { runId: latest.id, model: latest.model, versionId: version };
}

function versionOfRun(db: Db, runId: number, model: ModelName): number | null {
  const row = db.prepare('SELECT id FROM model_versions WHERE run_id = ? AND model = ?').get(runId, model) as { id: number } | undefined;
  return row?.id ?? null;
}

/** Returns the newest serving pointer row, or null when the merchant never chose a version. */
export function currentPointer(db: Db): PointerRow | null {
  const row = db
    .prepare(
      `SELECT s.model_version_id AS versionId, v.run_id AS runId, v.model, s.latest_run_id AS latestRunId
       FROM serving s JOIN model_versions v ON v.id = s.model_version_id
       ORDER BY s.id DESC LIMIT 1`,
    )
    .get() as PointerRow | undefined;
  return row ?? null;
}
