import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

import { selectBackend } from '../../../src-main/core/compute/backend.ts';

type Case = { name: string; shape: number[]; dtype: 'float32' | 'int32'; indices: number[][] | number[]; axis: number };

/** Row gathers as training makes them (item vectors, scalar rows, repeated rows), and one on another axis. */
const CASES: Case[] = [
  { name: 'item vectors', shape: [9, 20], dtype: 'float32', indices: [3, 0, 8, 3, 3, 1], axis: 0 },
  { name: 'short rows element by element', shape: [6, 3], dtype: 'float32', indices: [5, 2, 2], axis: 0 },
  { name: 'a vector of ids', shape: [7], dtype: 'int32', indices: [6, 0, 4], axis: 0 },
  { name: 'two-dimensional indices', shape: [5, 2, 9], dtype: 'float32', indices: [[4, 1], [0, 0]], axis: 0 },
  { name: 'columns (left to the original kernel)', shape: [4, 6], dtype: 'float32', indices: [5, 0], axis: 1 },
];

function gathered(backend: 'wasm' | 'cpu', c: Case): { values: number[]; shape: number[] } {
  expect(tf.getBackend()).toBe(backend);
  const size = c.shape.reduce((a, b) => a * b, 1);
  return tf.tidy(() => {
    const x = tf.tensor(Array.from({ length: size }, (_, i) => (i * 7) % 23 - 4.5 * (c.dtype === 'float32' ? 1 : 0)), c.shape, c.dtype);
    const result = tf.gather(x, tf.tensor(c.indices, undefined, 'int32'), c.axis);
    return { values: Array.from(result.dataSync()), shape: result.shape };
  });
}

describe('wasm row gather', () => {
  it.each(CASES)('matches the cpu backend for $name', async (c) => {
    await selectBackend(['cpu']);
    const expected = gathered('cpu', c);
    await selectBackend(['wasm']);
    const before = tf.memory().numTensors;

    expect(gathered('wasm', c)).toEqual(expected);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects an index past the last row', async () => {
    await selectBackend(['wasm']);
    const table = tf.zeros([3, 20]);
    const indices = tf.tensor1d([1, 3], 'int32');
    // The backend's own count: an output allocated and then abandoned has no tensor to count it.
    const before = tf.backend().numDataIds();

    expect(() => tf.gather(table, indices)).toThrow(/index value 3 is not in \[0, 2\]/);
    expect(tf.backend().numDataIds()).toBe(before);
    tf.dispose([table, indices]);
  });
});
