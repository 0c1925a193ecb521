/**
 * Kernels that training needs and tfjs-backend-wasm 4.22 does not register. They run in
 * JavaScript on the wasm backend's own memory: inputs are read with readSync and outputs are
 * written straight into the heap view of a tensor allocated by makeOutput.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The part of tfjs-backend-wasm's BackendWasm these kernels use. */
interface WasmBackendMemory {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.backend_util.TypedArray;
}

/**
 * UnsortedSegmentSum: out[segmentIds[i], ...] += x[i, ...]. tfjs uses it for the gradient of
 * gather, so every embedding lookup needs it. Ids outside [0, numSegments) are dropped, as in
 * TensorFlow.
 */
function unsortedSegmentSum({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const wasm = backend as unknown as WasmBackendMemory;
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;

  const rowCount = segmentIds.shape.reduce((a, b) => a * b, 1);
  const innerShape = x.shape.slice(segmentIds.shape.length);
  const rowSize = innerShape.reduce((a, b) => a * b, 1);

  const values = wasm.readSync(x.dataId) as tf.backend_util.TypedArray;
  const ids = wasm.readSync(segmentIds.dataId) as tf.backend_util.TypedArray;
  const output = wasm.makeOutput([numSegments, ...innerShape], x.dtype);
  const out = wasm.typedArrayFromHeap(output);
  out.fill(0);

  for (let row = 0; row < rowCount; row++) {
    const segment = ids[row]!;
    if (segment < 0 || segment >= numSegments) continue;
    const from = row * rowSize;
    const to = segment * rowSize;
    for (let k = 0; k < rowSize; k++) out[to + k]! += values[from + k]!;
  }
  return output;
}

const KERNELS: tf.KernelConfig[] = [
  { kernelName: tf.UnsortedSegmentSum, backendName: 'wasm', kernelFunc: unsortedSegmentSum as tf.KernelFunc },
];

/** Registers each missing kernel once; kernels a later tfjs-backend-wasm provides are left alone. */
export function registerMissingWasmKernels(): void {
  for (const config of KERNELS) {
    if (!tf.getKernel(config.kernelName, 'wasm')) tf.registerKernel(config);
  }
}
