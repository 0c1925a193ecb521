/** Non-sequential baselines for the quality benchmark, each returning a per-user scoring function. */
import { scoreEase, trainEase } from '../../../src-main/core/models/ease.ts';

export type Scorer = (history: Int32Array) => Float32Array;

export function popularity(train: readonly Int32Array[], numItems: number): Scorer {
  const counts = new Float32Array(numItems);
  for (const sequence of train) for (const item of sequence) counts[item]! += 1;
  return () => counts;
}

/** Item-kNN: cosine similarity of items' customer sets, summed over the user's distinct items. */
export function itemKnn(train: readonly Int32Array[], numItems: number): Scorer {
  const users: number[][] = Array.from({ length: numItems }, () => []);
  const distinct = train.map((s) => [...new Set(s)]);
  distinct.forEach((items, u) => {
    for (const item of items) users[item]!.push(u);
  });

  return (history) => {
    const scores = new Float32Array(numItems);
    const co = new Float32Array(numItems);
    for (const h of new Set(history)) {
      co.fill(0);
      for (const u of users[h]!) for (const item of distinct[u]!) co[item]! += 1;
      for (let item = 0; item < numItems; item++) {
        if (co[item]! === 0 || item === h) continue;
        scores[item]! += co[item]! / Math.sqrt(users[h]!.length * users[item]!.length);
      }
    }
    return scores;
  };
}

/**
 * EASE over the `maxItems` most popular items (the dense inverse costs n³); other items score
 * -Infinity, so they rank last in random order.
 */
export function ease(train: readonly Int32Array[], numItems: number, lambda: number, maxItems: number): Scorer {
  const counts = new Float32Array(numItems);
  for (const sequence of train) for (const item of sequence) counts[item]! += 1;
  const kept = Array.from({ length: numItems }, (_, i) => i).sort((a, b) => counts[b]! - counts[a]!).slice(0, maxItems);
  const local = new Int32Array(numItems).fill(-1);
  kept.forEach((item, i) => (local[item] = i));

  const rows = train.map((s) => Int32Array.from([...s].map((i) => local[i]!).filter((i) => i >= 0)));
  const model = trainEase(rows, kept.length, lambda);

  return (history) => {
    const localScores = scoreEase(model, [...history].map((i) => local[i]!).filter((i) => i >= 0));
    const scores = new Float32Array(numItems).fill(-Infinity);
    kept.forEach((item, i) => (scores[item] = localScores[i]!));
    return scores;
  };
}
