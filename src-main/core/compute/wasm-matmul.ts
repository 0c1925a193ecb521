/**
 * Makes tfjs-backend-wasm 4.22's matrix product fast for the shapes training uses. Measured on
 * this backend, a single product with no transposed operand runs at about 25-30 GFLOP/s, while
 * a transposed operand or a batch of products runs at about 2 GFLOP/s. Training needs both
 * slow kinds: every dense-layer gradient (dx = dy W^T, dW = x^T dy), the sampled softmax
 * (h E^T) and attention (a batch of small products). So this wrapper transposes such operands
 * with the backend's Transpose kernel and runs a batch as one fast product per entry.
 */
import * as tf from '@tensorflow/tfjs-core';

interface WasmBackendMemory {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
  disposeData(dataId: tf.DataId): boolean;
}

let wrapped = false;

/** Wraps the wasm BatchMatMul kernel once per process; call after the wasm backend is loaded. */
export function speedUpWasmMatMul(): void {
  if (wrapped) return;
  const original = tf.getKernel(tf.BatchMatMul, 'wasm');
  const transpose = tf.getKernel(tf.Transpose, 'wasm');
  if (!original || !transpose) return;
  wrapped = true;

  const kernelFunc = (({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo => {
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    const batch = batchSize(a);
    const sameBatch = a.shape.length === b.shape.length && a.shape.slice(0, -2).every((size, i) => size === b.shape[i]);
    const plain = !transposeA && !transposeB && batch === 1;
    if (plain || a.dtype !== 'float32' || b.dtype !== 'float32' || (batch > 1 && !sameBatch) || (batch === 1 && batchSize(b) !== 1)) {
      return original.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
    }

    const memory = backend as unknown as WasmBackendMemory;
    const swapLast = (x: tf.TensorInfo): tf.TensorInfo => {
      const perm = x.shape.map((_, i) => i);
      perm.splice(-2, 2, perm.length - 1, perm.length - 2);
      return transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
    };
    const left = transposeA ? swapLast(a) : a;
    const right = transposeB ? swapLast(b) : b;
    const fast = (x: tf.TensorInfo, y: tf.TensorInfo): tf.TensorInfo =>
      original.kernelFunc({ inputs: { a: x, b: y }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } }) as tf.TensorInfo;
    try {
      return batch === 1 ? fast(left, right) : productPerEntry(memory, left, right, batch, fast);
    } finally {
      if (left !== a) memory.disposeData(left.dataId);
      if (right !== b) memory.disposeData(right.dataId);
    }
  }) as tf.KernelFunc;

  tf.unregisterKernel(tf.BatchMatMul, 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
}

/**
 * Multiplies batch entry by batch entry: each slice is copied into a tensor of its own, multiplied
 * on the fast path and copied into the output. The right-hand slice needs a new tensor each time
 * because the backend reuses its packed copy of an operand for the same tensor id. Heap views are
 * taken again after every allocation because growing the wasm memory detaches the old ones.
 */
function productPerEntry(
  memory: WasmBackendMemory,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  batch: number,
  fast: (x: tf.TensorInfo, y: tf.TensorInfo) => tf.TensorInfo,
): tf.TensorInfo {
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape[b.shape.length - 1]!;
  const out = memory.makeOutput([...a.shape.slice(0, -2), m, n], 'float32');
  const sliceA = memory.makeOutput([m, k], 'float32');
  try {
    for (let entry = 0; entry < batch; entry++) {
      const sliceB = memory.makeOutput([k, n], 'float32');
      try {
        memory.typedArrayFromHeap(sliceA).set(memory.typedArrayFromHeap(a).subarray(entry * m * k, (entry + 1) * m * k));
        memory.typedArrayFromHeap(sliceB).set(memory.typedArrayFromHeap(b).subarray(entry * k * n, (entry + 1) * k * n));
        const product = fast(sliceA, sliceB);
        memory.typedArrayFromHeap(out).set(memory.typedArrayFromHeap(product), entry * m * n);
        memory.disposeData(product.dataId);
      } finally {
        memory.disposeData(sliceB.dataId);
      }
    }
  } finally {
    memory.disposeData(sliceA.dataId);
  }
  return out;
}

/** Product of the dimensions before the last two. */
function batchSize(x: tf.TensorInfo): number {
  return x.shape.slice(0, -2).reduce((p, size) => p * size, 1);
}
