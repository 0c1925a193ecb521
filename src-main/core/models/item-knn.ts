import { throwIfCancelled } from '../errors.ts';
import type { CustomerHistories } from '../training/histories.ts';
import { TopK } from './top-k.ts';

export interface ItemKnnParams {
  /** Neighbours kept per item. */
  k: number;
  /**
   * Only each customer's most recent `maxHistory` distinct items enter the co-occurrence
   * counts. Pair counting costs the sum of squared history lengths, and a few wholesalers
   * with 1,000+ distinct items would otherwise dominate both the time and the similarities.
   */
  maxHistory: number;
}

/** Each item's top-k neighbours, best first, in CSR form: item i owns [offsets[i], offsets[i + 1]). */
export interface NeighbourTable {
  offsets: Int32Array;
  neighbour: Int32Array;
  /** Cosine similarity over the binary customer x item matrix. */
  score: Float32Array;
  /** Customers who bought both items. */
  support: Int32Array;
}

/**
 * Fits item-kNN: cosine(i, j) = |buyers(i) ∩ buyers(j)| / sqrt(|buyers(i)| |buyers(j)|).
 * Co-occurrence rows are built one item at a time (row-by-row sparse product) into a dense
 * accumulator of length itemCount, so memory stays O(items + history entries) at any catalogue
 * size and no items x items matrix is ever allocated.
 */
export function fitItemKnn(
  histories: CustomerHistories,
  itemCount: number,
  params: ItemKnnParams,
  tieKeys: Uint32Array,
  options: { signal?: AbortSignal; onItems?: (done: number, total: number) => void } = {},
): NeighbourTable {
  const capped = capHistories(histories, params.maxHistory);
  const buyersOf = invert(capped, itemCount);
  const buyerCount = new Float64Array(itemCount);
  for (let item = 0; item < itemCount; item++) buyerCount[item] = buyersOf.offsets[item + 1]! - buyersOf.offsets[item]!;

  const counts = new Int32Array(itemCount);
  const touched = new Int32Array(itemCount);
  const top = new TopK(params.k);
  const offsets = new Int32Array(itemCount + 1);
  const neighbour: number[] = [];
  const score: number[] = [];
  const support: number[] = [];

  for (let item = 0; item < itemCount; item++) {
    let touchedCount = 0;
    for (let b = buyersOf.offsets[item]!; b < buyersOf.offsets[item + 1]!; b++) {
      const customer = buyersOf.customer[b]!;
      for (let e = capped.offsets[customer]!; e < capped.offsets[customer + 1]!; e++) {
        const other = capped.item[e]!;
        if (other === item) continue;
        if (counts[other] === 0) touched[touchedCount++] = other;
        counts[other]! += 1;
      }
    }

    for (let t = 0; t < touchedCount; t++) {
      const other = touched[t]!;
      top.push(other, counts[other]! / Math.sqrt(buyerCount[item]! * buyerCount[other]!), tieKeys[other]!);
    }
    for (const kept of top.drain()) {
      neighbour.push(kept.id);
      score.push(kept.score);
      support.push(counts[kept.id]!);
    }
    for (let t = 0; t < touchedCount; t++) counts[touched[t]!] = 0;
    offsets[item + 1] = neighbour.length;

    if (item % 256 === 255) {
      throwIfCancelled(options.signal);
      options.onItems?.(item + 1, itemCount);
    }
  }

  return {
    offsets,
    neighbour: Int32Array.from(neighbour),
    score: Float32Array.from(score),
    support: Int32Array.from(support),
  };
}

interface CappedHistories {
  offsets: Int32Array;
  item: Int32Array;
}

/** Histories are newest first, so the first `maxHistory` entries are the most recent ones. */
function capHistories(histories: CustomerHistories, maxHistory: number): CappedHistories {
  const offsets = new Int32Array(histories.customerCount + 1);
  const items: number[] = [];
  for (let c = 0; c < histories.customerCount; c++) {
    const start = histories.offsets[c]!;
    const end = Math.min(histories.offsets[c + 1]!, start + maxHistory);
    for (let e = start; e < end; e++) items.push(histories.item[e]!);
    offsets[c + 1] = items.length;
  }
  return { offsets, item: Int32Array.from(items) };
}

function invert(capped: CappedHistories, itemCount: number): { offsets: Int32Array; customer: Int32Array } {
  const offsets = new Int32Array(itemCount + 1);
  for (const item of capped.item) offsets[item + 1]! += 1;
  for (let item = 0; item < itemCount; item++) offsets[item + 1]! += offsets[item]!;
  const cursor = offsets.slice(0, itemCount);
  const customer = new Int32Array(capped.item.length);
  for (let c = 0; c + 1 < capped.offsets.length; c++) {
    for (let e = capped.offsets[c]!; e < capped.offsets[c + 1]!; e++) customer[cursor[capped.item[e]!]!++] = c;
  }
  return { offsets, customer };
}
