/**
 * Row gathers on tfjs-backend-wasm 4.22. Its Gather kernel walks every element through generic
 * strides: taking 32,768 item vectors of width 64 (the negatives of a batch drawn per customer
 * history) cost 86 ms of a 149 ms training step in our profile. Training only gathers whole rows
 * (axis 0, no batch dimensions), which are contiguous, so this kernel copies them as blocks and
 * leaves every other gather to the original kernel.
 */
import * as tf from '@tensorflow/tfjs-core';

interface WasmBackendMemory {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.backend_util.TypedArray;
}

/** Row length below which rows are copied element by element, because a subarray view costs more. */
const BLOCK_COPY_MIN_ROW = 16;

let replaced = false;

/** Replaces the wasm GatherV2 kernel once per process; call after the wasm backend is loaded. */
export function speedUpWasmGather(): void {
  if (replaced) return;
  const original = tf.getKernel(tf.GatherV2, 'wasm');
  if (!original) return;
  replaced = true;

  const kernelFunc = (({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo => {
    const { x, indices } = inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
    const { axis, batchDims } = attrs as unknown as tf.GatherV2Attrs;
    const rowsOnly = tf.util.parseAxisParam(axis, x.shape)[0] === 0 && (batchDims ?? 0) === 0;
    if (!rowsOnly || indices.dtype !== 'int32' || (x.dtype !== 'float32' && x.dtype !== 'int32') || x.shape.length === 0) {
      return original.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
    }
    return gatherRows(backend as unknown as WasmBackendMemory, x, indices);
  }) as tf.KernelFunc;

  tf.unregisterKernel(tf.GatherV2, 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
}

function gatherRows(memory: WasmBackendMemory, x: tf.TensorInfo, indices: tf.TensorInfo): tf.TensorInfo {
  const rows = x.shape[0]!;
  const rowSize = tf.util.sizeFromShape(x.shape.slice(1));
  // Indices are checked before the output exists, because an output nothing wraps yet would leak.
  for (const row of memory.typedArrayFromHeap(indices)) {
    if (!(row >= 0 && row < rows)) throw new Error(`GatherV2: the index value ${row} is not in [0, ${rows - 1}]`);
  }

  const out = memory.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
  // Views are taken after makeOutput, which may grow the wasm heap and detach earlier views.
  const ids = memory.typedArrayFromHeap(indices);
  const source = memory.typedArrayFromHeap(x);
  const target = memory.typedArrayFromHeap(out);

  for (let i = 0; i < ids.length; i++) {
    const row = ids[i]!;
    const from = row * rowSize;
    const to = i * rowSize;
    if (rowSize >= BLOCK_COPY_MIN_ROW) target.set(source.subarray(from, from + rowSize), to);
    else for (let k = 0; k < rowSize; k++) target[to + k] = source[from + k]!;
  }
  return out;
}
