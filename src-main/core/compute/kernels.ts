/**
 * Kernels that training needs and tfjs-backend-wasm 4.22 does not register. They run in
 * JavaScript on the wasm backend's own memory: inputs are read with readSync and outputs are
 * written straight into the heap view of a tensor allocated by makeOutput. The same
 * UnsortedSegmentSum also replaces tfjs-backend-cpu 4.22's own, which runs one masked sum over
 * the whole input per segment, so an embedding gradient costs numItems passes.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The part of tfjs-backend-wasm's BackendWasm these kernels use. */
interface WasmBackendMemory {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.backend_util.TypedArray;
}

/** The part of tfjs-backend-cpu's MathBackendCPU these kernels use. */
interface CpuBackendMemory {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: tf.backend_util.TypedArray): tf.TensorInfo;
}

/**
 * UnsortedSegmentSum: out[segmentIds[i], ...] += x[i, ...]. tfjs uses it for the gradient of
 * gather, so every embedding lookup needs it. Ids outside [0, numSegments) are dropped, as in
 * TensorFlow.
 */
function unsortedSegmentSumWasm({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const wasm = backend as unknown as WasmBackendMemory;
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;

  const output = wasm.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
  const out = wasm.typedArrayFromHeap(output);
  sumSegments(wasm.readSync(x.dataId) as tf.backend_util.TypedArray, wasm.readSync(segmentIds.dataId) as tf.backend_util.TypedArray, out);
  return output;
}

function unsortedSegmentSumCpu({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const cpu = backend as unknown as CpuBackendMemory;
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;

  const innerShape = x.shape.slice(segmentIds.shape.length);
  const out = x.dtype === 'int32' ? new Int32Array(numSegments * innerShape.reduce((a, b) => a * b, 1)) : new Float32Array(numSegments * innerShape.reduce((a, b) => a * b, 1));
  sumSegments(cpu.readSync(x.dataId) as tf.backend_util.TypedArray, cpu.readSync(segmentIds.dataId) as tf.backend_util.TypedArray, out);
  return cpu.makeTensorInfo([numSegments, ...innerShape], x.dtype, out);
}

/** Adds row i of `values` into row ids[i] of `out` (zeroed first); out has numSegments rows. */
function sumSegments(values: tf.backend_util.TypedArray, ids: tf.backend_util.TypedArray, out: tf.backend_util.TypedArray): void {
  const rowCount = ids.length;
  const rowSize = rowCount === 0 ? 0 : values.length / rowCount;
  const numSegments = rowSize === 0 ? 0 : out.length / rowSize;
  out.fill(0);

  for (let row = 0; row < rowCount; row++) {
    const segment = ids[row]!;
    if (segment < 0 || segment >= numSegments) continue;
    const from = row * rowSize;
    const to = segment * rowSize;
    for (let k = 0; k < rowSize; k++) out[to + k]! += values[from + k]!;
  }
}

/** Registers each missing wasm kernel once; kernels a later tfjs-backend-wasm provides are left alone. */
export function registerMissingWasmKernels(): void {
  if (!tf.getKernel(tf.UnsortedSegmentSum, 'wasm')) {
    tf.registerKernel({ kernelName: tf.UnsortedSegmentSum, backendName: 'wasm', kernelFunc: unsortedSegmentSumWasm as tf.KernelFunc });
  }
}

let cpuReplaced = false;

/** Replaces tfjs-backend-cpu's UnsortedSegmentSum with the single-pass one, once per process. */
export function replaceSlowCpuKernels(): void {
  if (cpuReplaced) return;
  cpuReplaced = true;
  if (tf.getKernel(tf.UnsortedSegmentSum, 'cpu')) tf.unregisterKernel(tf.UnsortedSegmentSum, 'cpu');
  tf.registerKernel({ kernelName: tf.UnsortedSegmentSum, backendName: 'cpu', kernelFunc: unsortedSegmentSumCpu as tf.KernelFunc });
}
