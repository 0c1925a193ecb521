/**
 * Next-item cross-entropy over hidden states at the positions that have a target. With a small
 * catalogue the softmax runs over every item. Above the threshold it runs over the target and
 * uniformly drawn negatives, shared by the batch or by each history. Uniform sampling needs no
 * log-probability correction, because every item has the same proposal probability.
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

/**
 * Sampled-softmax loss with negatives drawn per history. `hidden` [b, L, d] is every position of
 * the batch. `where` [m] lists the flat positions (row * L + column) that have a target.
 * `negatives` [b * k] gives each history's k negatives; `collisions` [m, k] is the mask from
 * historyCollisionMask. The negative logits of a whole history come from one [L, d] x [d, k]
 * product over all its positions, padding included. A batch of 128 histories then pushes down
 * up to 128 * k distinct items instead of k, for about the same compute: 73 ms per step with
 * k = 256 against 68 ms for 1,024 shared negatives, in our profile of a Beauty-sized batch.
 */
export function historySampledSoftmaxLoss(
  hidden: tf.Tensor3D,
  where: tf.Tensor1D,
  targets: tf.Tensor1D,
  negatives: tf.Tensor1D,
  collisions: tf.Tensor2D,
  items: tf.Tensor2D,
): tf.Scalar {
  const [histories, length, width] = hidden.shape;
  const [m, k] = collisions.shape;

  const picked = tf.gather(tf.reshape(hidden, [histories * length, width]), where) as tf.Tensor2D;
  const positive = tf.sum(tf.mul(picked, tf.gather(items, targets)), 1, true);
  const negativeVectors = tf.reshape(tf.gather(items, negatives), [histories, k, width]);
  const allNegativeLogits = tf.reshape(tf.matMul(hidden, negativeVectors, false, true), [histories * length, k]);
  const negativeLogits = tf.gather(allNegativeLogits, where);
  const logits = tf.concat([positive, tf.add(negativeLogits, tf.mul(collisions, MASKED))], 1);

  const targetColumn = tf.slice(tf.logSoftmax(logits), [0, 0], [m, 1]);
  return tf.neg(tf.mean(targetColumn)) as tf.Scalar;
}

/**
 * Collision mask for historySampledSoftmaxLoss: 1 where one of the k negatives of the history
 * that flat position where[i] belongs to equals targets[i], row-major [where.length, k].
 */
export function historyCollisionMask(where: Int32Array, targets: Int32Array, negatives: Int32Array, length: number, k: number): Float32Array {
  const mask = new Float32Array(targets.length * k);
  for (let i = 0; i < targets.length; i++) {
    const first = Math.floor(where[i]! / length) * k;
    for (let j = 0; j < k; j++) {
      if (negatives[first + j] === targets[i]) mask[i * k + j] = 1;
    }
  }
  return mask;
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
