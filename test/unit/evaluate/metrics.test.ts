import { describe, expect, it } from 'vitest';

import { hitRate, ndcg, recall } from '../../../src-main/core/evaluate/metrics.ts';

describe('ranking metrics', () => {
  it('ndcg with hits at ranks 1 and 3', () => {
    // DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal DCG = 1/log2(2) + 1/log2(3) = 1.6309.
    const value = ndcg([7, 8, 9, 10], new Set([7, 9]), 10);
    expect(value).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)), 10);
    expect(value).toBeCloseTo(0.9197, 4);
  });

  it('ndcg caps the ideal at k relevant items', () => {
    // 12 relevant items, one hit at rank 2: DCG = 1/log2(3); ideal = sum over 10 ranks.
    const relevant = new Set(Array.from({ length: 12 }, (_, i) => 100 + i));
    let ideal = 0;
    for (let r = 0; r < 10; r++) ideal += 1 / Math.log2(r + 2);
    expect(ndcg([1, 100, 2], relevant, 10)).toBeCloseTo(1 / Math.log2(3) / ideal, 10);
  });

  it('ndcg ignores hits beyond k', () => {
    expect(ndcg([1, 2, 3], new Set([3]), 2)).toBe(0);
  });

  it('hit rate at 10', () => {
    const ranked = Array.from({ length: 20 }, (_, i) => i);
    expect(hitRate(ranked, new Set([9]), 10)).toBe(1);
    expect(hitRate(ranked, new Set([10]), 10)).toBe(0);
  });

  it('recall at 20 over the relevant set', () => {
    const ranked = Array.from({ length: 20 }, (_, i) => i);
    expect(recall(ranked, new Set([0, 19, 50, 60]), 20)).toBe(0.5);
    expect(recall(ranked, new Set([0, 19, 50, 60]), 10)).toBe(0.25);
  });

  it('metrics of an empty relevant set are zero', () => {
    expect(ndcg([1], new Set(), 10)).toBe(0);
    expect(recall([1], new Set(), 20)).toBe(0);
  });
});
