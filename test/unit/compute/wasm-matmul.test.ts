import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { selectBackend } from '../../../src-main/core/compute/backend.ts';
import { SeededRandom } from '../../../src-main/core/sequential/random.ts';

type Case = { a: number[]; b: number[]; transposeA: boolean; transposeB: boolean };

/** Shapes as training uses them: dense gradients (transposed 2-D), the sampled softmax, attention (batched). */
const CASES: Case[] = [
  { a: [7, 5], b: [5, 3], transposeA: false, transposeB: false },
  { a: [5, 7], b: [5, 3], transposeA: true, transposeB: false },
  { a: [7, 5], b: [3, 5], transposeA: false, transposeB: true },
  { a: [5, 7], b: [3, 5], transposeA: true, transposeB: true },
  { a: [1, 5, 7], b: [1, 3, 5], transposeA: true, transposeB: true },
  { a: [4, 1, 6, 5], b: [4, 1, 6, 5], transposeA: false, transposeB: true },
  { a: [4, 6, 5], b: [4, 6, 3], transposeA: true, transposeB: false },
  // Every batch entry needs its own right-hand operand: the backend caches packed operands by tensor id.
  { a: [3, 2, 3], b: [3, 3, 2], transposeA: false, transposeB: false },
];

function product(backend: 'wasm' | 'cpu', c: Case, a: Float32Array, b: Float32Array): Float32Array {
  expect(tf.getBackend()).toBe(backend);
  return tf.tidy(() => tf.matMul(tf.tensor(a, c.a), tf.tensor(b, c.b), c.transposeA, c.transposeB).dataSync() as Float32Array);
}

describe('wasm matrix product on the fast path', () => {
  it.each(CASES)('matches the cpu backend for $a x $b (transposeA $transposeA, transposeB $transposeB)', async (c) => {
    const random = new SeededRandom(c.a.length * 31 + c.b[0]!);
    const a = Float32Array.from({ length: c.a.reduce((x, y) => x * y) }, () => random.nextNormal());
    const b = Float32Array.from({ length: c.b.reduce((x, y) => x * y) }, () => random.nextNormal());

    await selectBackend(['cpu']);
    const expected = product('cpu', c, a, b);
    await selectBackend(['wasm']);
    const before = tf.memory().numTensors;
    const actual = product('wasm', c, a, b);

    expect(actual.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, 4);
    // The transposed copies made inside the kernel are released again.
    expect(tf.memory().numTensors).toBe(before);
  });
});
