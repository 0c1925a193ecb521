import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { selectBackend } from '../../../src-main/core/compute/backend.ts';

/** Gradient of sum(gather(table, ids) * weights) with respect to the table, on a given backend. */
async function embeddingGradient(backend: 'wasm' | 'cpu', table: Float32Array, ids: number[], weights: Float32Array): Promise<Float32Array> {
  await selectBackend([backend]);
  expect(tf.getBackend()).toBe(backend);
  return tf.tidy(() => {
    const variable = tf.tensor2d(table, [5, 3]);
    const lookup = (t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor1d(ids, 'int32')), tf.tensor2d(weights, [ids.length, 3])));
    return tf.grad(lookup)(variable).dataSync() as Float32Array;
  });
}

describe('registered kernels', () => {
  it('embedding gradient on wasm matches cpu', async () => {
    const table = Float32Array.from({ length: 15 }, (_, i) => i / 7);
    const ids = [4, 1, 4, 0, 4];
    const weights = Float32Array.from({ length: 15 }, (_, i) => (i % 4) - 1.5);

    const onWasm = await embeddingGradient('wasm', table, ids, weights);
    const onCpu = await embeddingGradient('cpu', table, ids, weights);

    // Row r of the gradient is the sum of the weight rows whose id is r: computed by hand here.
    const expected = new Float32Array(15);
    ids.forEach((id, n) => {
      for (let k = 0; k < 3; k++) expected[id * 3 + k]! += weights[n * 3 + k]!;
    });
    for (let i = 0; i < 15; i++) {
      expect(onWasm[i]).toBeCloseTo(expected[i]!, 5);
      expect(onWasm[i]).toBeCloseTo(onCpu[i]!, 5);
    }
  });

  it.each(['wasm', 'cpu'] as const)('segment sum drops out-of-range ids on %s', async (backend) => {
    await selectBackend([backend]);
    const sums = tf.unsortedSegmentSum(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]), tf.tensor1d([2, -1, 2], 'int32'), 3);

    expect(Array.from(sums.dataSync())).toEqual([0, 0, 0, 0, 6, 8]);
  });
});
