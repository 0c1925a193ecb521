import { TopK } from './top-k.ts';

/** A neighbour list, best first; only its first `k` entries are used. */
export interface NeighbourList {
  neighbour: ArrayLike<number>;
  score: ArrayLike<number>;
}

/** Inputs of a ranking, in compact item indices; `neighboursOf` is absent for popularity. */
export interface RankingModel {
  itemCount: number;
  tieKeys: Uint32Array;
  isRebuy: Uint8Array;
  /** Items most bought first, and each item's buyers relative to the best seller (0..1). */
  popularityOrder: Int32Array;
  popularityScore: Float64Array;
  neighboursOf?: (item: number) => NeighbourList | undefined;
  /**
   * Dense models (ALS, the sequential model): a score for every item given the history, or null
   * when the model knows nothing about this customer. Used instead of `neighboursOf`.
   */
  scoreItems?: (history: HistoryView) => Float32Array | null;
  k: number;
  /** Recency half-life of history items in days; 0 weighs the whole history equally. */
  halfLifeDays: number;
  /** Only the most recent `maxHistory` history items are scored (all are still excluded). */
  maxHistory: number;
}

/** A customer's distinct items, newest first, with the last day each was bought. */
export interface HistoryView {
  item: ArrayLike<number>;
  lastDay: ArrayLike<number>;
  /** The customer's row in the model's own customer table (ALS), when it has one. */
  customer?: number;
}

export interface RankedItem {
  item: number;
  score: number;
  /** `model`: scored through neighbours of `via` (a history item); `popular`: filled from best sellers. */
  source: 'model' | 'popular';
  via: number;
  /** True when the customer bought it before (only re-buy items can come back). */
  rebuy: boolean;
}

/**
 * Ranks items for one customer. Rule shared by evaluation and serving: an item the customer
 * already bought is left out unless it is a re-buy item, and when the model scores fewer than
 * `limit` items the rest is filled from the best sellers. Buffers are reused between calls, so
 * one Ranker must not be shared between concurrent rankings.
 */
export class Ranker {
  private readonly scores: Float32Array;
  private readonly best: Float32Array;
  private readonly via: Int32Array;
  private readonly touched: Int32Array;
  private readonly inHistory: Uint8Array;
  private top = new TopK(0);

  constructor(readonly model: RankingModel) {
    this.scores = new Float32Array(model.itemCount);
    this.best = new Float32Array(model.itemCount);
    this.via = new Int32Array(model.itemCount);
    this.touched = new Int32Array(model.itemCount);
    this.inHistory = new Uint8Array(model.itemCount);
  }

  rank(history: HistoryView, limit: number): RankedItem[] {
    for (let h = 0; h < history.item.length; h++) this.inHistory[history.item[h]!] = 1;
    const ranked = this.model.scoreItems
      ? this.rankByScores(history, limit)
      : this.model.neighboursOf
        ? this.rankByNeighbours(history, limit)
        : [];
    if (ranked.length < limit) this.fillFromPopularity(ranked, limit);
    for (let h = 0; h < history.item.length; h++) this.inHistory[history.item[h]!] = 0;
    return ranked;
  }

  private excluded(item: number): boolean {
    return this.inHistory[item] === 1 && this.model.isRebuy[item] === 0;
  }

  private rankByNeighbours(history: HistoryView, limit: number): RankedItem[] {
    const { k, halfLifeDays, maxHistory, tieKeys } = this.model;
    const newestDay = history.lastDay[0] ?? 0;
    let touchedCount = 0;

    const scored = Math.min(history.item.length, maxHistory);
    for (let h = 0; h < scored; h++) {
      const source = history.item[h]!;
      const list = this.model.neighboursOf!(source);
      if (!list) continue;
      const age = newestDay - history.lastDay[h]!;
      const weight = halfLifeDays > 0 ? Math.pow(2, -age / halfLifeDays) : 1;
      const count = Math.min(k, list.neighbour.length);
      for (let n = 0; n < count; n++) {
        const item = list.neighbour[n]!;
        const contribution = weight * list.score[n]!;
        if (!(contribution > 0)) continue;
        if (this.scores[item] === 0) this.touched[touchedCount++] = item;
        this.scores[item]! += contribution;
        if (contribution > this.best[item]!) {
          this.best[item] = contribution;
          this.via[item] = source;
        }
      }
    }

    const top = this.topOf(limit);
    for (let t = 0; t < touchedCount; t++) {
      const item = this.touched[t]!;
      if (!this.excluded(item) && this.scores[item]! > 0) top.push(item, this.scores[item]!, tieKeys[item]!);
    }
    const ranked = top.drain().map(({ id, score }) => ({
      item: id,
      score,
      source: 'model' as const,
      via: this.via[id]!,
      rebuy: this.inHistory[id] === 1,
    }));

    for (let t = 0; t < touchedCount; t++) {
      const item = this.touched[t]!;
      this.scores[item] = 0;
      this.best[item] = 0;
    }
    return ranked;
  }

  /** Items are credited to the newest history item, the one a sequence model leans on most. */
  private rankByScores(history: HistoryView, limit: number): RankedItem[] {
    const scores = this.model.scoreItems!(history);
    if (!scores) return [];
    const top = this.topOf(limit);
    for (let item = 0; item < scores.length; item++) {
      if (!this.excluded(item) && scores[item]! > -Infinity) top.push(item, scores[item]!, this.model.tieKeys[item]!);
    }
    const via = history.item.length > 0 ? history.item[0]! : -1;
    return top.drain().map(({ id, score }) => ({
      item: id,
      score,
      source: via >= 0 ? ('model' as const) : ('popular' as const),
      via,
      rebuy: this.inHistory[id] === 1,
    }));
  }

  /**
   * Popularity items after model items get the popularity score scaled by the last model
   * score, so that scores still fall with rank.
   */
  private fillFromPopularity(ranked: RankedItem[], limit: number): void {
    const chosen = new Set(ranked.map((entry) => entry.item));
    const scale = ranked.length > 0 ? ranked[ranked.length - 1]!.score : 1;
    for (const item of this.model.popularityOrder) {
      if (ranked.length >= limit) return;
      if (this.excluded(item) || chosen.has(item)) continue;
      ranked.push({
        item,
        score: scale * this.model.popularityScore[item]!,
        source: 'popular',
        via: -1,
        rebuy: this.inHistory[item] === 1,
      });
    }
  }

  private topOf(limit: number): TopK {
    if (this.top.capacity !== limit) this.top = new TopK(limit);
    return this.top;
  }
}
