import { describe, expect, it } from 'vitest';

import { CancelledError } from '../../../src-main/core/errors.ts';
import type { TextEncoder } from '../../../src-main/core/text/embed.ts';
import { createBuiltinEncoder } from '../../../src-main/core/text/builtin-encoder.ts';
import { searchByText, similarByText } from '../../../src-main/core/text/similar-items.ts';

function randomUnitVectors(count: number, dimension: number, seed: number): Float32Array[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: dimension }, next);
    const length = Math.hypot(...vector);
    return vector.map((value) => value / length);
  });
}

/** Every pair scored one by one in float64, to check the blocked version against. */
function bruteForce(vectors: Float32Array[], k: number): number[][] {
  return vectors.map((a, i) =>
    vectors
      .map((b, j) => ({ j, score: a.reduce((sum, value, d) => sum + value * b[d]!, 0) }))
      .filter(({ j }) => j !== i)
      .sort((x, y) => y.score - x.score)
      .slice(0, k)
      .map(({ j }) => j),
  );
}

describe('similarByText', () => {
  it('matches brute force over several blocks', async () => {
    // 203 rows make a partial last block; dimension 37 leaves a remainder after 4 columns.
    const vectors = randomUnitVectors(203, 37, 3);

    const result = await similarByText(vectors, 5);

    expect(result.map((list) => list.map((neighbour) => neighbour.index))).toEqual(bruteForce(vectors, 5));
    for (const list of result) {
      for (let i = 1; i < list.length; i += 1) expect(list[i]!.score).toBeLessThanOrEqual(list[i - 1]!.score);
    }
  });

  it('never lists an item as its own neighbour', async () => {
    const vectors = randomUnitVectors(4, 8, 5);
    vectors.push(vectors[0]!.slice());

    const result = await similarByText(vectors, 10);

    result.forEach((list, i) => {
      expect(list).toHaveLength(4);
      expect(list.map((neighbour) => neighbour.index)).not.toContain(i);
    });
    expect(result[0]![0]!.index).toBe(4);
    expect(result[0]![0]!.score).toBeCloseTo(1, 5);
  });

  it('handles no vectors and k of zero', async () => {
    expect(await similarByText([], 3)).toEqual([]);
    expect(await similarByText(randomUnitVectors(3, 4, 1), 0)).toEqual([[], [], []]);
  });

  it('rejects vectors of different lengths', async () => {
    await expect(similarByText([new Float32Array(4), new Float32Array(5)], 1)).rejects.toThrow(RangeError);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();

    await expect(similarByText(randomUnitVectors(10, 4, 1), 2, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('searchByText', () => {
  const catalogue = ['女士红色连衣裙', '男士运动鞋', '无线蓝牙耳机', 'Organic Whole Milk', 'Creamy Peanut Butter', '儿童羽绒服'];

  it('finds the products a query names', async () => {
    const encoder: TextEncoder = createBuiltinEncoder(catalogue);
    const vectors = await encoder.embed(catalogue);

    const earphones = await searchByText(encoder, vectors, '蓝牙耳机', 2);
    const milk = await searchByText(encoder, vectors, 'whole milk', 1);

    expect(earphones).toHaveLength(2);
    expect(earphones[0]!.index).toBe(2);
    expect(earphones[0]!.score).toBeGreaterThan(earphones[1]!.score);
    expect(milk[0]!.index).toBe(3);
  });

  it('returns at most as many items as there are', async () => {
    const encoder = createBuiltinEncoder(catalogue);
    const vectors = await encoder.embed(catalogue.slice(0, 2));

    expect(await searchByText(encoder, vectors, '连衣裙', 10)).toHaveLength(2);
  });
});
