import { describe, expect, it } from 'vitest';

import { fitItemKnn } from '../../../src-main/core/models/item-knn.ts';
import type { CustomerHistories } from '../../../src-main/core/training/histories.ts';

/** Histories of customers given as item lists (newest first), with every item bought once. */
function histories(customers: number[][]): CustomerHistories {
  const offsets = new Int32Array(customers.length + 1);
  customers.forEach((items, c) => (offsets[c + 1] = offsets[c]! + items.length));
  const item = Int32Array.from(customers.flat());
  return { customerCount: customers.length, offsets, item, lastDay: new Int32Array(item.length), days: new Int32Array(item.length).fill(1) };
}

const ties = new Uint32Array([0, 1, 2, 3]);

describe('item-kNN', () => {
  it('cosine on a 3 x 3 binary matrix', () => {
    // Buyers: item 0 {a, b}, item 1 {a, b, c}, item 2 {b, c}.
    // cos(0,1) = 2/sqrt(2*3); cos(0,2) = 1/sqrt(2*2); cos(1,2) = 2/sqrt(3*2).
    const table = fitItemKnn(histories([[0, 1], [0, 1, 2], [1, 2]]), 3, { k: 5, maxHistory: 10 }, ties);
    const row = (item: number) =>
      Array.from(table.neighbour.subarray(table.offsets[item], table.offsets[item + 1]), (n, i) => ({
        n,
        score: table.score[table.offsets[item]! + i]!,
        support: table.support[table.offsets[item]! + i]!,
      }));

    const item0 = row(0);
    expect(item0.map((e) => e.n)).toEqual([1, 2]);
    expect(item0[0]!.score).toBeCloseTo(2 / Math.sqrt(6), 6);
    expect(item0[1]!.score).toBeCloseTo(0.5, 6);
    expect(item0.map((e) => e.support)).toEqual([2, 1]);

    const item1 = row(1);
    expect(item1.map((e) => e.n)).toEqual([0, 2]);
    expect(item1[0]!.score).toBeCloseTo(item1[1]!.score, 6);
    expect(row(2)[0]!.score).toBeCloseTo(2 / Math.sqrt(6), 6);
  });

  it('keeps only k neighbours', () => {
    const table = fitItemKnn(histories([[0, 1, 2, 3]]), 4, { k: 2, maxHistory: 10 }, ties);
    for (let item = 0; item < 4; item++) expect(table.offsets[item + 1]! - table.offsets[item]!).toBe(2);
  });

  it('breaks equal scores by tie key', () => {
    const reversed = new Uint32Array([3, 2, 1, 0]);
    const table = fitItemKnn(histories([[0, 1, 2, 3]]), 4, { k: 3, maxHistory: 10 }, reversed);
    expect(Array.from(table.neighbour.subarray(table.offsets[0], table.offsets[1]))).toEqual([3, 2, 1]);
  });

  it('caps long histories at the newest items', () => {
    // Customer a has 4 items but only the newest 2 (3 and 2) count; item 0 then has no buyers.
    const table = fitItemKnn(histories([[3, 2, 1, 0], [1, 0]]), 4, { k: 5, maxHistory: 2 }, ties);
    expect(Array.from(table.neighbour.subarray(table.offsets[3], table.offsets[4]))).toEqual([2]);
    expect(Array.from(table.neighbour.subarray(table.offsets[0], table.offsets[1]))).toEqual([1]);
    expect(table.score[table.offsets[3]!]).toBeCloseTo(1, 6);
  });
});
