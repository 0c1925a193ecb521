/** Scores every item as the next one after a customer's history, with trained weights. */
import * as tf from '@tensorflow/tfjs-core';

import { ensureBackend } from '../compute/backend.ts';
import type { SequentialArchitecture } from './config.ts';
import { encodeSequences, type NetworkTensors } from './network.ts';
import { checkShapes, type SerializedWeights } from './weights.ts';

export interface ScoredItem {
  item: number;
  score: number;
}

/** Weights loaded onto the active backend once, for scoring many histories; call dispose() after. */
export interface SequentialScorer {
  readonly numItems: number;
  /** Scores [sequences.length x numItems], row-major; item i of row r at r * numItems + i. */
  scoreBatch(sequences: readonly Int32Array[]): Float32Array;
  dispose(): void;
}

export async function createSequentialScorer(weights: SerializedWeights): Promise<SequentialScorer> {
  checkShapes(weights.architecture, weights.tensors);
  await ensureBackend();

  const arch = weights.architecture;
  const tensors: NetworkTensors = {};
  for (const [name, { shape, values }] of Object.entries(weights.tensors)) tensors[name] = tf.tensor(values, shape, 'float32');
  const itemsWithoutPadding = tf.slice(tensors.itemEmbedding!, [1, 0], [arch.numItems, arch.hiddenSize]);

  return {
    numItems: arch.numItems,
    scoreBatch: (sequences) => scoreBatch(tensors, itemsWithoutPadding as tf.Tensor2D, arch, sequences),
    dispose: () => {
      itemsWithoutPadding.dispose();
      for (const tensor of Object.values(tensors)) tensor.dispose();
    },
  };
}

function scoreBatch(tensors: NetworkTensors, items: tf.Tensor2D, arch: SequentialArchitecture, sequences: readonly Int32Array[]): Float32Array {
  if (sequences.length === 0) return new Float32Array(0);
  const length = Math.max(1, Math.min(arch.maxLength, Math.max(...sequences.map((s) => s.length))));
  const ids = new Int32Array(sequences.length * length);

  sequences.forEach((sequence, row) => {
    const recent = sequence.subarray(Math.max(0, sequence.length - length));
    const pad = length - recent.length;
    for (let t = 0; t < recent.length; t++) ids[row * length + pad + t] = recent[t]! + 1;
  });

  const scores = tf.tidy(() => {
    const hidden = encodeSequences(tensors, arch, tf.tensor2d(ids, [sequences.length, length], 'int32'), { dropout: 0 });
    const last = tf.reshape(tf.slice(hidden, [0, length - 1, 0], [sequences.length, 1, arch.hiddenSize]), [sequences.length, arch.hiddenSize]);
    return tf.matMul(last, items, false, true);
  });
  const values = scores.dataSync() as Float32Array;
  scores.dispose();
  return values;
}

/**
 * Returns the `topK` items most likely to come next after `sequence`, best first, leaving out
 * `exclude` (for example items the customer already bought). Ties keep the lower item number.
 */
export async function scoreNextItems(
  weights: SerializedWeights,
  sequence: Int32Array,
  topK: number,
  exclude?: ReadonlySet<number>,
): Promise<ScoredItem[]> {
  const scorer = await createSequentialScorer(weights);
  try {
    return topItems(scorer.scoreBatch([sequence]), topK, exclude);
  } finally {
    scorer.dispose();
  }
}

/** Picks the best `topK` of one score row. */
export function topItems(scores: Float32Array, topK: number, exclude?: ReadonlySet<number>): ScoredItem[] {
  const order: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!exclude?.has(i)) order.push(i);
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order.slice(0, topK).map((item) => ({ item, score: scores[item]! }));
}
