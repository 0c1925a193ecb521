/**
 * The learned candidates beside popularity and item-kNN, fitted on customer histories and turned
 * into ranking models for the shared Ranker, so evaluation and serving apply the same re-buy
 * exclusion and best-seller fill to every model.
 */
import { trainAls, type AlsModel, type SparseRow } from '../models/als.ts';
import { trainEase } from '../models/ease.ts';
import type { NeighbourTable } from '../models/item-knn.ts';
import type { HistoryView, RankingModel } from '../models/ranker.ts';
import type { LongWorkOptions } from '../progress.ts';
import { scoreSequence } from '../sequential/score-sync.ts';
import type { SerializedWeights } from '../sequential/weights.ts';
import type { CustomerHistories } from './histories.ts';

/** EASE inverts a dense matrix (n³), so it learns only the best-selling items of larger shops. */
export const EASE_SETTINGS = { lambda: 50, maxItems: 1500, neighbours: 100 };
export const ALS_SETTINGS = { factors: 32, regularization: 0.05, alpha: 10, iterations: 10, cgSteps: 3 };

/**
 * Fits EASE on the `maxItems` best sellers and keeps each item's `neighbours` largest positive
 * weights, stored and ranked like item-kNN neighbour lists. Negative weights are dropped: they
 * only push items down, and the Ranker scores just the items some history item points to.
 */
export function fitEaseTable(histories: CustomerHistories, popularityOrder: Int32Array, numItems: number, options: LongWorkOptions = {}): NeighbourTable {
  const kept = popularityOrder.subarray(0, Math.min(EASE_SETTINGS.maxItems, popularityOrder.length));
  const local = new Int32Array(numItems).fill(-1);
  kept.forEach((item, i) => (local[item] = i));

  const rows: Int32Array[] = [];
  for (let c = 0; c < histories.customerCount; c++) {
    const items = histories.item.subarray(histories.offsets[c], histories.offsets[c + 1]);
    const mapped = Int32Array.from(items, (item) => local[item]!).filter((i) => i >= 0);
    if (mapped.length > 0) rows.push(mapped);
  }
  const model = trainEase(rows, kept.length, EASE_SETTINGS.lambda, options);
  return neighbourTableFromDense(model.weights, kept, numItems);
}

function neighbourTableFromDense(weights: Float32Array, kept: Int32Array, numItems: number): NeighbourTable {
  const n = kept.length;
  const lists: { neighbour: number[]; score: number[] }[] = Array.from({ length: numItems }, () => ({ neighbour: [], score: [] }));
  for (let i = 0; i < n; i++) {
    const row = weights.subarray(i * n, (i + 1) * n);
    const best = Array.from({ length: n }, (_, j) => j)
      .filter((j) => row[j]! > 0)
      .sort((a, b) => row[b]! - row[a]! || a - b)
      .slice(0, EASE_SETTINGS.neighbours);
    lists[kept[i]!] = { neighbour: best.map((j) => kept[j]!), score: best.map((j) => row[j]!) };
  }

  const offsets = new Int32Array(numItems + 1);
  lists.forEach((list, item) => (offsets[item + 1] = offsets[item]! + list.neighbour.length));
  const total = offsets[numItems]!;
  const table = { offsets, neighbour: new Int32Array(total), score: new Float32Array(total), support: new Int32Array(total) };
  lists.forEach((list, item) => {
    table.neighbour.set(list.neighbour, offsets[item]);
    table.score.set(list.score, offsets[item]);
  });
  return table;
}

/** A neighbour-list ranking model over `table` (EASE lists are summed over the whole history). */
export function easeRankingModel(base: RankingModel, table: NeighbourTable, maxHistory: number): RankingModel {
  return {
    ...base,
    neighboursOf: (item) => ({
      neighbour: table.neighbour.subarray(table.offsets[item], table.offsets[item + 1]),
      score: table.score.subarray(table.offsets[item], table.offsets[item + 1]),
    }),
    k: EASE_SETTINGS.neighbours,
    halfLifeDays: 0,
    maxHistory,
  };
}

/** ALS on customer x item counts of distinct purchase days; customers are histories' rows. */
export function fitAls(histories: CustomerHistories, numItems: number, seed: number, options: LongWorkOptions = {}): AlsModel {
  const rows: SparseRow[] = [];
  for (let c = 0; c < histories.customerCount; c++) {
    const start = histories.offsets[c]!;
    const end = histories.offsets[c + 1]!;
    rows.push({ indices: histories.item.slice(start, end), values: Float32Array.from(histories.days.subarray(start, end)) });
  }
  return trainAls(rows, numItems, { ...ALS_SETTINGS, seed }, options);
}

/**
 * Ranks with the customer's own factors; a customer the model has no row for (or an empty one)
 * gets best sellers. `items` maps the model's item rows to the ranking's item indices.
 */
export function alsRankingModel(base: RankingModel, model: AlsModel, items: Int32Array = identity(model.itemFactors.length / model.factors)): RankingModel {
  const d = model.factors;
  const users = model.userFactors.length / d;
  return {
    ...base,
    scoreItems: (history: HistoryView) => {
      const user = history.customer;
      if (user === undefined || user < 0 || user >= users || history.item.length === 0) return null;
      const scores = new Float32Array(base.itemCount).fill(-Infinity);
      for (let row = 0; row < items.length; row++) {
        if (items[row]! < 0) continue;
        let sum = 0;
        for (let k = 0; k < d; k++) sum += model.userFactors[user * d + k]! * model.itemFactors[row * d + k]!;
        scores[items[row]!] = sum;
      }
      return scores;
    },
  };
}

/**
 * Ranks with the sequential model's next-item scores. Histories are newest first, so the model
 * reads them reversed; items the model has no row for score -Infinity.
 */
export function sequentialRankingModel(base: RankingModel, weights: SerializedWeights, items: Int32Array = identity(weights.architecture.numItems)): RankingModel {
  const modelRow = new Int32Array(base.itemCount).fill(-1);
  items.forEach((index, row) => {
    if (index >= 0) modelRow[index] = row;
  });
  return {
    ...base,
    scoreItems: (history: HistoryView) => {
      const sequence: number[] = [];
      for (let h = history.item.length - 1; h >= 0; h--) {
        const row = modelRow[history.item[h]!]!;
        if (row >= 0) sequence.push(row);
      }
      if (sequence.length === 0) return null;
      const rowScores = scoreSequence(weights, sequence);
      const scores = new Float32Array(base.itemCount).fill(-Infinity);
      for (let row = 0; row < items.length; row++) if (items[row]! >= 0) scores[items[row]!] = rowScores[row]!;
      return scores;
    },
  };
}

/** Each customer's distinct items oldest first, as the sequential model trains on them. */
export function sequencesOf(histories: CustomerHistories): Int32Array[] {
  const sequences: Int32Array[] = [];
  for (let c = 0; c < histories.customerCount; c++) {
    sequences.push(histories.item.slice(histories.offsets[c], histories.offsets[c + 1]).reverse());
  }
  return sequences;
}

function identity(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}
