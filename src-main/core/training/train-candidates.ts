/**
 * Fits, evaluates and refits EASE, ALS and the sequential model for one run, on the same split
 * and with the same Ranker rule as popularity and item-kNN.
 */
import type { ModelMetrics, ModelName, TrainingRunSummary } from '../../api/contract.ts';
import { evaluateRanker } from '../evaluate/evaluate-ranker.ts';
import type { NeighbourTable } from '../models/item-knn.ts';
import { Ranker, type RankingModel } from '../models/ranker.ts';
import { serializeWeights } from '../sequential/weights.ts';
import type { LongWorkOptions } from '../progress.ts';
import type { SequentialTrainingParams } from '../sequential/config.ts';
import type { Db } from '../store/database.ts';
import { ALS_SETTINGS, alsRankingModel, EASE_SETTINGS, easeRankingModel, fitAls, fitEaseTable, sequencesOf, sequentialRankingModel } from './candidates.ts';
import { floatBytes, idBytes } from './checkpoints.ts';
import type { FittedModels } from './fit.ts';
import type { CustomerHistories } from './histories.ts';
import type { Interactions } from './interactions.ts';
import { MIN_SEQUENCES, trainSequentialCandidate } from './sequential-candidate.ts';
import { MAX_HISTORY } from './tune.ts';

export interface CandidateContext {
  db: Db;
  runId: number;
  watermark: number;
  seed: number;
  interactions: Interactions;
  trained: FittedModels;
  served: FittedModels;
  heldOut: CustomerHistories;
  base: RankingModel;
  servedBase: RankingModel;
}

export interface CandidateResults {
  metrics: ModelMetrics[];
  modelParams: Partial<Record<ModelName, object>>;
  ease: NeighbourTable | null;
  blobs: Partial<Record<ModelName, Record<string, Uint8Array>>>;
  skipped: TrainingRunSummary['skipped'];
}

export async function trainCandidates(
  context: CandidateContext,
  models: ModelName[],
  options: LongWorkOptions & { sequential?: Partial<SequentialTrainingParams> | undefined },
): Promise<CandidateResults> {
  const { interactions, trained, served, heldOut, seed } = context;
  const numItems = interactions.itemIds.length;
  const purchased = trained.popularity.order.length;
  const progress = options.onProgress ?? (() => undefined);
  const evaluate = (model: ModelName, ranking: RankingModel): ModelMetrics =>
    evaluateRanker(model, new Ranker(ranking), trained.histories, heldOut, purchased, { signal: options.signal });
  const results: CandidateResults = { metrics: [], modelParams: {}, ease: null, blobs: {}, skipped: [] };

  if (models.includes('ease')) {
    progress('train.ease', 0, 1);
    const table = fitEaseTable(trained.histories, trained.popularity.order, numItems, { signal: options.signal });
    results.metrics.push(evaluate('ease', easeRankingModel(context.base, table, MAX_HISTORY)));
    results.ease = fitEaseTable(served.histories, served.popularity.order, numItems, { signal: options.signal });
    results.modelParams.ease = { ...EASE_SETTINGS, maxHistory: MAX_HISTORY, seed };
    progress('train.ease', 1, 1);
  }

  if (models.includes('als')) {
    progress('train.als', 0, 1);
    const model = fitAls(trained.histories, numItems, seed, { signal: options.signal });
    results.metrics.push(evaluate('als', alsRankingModel(context.base, model)));
    const servedModel = fitAls(served.histories, numItems, seed, { signal: options.signal });
    results.blobs.als = {
      items: idBytes(interactions.itemIds),
      customers: idBytes(interactions.customerIds),
      itemFactors: floatBytes(servedModel.itemFactors),
      customerFactors: floatBytes(servedModel.userFactors),
    };
    results.modelParams.als = { ...ALS_SETTINGS, seed };
    progress('train.als', 1, 1);
  }

  if (models.includes('sequential')) {
    const sequences = sequencesOf(trained.histories);
    const usable = sequences.filter((s) => s.length >= 2).length;
    if (usable < MIN_SEQUENCES) {
      results.skipped.push({ model: 'sequential', key: 'skip.tooFewSequences', params: { customers: usable, needed: MIN_SEQUENCES } });
    } else {
      const candidate = await trainSequentialCandidate(
        context.db,
        { runId: context.runId, watermark: context.watermark, sequences, itemIds: interactions.itemIds, params: { seed, ...options.sequential } },
        { signal: options.signal, onProgress: options.onProgress },
      );
      results.metrics.push(evaluate('sequential', sequentialRankingModel(context.base, candidate.weights)));
      // Serving reuses these weights: retraining on the held-out day would double the longest
      // step, and scoring still reads each customer's full history, the last day included.
      results.blobs.sequential = { weights: serializeWeights(candidate.weights), items: idBytes(interactions.itemIds) };
      results.modelParams.sequential = {
        ...candidate.params, start: candidate.start, epochsTrained: candidate.epochsTrained, losses: candidate.losses, textEncoder: candidate.textEncoder,
      };
    }
  }
  return results;
}
