/**
 * The compute backend as the window shows it. The backend module loads TensorFlow.js, so it is
 * imported only when a window first asks, and the selection is made once per process.
 */
import type { ComputeBackendView } from '../api/contract.ts';
import type { BackendLabelKey, BackendName } from '../core/compute/backend.ts';

/** Plain-words names of the backends, for the ones that were skipped. */
const LABEL_KEYS: Record<BackendName, BackendLabelKey> = {
  'tensorflow-gpu': 'backend.gpuCuda',
  webgpu: 'backend.gpuWebgpu',
  tensorflow: 'backend.nativeCpu',
  wasm: 'backend.wasm',
  cpu: 'backend.js',
};

let selection: Promise<ComputeBackendView> | undefined;

export function describeComputeBackend(): Promise<ComputeBackendView> {
  selection ??= selectOnce();
  // A failed selection is not cached, so a later request tries again.
  selection.catch(() => {
    selection = undefined;
  });
  return selection;
}

async function selectOnce(): Promise<ComputeBackendView> {
  const { selectBackend } = await import('../core/compute/backend.ts');
  const info = await selectBackend();
  return {
    name: info.name,
    labelKey: info.labelKey,
    skipped: info.skipped.map((skip) => ({ name: skip.name, labelKey: LABEL_KEYS[skip.name], reason: skip.reason, detail: skip.detail })),
  };
}
