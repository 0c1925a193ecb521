/**
 * Ranking metrics with binary relevance. `ranked` is best first; `relevant` is the set of
 * items the customer actually bought in the held-out period.
 */

/** 1 when any of the first k ranked items is relevant, else 0. */
export function hitRate(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  const end = Math.min(k, ranked.length);
  for (let r = 0; r < end; r++) if (relevant.has(ranked[r]!)) return 1;
  return 0;
}

/** DCG@k over the ideal DCG of min(|relevant|, k) relevant items at the top. */
export function ndcg(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  const end = Math.min(k, ranked.length);
  for (let r = 0; r < end; r++) if (relevant.has(ranked[r]!)) dcg += 1 / Math.log2(r + 2);
  let ideal = 0;
  const idealHits = Math.min(relevant.size, k);
  for (let r = 0; r < idealHits; r++) ideal += 1 / Math.log2(r + 2);
  return dcg / ideal;
}

/** |relevant ∩ top k| / |relevant|. */
export function recall(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  const end = Math.min(k, ranked.length);
  for (let r = 0; r < end; r++) if (relevant.has(ranked[r]!)) hits += 1;
  return hits / relevant.size;
}
