import { describe, expect, it } from 'vitest';

import { Ranker, type RankingModel } from '../../../src-main/core/models/ranker.ts';

/** Five items; item 0 is the best seller, 4 the least; item 1 is a re-buy item. */
function model(overrides: Partial<RankingModel> = {}): RankingModel {
  const neighbours: Record<number, { neighbour: number[]; score: number[] }> = {
    0: { neighbour: [1, 2, 3], score: [0.9, 0.5, 0.1] },
    3: { neighbour: [4, 0], score: [0.8, 0.4] },
  };
  return {
    itemCount: 5,
    tieKeys: new Uint32Array([0, 1, 2, 3, 4]),
    isRebuy: Uint8Array.from([0, 1, 0, 0, 0]),
    popularityOrder: Int32Array.from([0, 1, 2, 3, 4]),
    popularityScore: Float64Array.from([1, 0.8, 0.6, 0.4, 0.2]),
    neighboursOf: (item) => neighbours[item],
    k: 10,
    halfLifeDays: 0,
    maxHistory: 100,
    ...overrides,
  };
}

describe('ranker', () => {
  it('drops bought items unless re-buy items', () => {
    const ranker = new Ranker(model());
    const ranked = ranker.rank({ item: [0, 1], lastDay: [10, 10] }, 3);
    expect(ranked.map((r) => r.item)).toEqual([1, 2, 3]);
    expect(ranked[0]!.rebuy).toBe(true);
    expect(ranked[1]!.via).toBe(0);
  });

  it('sums neighbour scores and remembers the top source', () => {
    const ranker = new Ranker(model());
    const ranked = ranker.rank({ item: [3, 0], lastDay: [10, 9] }, 2);
    // item 1: 0.9 (via 0); item 4: 0.8 (via 3); item 2: 0.5.
    expect(ranked.map((r) => [r.item, r.via])).toEqual([
      [1, 0],
      [4, 3],
    ]);
    expect(ranked[0]!.score).toBeCloseTo(0.9, 6);
  });

  it('weighs older history items by half-life', () => {
    const ranker = new Ranker(model({ halfLifeDays: 10 }));
    // item 0 was bought 10 days before item 3, so its neighbours count half.
    const ranked = ranker.rank({ item: [3, 0], lastDay: [20, 10] }, 2);
    expect(ranked.map((r) => r.item)).toEqual([4, 1]);
    expect(ranked[1]!.score).toBeCloseTo(0.45, 6);
  });

  it('fills from best sellers with falling scores', () => {
    const ranker = new Ranker(model());
    const ranked = ranker.rank({ item: [3], lastDay: [5] }, 4);
    // Item 3's neighbours 4 and 0 come from the model, then best sellers fill.
    expect(ranked.map((r) => [r.item, r.source])).toEqual([
      [4, 'model'],
      [0, 'model'],
      [1, 'popular'],
      [2, 'popular'],
    ]);
    expect(ranked[2]!.score).toBeCloseTo(0.4 * 0.8, 6);
    expect(ranked[3]!.score).toBeLessThan(ranked[2]!.score);
  });

  it('popularity model excludes bought items', () => {
    const ranker = new Ranker(model({ neighboursOf: undefined }));
    const ranked = ranker.rank({ item: [0, 1, 2], lastDay: [1, 1, 1] }, 3);
    expect(ranked.map((r) => r.item)).toEqual([1, 3, 4]);
    expect(ranked.map((r) => r.rebuy)).toEqual([true, false, false]);
  });
});
