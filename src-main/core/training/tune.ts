import { evaluateRanker } from '../evaluate/evaluate-ranker.ts';
import { Ranker } from '../models/ranker.ts';
import { buildHistories } from './histories.ts';
import type { Interactions } from './interactions.ts';
import { fitModels, knnRankingModel, type KnnSettings } from './fit.ts';
import { splitByLastDay } from './split.ts';

export const MAX_HISTORY = 500;
export const DEFAULT_KNN: KnnSettings = { k: 100, halfLifeDays: 0, maxHistory: MAX_HISTORY };
const K_GRID = [50, 100];
const HALF_LIFE_GRID = [0, 30, 120];

export interface Tuning {
  chosen: KnnSettings;
  /** `validation` when chosen on the validation split, `defaults` when it was too small. */
  source: 'validation' | 'defaults';
  trials: { k: number; halfLifeDays: number; ndcg10: number }[];
  validationCustomers: number;
}

/**
 * Picks item-kNN's k and recency half-life on a validation split cut from the training lines
 * (each customer's last training day, which for test customers is their second-to-last day),
 * so the test split is never used for tuning.
 */
export function tuneItemKnn(
  interactions: Interactions,
  train: Uint8Array,
  tieKeys: Uint32Array,
  minCustomers: number,
  signal?: AbortSignal,
): Tuning {
  const validation = splitByLastDay(interactions, train);
  if (validation.testCustomers < minCustomers) {
    return { chosen: DEFAULT_KNN, source: 'defaults', trials: [], validationCustomers: validation.testCustomers };
  }

  const fitted = fitModels(interactions, validation.train, { k: Math.max(...K_GRID), maxHistory: MAX_HISTORY }, tieKeys, {
    signal,
  });
  const heldOut = buildHistories(interactions, validation.test);
  const purchased = fitted.popularity.order.length;

  const trials: Tuning['trials'] = [];
  let chosen = DEFAULT_KNN;
  let bestNdcg = -1;
  for (const k of K_GRID) {
    for (const halfLifeDays of HALF_LIFE_GRID) {
      const settings = { k, halfLifeDays, maxHistory: MAX_HISTORY };
      const ranker = new Ranker(knnRankingModel(fitted, settings, tieKeys));
      const metrics = evaluateRanker('item-knn', ranker, fitted.histories, heldOut, purchased, { signal });
      trials.push({ k, halfLifeDays, ndcg10: metrics.ndcg10 });
      if (metrics.ndcg10 > bestNdcg) {
        bestNdcg = metrics.ndcg10;
        chosen = settings;
      }
    }
  }
  return { chosen, source: 'validation', trials, validationCustomers: validation.testCustomers };
}
