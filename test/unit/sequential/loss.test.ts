import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { selectBackend } from '../../../src-main/core/compute/backend.ts';
import { collisionMask, sampledSoftmaxLoss } from '../../../src-main/core/sequential/loss.ts';
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
