/**
 * Forward pass of the causal transformer (SASRec-style, pre-layer-norm): item plus learned
 * position embeddings, then blocks of causal multi-head self-attention and a pointwise ReLU
 * feed-forward layer, each with a residual connection, and a final layer norm. Written with
 * tfjs-core ops only, so every backend runs the same computation.
 */
import * as tf from '@tensorflow/tfjs-core';

import type { SequentialArchitecture } from './config.ts';

export type NetworkTensors = Record<string, tf.Tensor>;

export interface ForwardOptions {
  /** Dropout rate; 0 when scoring. */
  dropout: number;
  /** Seed source for dropout masks, so a training run repeats for a seed. */
  nextSeed?: () => number;
}

/**
 * Maps left-padded item ids [batch, length] (0 = padding, items from 1) to hidden states
 * [batch, length, hiddenSize]. Position embeddings are aligned to the right end of the window,
 * so the latest item always has the last position.
 */
export function encodeSequences(
  w: NetworkTensors,
  arch: SequentialArchitecture,
  ids: tf.Tensor2D,
  options: ForwardOptions,
): tf.Tensor3D {
  const [batch, length] = ids.shape;
  const d = arch.hiddenSize;
  const keep = tf.cast(tf.notEqual(ids, 0), 'float32');
  const keep3 = tf.reshape(keep, [batch, length, 1]);

  const positions = tf.slice(w.positionEmbedding!, [arch.maxLength - length, 0], [length, d]);
  let x = tf.add(tf.gather(w.itemEmbedding!, ids), positions) as tf.Tensor3D;
  x = tf.mul(dropout(x, options), keep3);

  const mask = attentionMask(keep as tf.Tensor2D, length);
  for (let b = 0; b < arch.numBlocks; b++) {
    const p = `block${b}.`;
    const attended = selfAttention(w, p, arch, layerNorm(x, w[`${p}attentionNormGamma`]!, w[`${p}attentionNormBeta`]!), mask);
    x = tf.add(x, dropout(attended, options));

    const normed = layerNorm(x, w[`${p}feedForwardNormGamma`]!, w[`${p}feedForwardNormBeta`]!);
    const hidden = tf.relu(dense(normed, w[`${p}feedForwardIn`]!, w[`${p}feedForwardInBias`]!));
    const fed = dense(dropout(hidden, options), w[`${p}feedForwardOut`]!, w[`${p}feedForwardOutBias`]!);
    x = tf.mul(tf.add(x, dropout(fed, options)), keep3);
  }

  return layerNorm(x, w.finalNormGamma!, w.finalNormBeta!);
}

/** Additive mask [batch, 1, length, length]: 0 where a query may attend a key, -1e9 elsewhere. */
function attentionMask(keep: tf.Tensor2D, length: number): tf.Tensor4D {
  const causal = tf.linalg.bandPart(tf.ones([length, length]), -1, 0);
  const [batch] = keep.shape;
  const allowed = tf.mul(causal, tf.reshape(keep, [batch, 1, 1, length]));
  // A padded query sees no key at all; letting it see itself keeps its softmax finite.
  const withSelf = tf.maximum(allowed, tf.eye(length));
  return tf.mul(tf.sub(1, withSelf), -1e9) as tf.Tensor4D;
}

function selfAttention(w: NetworkTensors, p: string, arch: SequentialArchitecture, x: tf.Tensor3D, mask: tf.Tensor4D): tf.Tensor3D {
  const [batch, length, d] = x.shape;
  const heads = arch.numHeads;
  const headSize = d / heads;
  const split = (t: tf.Tensor3D): tf.Tensor4D =>
    tf.transpose(tf.reshape(t, [batch, length, heads, headSize]), [0, 2, 1, 3]);

  const q = split(dense(x, w[`${p}query`]!, w[`${p}queryBias`]!));
  const k = split(dense(x, w[`${p}key`]!, w[`${p}keyBias`]!));
  const v = split(dense(x, w[`${p}value`]!, w[`${p}valueBias`]!));

  const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headSize)), mask);
  const context = tf.matMul(tf.softmax(scores), v);
  const merged = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [batch, length, d]) as tf.Tensor3D;
  return dense(merged, w[`${p}output`]!, w[`${p}outputBias`]!);
}

function dense(x: tf.Tensor3D, kernel: tf.Tensor, bias: tf.Tensor): tf.Tensor3D {
  const [batch, length, d] = x.shape;
  const out = kernel.shape[1]!;
  const flat = tf.matMul(tf.reshape(x, [batch * length, d]), kernel as tf.Tensor2D);
  return tf.reshape(tf.add(flat, bias), [batch, length, out]);
}

/** Normalises the last axis; written out because tf.moments casts x to float32, a copy on wasm. */
function layerNorm(x: tf.Tensor3D, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor3D {
  const centered = tf.sub(x, tf.mean(x, -1, true));
  const variance = tf.mean(tf.square(centered), -1, true);
  const normed = tf.mul(centered, tf.rsqrt(tf.add(variance, 1e-6)));
  return tf.add(tf.mul(normed, gamma), beta);
}

function dropout<T extends tf.Tensor>(x: T, options: ForwardOptions): T {
  if (options.dropout === 0) return x;
  return tf.dropout(x, options.dropout, undefined, options.nextSeed?.()) as T;
}
