import type { ModelMetrics, ModelName } from '../../api/contract.ts';
import { throwIfCancelled } from '../errors.ts';
import type { Ranker } from '../models/ranker.ts';
import type { CustomerHistories } from '../training/histories.ts';
import { hitRate, ndcg, recall } from './metrics.ts';

export const EVALUATION_DEPTH = 20;

/**
 * Scores a ranker on held-out purchases. Every customer with held-out items is evaluated
 * against the distinct items of their held-out day, including items the exclusion rule hides
 * from them, so the metrics measure exactly what the product would serve.
 */
export function evaluateRanker(
  model: ModelName,
  ranker: Ranker,
  train: CustomerHistories,
  heldOut: CustomerHistories,
  purchasedItems: number,
  options: { signal?: AbortSignal; onCustomers?: (done: number, total: number) => void } = {},
): ModelMetrics {
  let evaluated = 0;
  let hits = 0;
  let ndcgSum = 0;
  let recallSum = 0;
  const shown = new Set<number>();

  for (let c = 0; c < heldOut.customerCount; c++) {
    const start = heldOut.offsets[c]!;
    const end = heldOut.offsets[c + 1]!;
    if (start === end) continue;

    const history = {
      item: train.item.subarray(train.offsets[c], train.offsets[c + 1]),
      lastDay: train.lastDay.subarray(train.offsets[c], train.offsets[c + 1]),
      customer: c,
    };
    const ranked = ranker.rank(history, EVALUATION_DEPTH).map((entry) => entry.item);
    const relevant = new Set(heldOut.item.subarray(start, end));

    hits += hitRate(ranked, relevant, 10);
    ndcgSum += ndcg(ranked, relevant, 10);
    recallSum += recall(ranked, relevant, 20);
    for (const item of ranked.slice(0, 10)) shown.add(item);
    evaluated += 1;

    if (evaluated % 500 === 0) {
      throwIfCancelled(options.signal);
      options.onCustomers?.(c, heldOut.customerCount);
    }
  }

  return {
    model,
    hr10: evaluated > 0 ? hits / evaluated : 0,
    ndcg10: evaluated > 0 ? ndcgSum / evaluated : 0,
    recall20: evaluated > 0 ? recallSum / evaluated : 0,
    coverage: purchasedItems > 0 ? shown.size / purchasedItems : 0,
    evaluatedCustomers: evaluated,
  };
}
