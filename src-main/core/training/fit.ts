import { fitItemKnn, type ItemKnnParams, type NeighbourTable } from '../models/item-knn.ts';
import { fitPopularity, type PopularityModel } from '../models/popularity.ts';
import type { RankingModel } from '../models/ranker.ts';
import { buildHistories, type CustomerHistories } from './histories.ts';
import type { Interactions } from './interactions.ts';

/** Item-kNN settings the validation search picks from; maxHistory is fixed. */
export interface KnnSettings extends ItemKnnParams {
  halfLifeDays: number;
}

export interface FittedModels {
  histories: CustomerHistories;
  popularity: PopularityModel;
  /** Fitted with the largest k asked for; rankings use the first k entries of each list. */
  neighbours: NeighbourTable | null;
}

export function fitModels(
  interactions: Interactions,
  include: Uint8Array,
  knn: ItemKnnParams | null,
  tieKeys: Uint32Array,
  options: { signal?: AbortSignal; onItems?: (done: number, total: number) => void } = {},
): FittedModels {
  const histories = buildHistories(interactions, include);
  const popularity = fitPopularity(interactions, include, histories, tieKeys);
  const neighbours = knn ? fitItemKnn(histories, interactions.itemIds.length, knn, tieKeys, options) : null;
  return { histories, popularity, neighbours };
}

export function popularityRankingModel(fitted: FittedModels, tieKeys: Uint32Array): RankingModel {
  return {
    itemCount: tieKeys.length,
    tieKeys,
    isRebuy: fitted.popularity.isRebuy,
    popularityOrder: fitted.popularity.order,
    popularityScore: relativePopularity(fitted.popularity.buyers),
    k: 0,
    halfLifeDays: 0,
    maxHistory: 0,
  };
}

export function knnRankingModel(fitted: FittedModels, settings: KnnSettings, tieKeys: Uint32Array): RankingModel {
  const table = fitted.neighbours;
  if (!table) throw new Error('item-kNN ranking asked for without fitted neighbours');
  return {
    ...popularityRankingModel(fitted, tieKeys),
    neighboursOf: (item) => ({
      neighbour: table.neighbour.subarray(table.offsets[item], table.offsets[item + 1]),
      score: table.score.subarray(table.offsets[item], table.offsets[item + 1]),
    }),
    k: settings.k,
    halfLifeDays: settings.halfLifeDays,
    maxHistory: settings.maxHistory,
  };
}

/** Buyers relative to the best seller, 0..1. */
export function relativePopularity(buyers: Float64Array): Float64Array {
  let max = 0;
  for (const value of buyers) max = Math.max(max, value);
  return buyers.map((value) => (max > 0 ? value / max : 0));
}
