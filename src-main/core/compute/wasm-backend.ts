/**
 * Registers tfjs-backend-wasm for Node. The package's Emscripten loader fetches its .wasm files
 * relative to a prefix, so the prefix is the package's own dist folder on disk. The kernels that
 * tfjs-backend-wasm 4.22 lacks and training needs are registered here too, and its matrix product
 * and row gathers are routed around slow paths (wasm-matmul.ts, wasm-gather.ts) and its copies are
 * shared (wasm-shared-copies.ts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

import { BackendUnavailable } from './backend.ts';
import { registerMissingWasmKernels } from './kernels.ts';
import { speedUpWasmGather } from './wasm-gather.ts';
import { speedUpWasmMatMul } from './wasm-matmul.ts';
import { shareWasmCopies } from './wasm-shared-copies.ts';

const require = createRequire(import.meta.url);

export async function prepareWasmBackend(): Promise<{ simd: boolean; threads: boolean }> {
  let wasm: typeof import('@tensorflow/tfjs-backend-wasm');
  try {
    wasm = await import('@tensorflow/tfjs-backend-wasm');
  } catch {
    throw new BackendUnavailable('backend.skip.notInstalled', '@tensorflow/tfjs-backend-wasm');
  }

  const entry = require.resolve('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(`${path.dirname(entry)}${path.sep}`);
  registerMissingWasmKernels();
  speedUpWasmMatMul();
  speedUpWasmGather();
  shareWasmCopies();

  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  return { simd, threads };
}
