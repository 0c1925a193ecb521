/**
 * Next-item cross-entropy over hidden states at the positions that have a target. With a small
 * catalogue the softmax runs over every item; above the threshold it runs over the target and a
 * shared set of uniformly drawn negatives (uniform sampling needs no log-probability correction
 * because every item has the same proposal probability).
 */
import * as tf from '@tensorflow/tfjs-core';

const MASKED = -1e9;

/** Full-softmax loss: `hidden` [m, d], `targets` [m] item rows of `items` [numItems + 1, d]. */
export function fullSoftmaxLoss(hidden: tf.Tensor2D, targets: tf.Tensor1D, items: tf.Tensor2D): tf.Scalar {
  const rows = items.shape[0];
  const logits = tf.matMul(hidden, items, false, true);
  const paddingColumn = tf.mul(tf.oneHot(tf.tensor1d([0], 'int32'), rows), MASKED);
  const logProbabilities = tf.logSoftmax(tf.add(logits, paddingColumn));
  const picked = tf.sum(tf.mul(logProbabilities, tf.oneHot(targets, rows)), 1);
  return tf.neg(tf.mean(picked)) as tf.Scalar;
}

/**
 * Sampled-softmax loss against `negatives` [k]. `collisions` [m, k] is 1 where a negative equals
 * the row's target, which is then masked out; it is built in JavaScript by collisionMask because
 * a broadcast Equal is slow on the wasm backend.
 */
export function sampledSoftmaxLoss(
  hidden: tf.Tensor2D,
  targets: tf.Tensor1D,
  negatives: tf.Tensor1D,
  collisions: tf.Tensor2D,
  items: tf.Tensor2D,
): tf.Scalar {
  const [m] = targets.shape;

  const positive = tf.sum(tf.mul(hidden, tf.gather(items, targets)), 1, true);
  const negativeLogits = tf.matMul(hidden, tf.gather(items, negatives), false, true);
  const logits = tf.concat([positive, tf.add(negativeLogits, tf.mul(collisions, MASKED))], 1);

  // logSoftmax rather than logSumExp: the gradient of logSumExp goes through a broadcast Equal
  // (to find the row maximum) that costs as much as the matrix product on the wasm backend.
  const targetColumn = tf.slice(tf.logSoftmax(logits), [0, 0], [m, 1]);
  return tf.neg(tf.mean(targetColumn)) as tf.Scalar;
}

/** 1 where negatives[j] equals targets[i], row-major [targets.length, negatives.length]. */
export function collisionMask(targets: Int32Array, negatives: Int32Array): Float32Array {
  const mask = new Float32Array(targets.length * negatives.length);
  targets.forEach((target, i) => {
    negatives.forEach((negative, j) => {
      if (negative === target) mask[i * negatives.length + j] = 1;
    });
  });
  return mask;
}
