import type { ModelMetrics, ModelName, SplitDescription, TrainingRunSummary } from '../../api/contract.ts';
import type { Db } from '../store/database.ts';

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: TrainingRunSummary['status'];
  split_json: string | null;
  serving_model: string | null;
  choice_json: string | null;
  duration_ms: number | null;
  params_json: string;
}

interface MetricsRow {
  model: string;
  hr10: number;
  ndcg10: number;
  recall20: number;
  coverage: number;
  evaluated_customers: number;
}

/** Lists every training run, newest first. */
export function listTrainingRuns(db: Db): TrainingRunSummary[] {
  const rows = db.prepare('SELECT * FROM training_runs ORDER BY id DESC').all() as RunRow[];
  return rows.map((row) => toSummary(db, row));
}

export function getTrainingRun(db: Db, runId: number): TrainingRunSummary | null {
  const row = db.prepare('SELECT * FROM training_runs WHERE id = ?').get(runId) as RunRow | undefined;
  return row ? toSummary(db, row) : null;
}

/** Returns the newest completed run, which is the one that serves recommendations. */
export function latestCompletedRun(db: Db): TrainingRunSummary | null {
  const row = db
    .prepare(`SELECT * FROM training_runs WHERE status = 'completed' ORDER BY id DESC LIMIT 1`)
    .get() as RunRow | undefined;
  return row ? toSummary(db, row) : null;
}

function toSummary(db: Db, row: RunRow): TrainingRunSummary {
  const params = JSON.parse(row.params_json) as Partial<Pick<TrainingRunSummary, 'backend' | 'skipped'>>;
  const metrics = db
    .prepare('SELECT * FROM model_metrics WHERE run_id = ? ORDER BY model')
    .all(row.id) as MetricsRow[];
  return {
    runId: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    models: metrics.map(
      (m): ModelMetrics => ({
        model: m.model as ModelName,
        hr10: m.hr10,
        ndcg10: m.ndcg10,
        recall20: m.recall20,
        coverage: m.coverage,
        evaluatedCustomers: m.evaluated_customers,
      }),
    ),
    servingModel: row.serving_model as ModelName | null,
    choice: row.choice_json ? (JSON.parse(row.choice_json) as TrainingRunSummary['choice']) : null,
    split: row.split_json ? (JSON.parse(row.split_json) as SplitDescription) : null,
    durationMs: row.duration_ms,
    backend: params.backend ?? null,
    skipped: params.skipped ?? [],
  };
}
