/**
 * tfjs-backend-wasm 4.22 copies the whole tensor for Identity and for a Cast to the dtype the
 * tensor already has. The gradient of every elementwise product in tfjs-core casts the other
 * operand to float32, so such copies took about a tenth of a training step in our profile.
 * Tensor data is not written in place once made (a variable's assign swaps in new data), so
 * these kernels share the input's memory and raise its reference count instead, as
 * tfjs-backend-cpu's Identity and the wasm Reshape already do.
 */
import * as tf from '@tensorflow/tfjs-core';

interface WasmBackendRefs {
  incRef(dataId: tf.DataId): void;
}

let replaced = false;

/** Replaces the wasm Identity and Cast kernels once per process; call after the wasm backend is loaded. */
export function shareWasmCopies(): void {
  if (replaced) return;
  const identity = tf.getKernel(tf.Identity, 'wasm');
  const cast = tf.getKernel(tf.Cast, 'wasm');
  if (!identity || !cast) return;
  replaced = true;

  const share = (x: tf.TensorInfo, backend: unknown): tf.TensorInfo => {
    (backend as WasmBackendRefs).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };

  const sharedIdentity = (({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo => {
    const { x } = inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string') return identity.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
    return share(x, backend);
  }) as tf.KernelFunc;

  const sharedCast = (({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo => {
    const { x } = inputs as { x: tf.TensorInfo };
    const { dtype } = attrs as unknown as tf.CastAttrs;
    if (x.dtype !== dtype || x.dtype === 'string') return cast.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
    return share(x, backend);
  }) as tf.KernelFunc;

  tf.unregisterKernel(tf.Identity, 'wasm');
  tf.registerKernel({ ...identity, kernelFunc: sharedIdentity });
  tf.unregisterKernel(tf.Cast, 'wasm');
  tf.registerKernel({ ...cast, kernelFunc: sharedCast });
}
