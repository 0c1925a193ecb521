import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { selectBackend } from '../../../src-main/core/compute/backend.ts';
import {
  collisionMask, historyCollisionMask, historySampledSoftmaxLoss, sampledSoftmaxLoss,
} from '../../../src-main/core/sequential/loss.ts';
import { SeededRandom } from '../../../src-main/core/sequential/random.ts';

/** Computes the sampled-softmax loss in plain arithmetic, skipping negatives that equal the target. */
function lossByHand(hidden: number[][], items: number[][], targets: number[], negatives: number[]): number {
  const dot = (u: number[], v: number[]): number => u.reduce((s, x, k) => s + x * v[k]!, 0);
  let total = 0;
  hidden.forEach((h, i) => {
    const positive = dot(h, items[targets[i]!]!);
    const logits = [positive, ...negatives.filter((n) => n !== targets[i]).map((n) => dot(h, items[n]!))];
    const max = Math.max(...logits);
    const logSum = max + Math.log(logits.reduce((s, x) => s + Math.exp(x - max), 0));
    total += logSum - positive;
  });
  return total / hidden.length;
}

describe('sampled softmax loss', () => {
  it.each(['wasm', 'cpu'] as const)('equals the written-out cross-entropy on %s, with a negative that hits a target', async (backend) => {
    await selectBackend([backend]);
    const random = new SeededRandom(8);
    const d = 4;
    const items = Array.from({ length: 9 }, () => Array.from({ length: d }, () => random.nextNormal()));
    const hidden = Array.from({ length: 5 }, () => Array.from({ length: d }, () => random.nextNormal() * 2));
    const targets = [1, 3, 3, 8, 2];
    const negatives = [3, 5, 6, 7, 1, 4];

    const value = tf.tidy(() => sampledSoftmaxLoss(
      tf.tensor2d(hidden), tf.tensor1d(targets, 'int32'), tf.tensor1d(negatives, 'int32'),
      tf.tensor2d(collisionMask(Int32Array.from(targets), Int32Array.from(negatives)), [targets.length, negatives.length]),
      tf.tensor2d(items),
    ).dataSync()[0]!);

    expect(value).toBeCloseTo(lossByHand(hidden, items, targets, negatives), 4);
  });
});

describe('sampled softmax loss with negatives per history', () => {
  it.each(['wasm', 'cpu'] as const)('uses each history\'s own negatives on %s', async (backend) => {
    await selectBackend([backend]);
    const random = new SeededRandom(21);
    const d = 4;
    const length = 3;
    const items = Array.from({ length: 9 }, () => Array.from({ length: d }, () => random.nextNormal()));
    // Two histories of three positions; position 0 of the second one has nothing to predict.
    const hidden = Array.from({ length: 2 }, () => Array.from({ length }, () => Array.from({ length: d }, () => random.nextNormal())));
    const where = [0, 1, 2, 4, 5];
    const targets = [2, 5, 1, 7, 3];
    const negatives = [[5, 6, 8], [3, 4, 7]];

    const value = tf.tidy(() => historySampledSoftmaxLoss(
      tf.tensor3d(hidden), tf.tensor1d(where, 'int32'), tf.tensor1d(targets, 'int32'), tf.tensor1d(negatives.flat(), 'int32'),
      tf.tensor2d(historyCollisionMask(Int32Array.from(where), Int32Array.from(targets), Int32Array.from(negatives.flat()), length, 3), [5, 3]),
      tf.tensor2d(items),
    ).dataSync()[0]!);

    // Position by position: the first history's targets meet [5, 6, 8] (5 collides), the second's [3, 4, 7].
    const expected = where.map((flat, i) => {
      const row = Math.floor(flat / length);
      return lossByHand([hidden[row]![flat % length]!], items, [targets[i]!], negatives[row]!);
    });
    expect(value).toBeCloseTo(expected.reduce((s, x) => s + x, 0) / expected.length, 4);
  });

  it('masks a negative only in the history that drew it', () => {
    const mask = historyCollisionMask(Int32Array.from([1, 3]), Int32Array.from([4, 4]), Int32Array.from([4, 9, 2, 5]), 2, 2);
    expect(Array.from(mask)).toEqual([1, 0, 0, 0]);
  });
});
