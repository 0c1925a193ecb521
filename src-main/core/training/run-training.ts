import type { ModelMetrics, ModelName, TrainingRunSummary } from '../../api/contract.ts';
import { ensureBackend } from '../compute/backend.ts';
import { CancelledError, ShopRecError, throwIfCancelled } from '../errors.ts';
import { evaluateRanker } from '../evaluate/evaluate-ranker.ts';
import { createLogger } from '../log.ts';
import { ASSOCIATION_DEFAULTS, fitAssociations } from '../models/associations.ts';
import { REBUY_MIN_BUYERS, REBUY_THRESHOLD } from '../models/popularity.ts';
import { Ranker } from '../models/ranker.ts';
import { tieBreakKeys } from '../models/tie-break.ts';
import type { LongWorkOptions } from '../progress.ts';
import type { SequentialTrainingParams } from '../sequential/config.ts';
import type { Db } from '../store/database.ts';
import { fitModels, knnRankingModel, popularityRankingModel } from './fit.ts';
import { buildHistories } from './histories.ts';
import { loadInteractions } from './interactions.ts';
import { getTrainingRun, listTrainingRuns } from './run-queries.ts';
import { splitByLastDay } from './split.ts';
import { insertRunningRun, markInterruptedRuns, markRunEnded, storeCompletedRun, type RunResult } from './store-run.ts';
import { trainCandidates } from './train-candidates.ts';
import { tuneItemKnn } from './tune.ts';

export { listTrainingRuns };

/** Every candidate, in the order runs list them. */
export const ALL_MODELS: readonly ModelName[] = ['popularity', 'item-knn', 'ease', 'als', 'sequential'];

export interface TrainingOptions extends LongWorkOptions {
  /**
   * Models to evaluate (default: all); popularity is always trained because every other model
   * fills its lists from it.
   */
  models?: ModelName[];
  /** Seed of the tie-break order between equal scores. */
  seed?: number;
  /** Overrides of the sequential model's settings (tests and benchmarks use fewer epochs). */
  sequential?: Partial<SequentialTrainingParams>;
}

/** Fewer test customers than this make the metrics too noisy to choose a model by. */
export const MIN_TEST_CUSTOMERS = 10;

const log = createLogger('training');

/**
 * Trains and evaluates the models, picks the one with the best NDCG@10, refits the served
 * artefacts on all purchases and stores the run. A failed or cancelled run is marked as such
 * and stores nothing else, so the previous completed run keeps serving.
 */
export async function runTraining(db: Db, options: TrainingOptions = {}): Promise<TrainingRunSummary> {
  const models: ModelName[] = ['popularity', ...ALL_MODELS.filter((m) => m !== 'popularity' && (options.models?.includes(m) ?? true))];
  const seed = options.seed ?? 1;
  const startedMs = Date.now();
  // Runs whose process was killed (a command line stopped with kill -9) would otherwise stay
  // 'running' in the history. Runs of live processes are left alone.
  markInterruptedRuns(db);
  const runId = insertRunningRun(db, {
    models,
    seed,
    rebuy: { threshold: REBUY_THRESHOLD, minBuyers: REBUY_MIN_BUYERS },
    associations: ASSOCIATION_DEFAULTS,
  });

  try {
    const result = await train(db, runId, models, seed, options);
    options.onProgress?.('train.store', 0, 1);
    storeCompletedRun(db, runId, result, startedMs);
    options.onProgress?.('train.store', 1, 1);
    log.info('training run completed', { runId, servingModel: result.servingModel, durationMs: Date.now() - startedMs });
  } catch (error) {
    const cancelled = error instanceof CancelledError;
    markRunEnded(db, runId, cancelled ? 'cancelled' : 'failed', Date.now() - startedMs);
    // A condition the merchant can fix (too little data) reaches them as the error's own
    // message, so the log keeps it at info. Anything else is a failure for a maintainer.
    if (error instanceof ShopRecError && error.kind === 'user') log.info('training run stopped', { runId, code: error.code });
    else if (!cancelled) log.error('training run failed', { runId, error: String(error) });
    throw error;
  }
  return getTrainingRun(db, runId)!;
}

async function train(db: Db, runId: number, models: ModelName[], seed: number, options: TrainingOptions): Promise<RunResult> {
  const { signal, onProgress } = options;
  const progress = onProgress ?? (() => undefined);

  progress('train.load', 0, 0);
  const interactions = loadInteractions(db, (done, total) => progress('train.load', done, total));
  const tieKeys = tieBreakKeys(interactions.itemIds, seed);
  await nextPhase(signal);

  progress('train.split', 0, 1);
  const split = splitByLastDay(interactions);
  if (split.testCustomers < MIN_TEST_CUSTOMERS) {
    throw new ShopRecError('training.notEnoughData', { customers: split.testCustomers, needed: MIN_TEST_CUSTOMERS });
  }
  const heldOut = buildHistories(interactions, split.test);
  progress('train.split', 1, 1);
  await nextPhase(signal);

  progress('train.item-knn', 0, 0);
  const useKnn = models.includes('item-knn');
  const tuning = useKnn ? tuneItemKnn(interactions, split.train, tieKeys, MIN_TEST_CUSTOMERS, signal) : null;
  await nextPhase(signal);
  const onItems = (done: number, total: number): void => progress('train.item-knn', done, total);
  const trained = fitModels(interactions, split.train, tuning?.chosen ?? null, tieKeys, { signal, onItems });
  progress('train.popularity', 1, 1);
  await nextPhase(signal);

  progress('train.evaluate', 0, heldOut.customerCount);
  const purchased = trained.popularity.order.length;
  const metrics: ModelMetrics[] = [];
  const onCustomers = (done: number, total: number): void => progress('train.evaluate', done, total);
  const popularityRanker = new Ranker(popularityRankingModel(trained, tieKeys));
  metrics.push(evaluateRanker('popularity', popularityRanker, trained.histories, heldOut, purchased, { signal, onCustomers }));
  if (tuning) {
    const knnRanker = new Ranker(knnRankingModel(trained, tuning.chosen, tieKeys));
    metrics.push(evaluateRanker('item-knn', knnRanker, trained.histories, heldOut, purchased, { signal, onCustomers }));
  }
  await nextPhase(signal);

  // The served artefacts learn from every purchase, the held-out days included.
  const all = new Uint8Array(interactions.size).fill(1);
  const served = fitModels(interactions, all, tuning?.chosen ?? null, tieKeys, { signal, onItems });
  const associations = fitAssociations(interactions, all, ASSOCIATION_DEFAULTS, tieKeys, signal);
  await nextPhase(signal);

  const backend = models.includes('sequential') ? await ensureBackend() : null;
  const candidates = await trainCandidates(
    {
      db, runId, watermark: dataWatermark(db, runId), seed, interactions, trained, served, heldOut,
      base: popularityRankingModel(trained, tieKeys),
      servedBase: popularityRankingModel(served, tieKeys),
    },
    models,
    { signal, onProgress, sequential: options.sequential },
  );
  metrics.push(...candidates.metrics);
  await nextPhase(signal);

  const { servingModel, choice } = chooseServingModel(metrics);
  return {
    itemIds: interactions.itemIds,
    split: {
      rule: 'last-purchase-day-per-customer',
      trainEvents: split.trainLines,
      testEvents: split.testLines,
      testCustomers: split.testCustomers,
      catalogItems: served.popularity.order.length,
    },
    metrics,
    servingModel,
    choice,
    modelParams: {
      popularity: { seed, rebuyThreshold: REBUY_THRESHOLD, rebuyMinBuyers: REBUY_MIN_BUYERS },
      ...(tuning ? { 'item-knn': { ...tuning.chosen, seed, tuning } } : {}),
      ...candidates.modelParams,
    },
    popularity: served.popularity,
    neighbours: served.neighbours,
    neighbourCount: tuning?.chosen.k ?? 0,
    associations,
    ease: candidates.ease,
    blobs: candidates.blobs,
    backend: backend ? { name: backend.name, labelKey: backend.labelKey } : null,
    skipped: candidates.skipped,
  };
}

/** Best NDCG@10 serves; on a tie the simpler popularity model wins. */
function chooseServingModel(metrics: ModelMetrics[]): Pick<RunResult, 'servingModel' | 'choice'> {
  const ranked = [...metrics].sort((a, b) => b.ndcg10 - a.ndcg10 || (a.model === 'popularity' ? -1 : 1));
  const best = ranked[0]!;
  const runnerUp = ranked[1];
  if (!runnerUp) {
    return { servingModel: best.model, choice: { key: 'choice.onlyModel', params: { model: best.model, ndcg: round(best.ndcg10) } } };
  }
  return {
    servingModel: best.model,
    choice: {
      key: 'choice.bestNdcg',
      params: { model: best.model, ndcg: round(best.ndcg10), other: runnerUp.model, otherNdcg: round(runnerUp.ndcg10) },
    },
  };
}

function round(value: number): string {
  return value.toFixed(3);
}

function dataWatermark(db: Db, runId: number): number {
  return (db.prepare('SELECT data_watermark FROM training_runs WHERE id = ?').pluck().get(runId) as number | null) ?? 0;
}

/** Lets queued events (such as an abort from the host) run between phases. */
async function nextPhase(signal: AbortSignal | undefined): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  throwIfCancelled(signal);
}
