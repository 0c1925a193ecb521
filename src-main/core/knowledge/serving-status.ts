import type { ModelMetrics, ServingStatus } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import { servingPointer } from './model-registry.ts';
import { latestRunPick, servingChoice, type ServingChoice } from './serving-pointer.ts';

/**
 * Describes the version that serves, the merchant's choice behind it, and the newest run's
 * own pick, so a view can show when the two differ. Returns null before the first completed run.
 */
export function servingStatus(db: Db): ServingStatus | null {
  const choice = servingChoiceOrNull(db);
  if (!choice) return null;

  const metrics = db
    .prepare('SELECT model, hr10, ndcg10, recall20, coverage, evaluated_customers AS evaluatedCustomers FROM model_metrics WHERE run_id = ? AND model = ?')
    .get(choice.runId, choice.model) as ModelMetrics | undefined;

  return {
    versionId: choice.versionId,
    runId: choice.runId,
    model: choice.model,
    source: choice.source,
    pointer: choice.source === 'pointer' ? servingPointer(db) : null,
    metrics: metrics ?? null,
    latestPick: latestRunPick(db),
  };
}

function servingChoiceOrNull(db: Db): ServingChoice | null {
  try {
    return servingChoice(db);
  } catch (error) {
    if (error instanceof ShopRecError && error.code === 'training.noRun') return null;
    throw error;
  }
}
