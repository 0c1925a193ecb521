/**
 * Picks the fastest TensorFlow.js backend this machine can run, best first, and records why each
 * better one was skipped so hosts can tell the merchant (for example "no NVIDIA driver").
 * tfjs keeps one global backend per process, so the choice is made once and cached.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';

import { ShopRecError } from '../errors.ts';
import { createLogger } from '../log.ts';
import { registerGradients } from './gradients.ts';
import { prepareWasmBackend } from './wasm-backend.ts';
import { replaceSlowCpuKernels } from './kernels.ts';
import { prepareWebgpuBackend } from './webgpu-backend.ts';

export const BACKEND_LADDER = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_LADDER)[number];

/** Message catalogue key that names a backend in plain words. */
export type BackendLabelKey = 'backend.gpuCuda' | 'backend.gpuWebgpu' | 'backend.nativeCpu' | 'backend.wasm' | 'backend.js';

/** Message catalogue key that says why a backend was skipped; `detail` fills its placeholder. */
export type BackendSkipReason =
  | 'backend.skip.notInstalled'
  | 'backend.skip.noNvidiaDriver'
  | 'backend.skip.noAdapter'
  | 'backend.skip.failed';

export interface SkippedBackend {
  name: BackendName;
  reason: BackendSkipReason;
  detail: string;
}

export interface BackendInfo {
  name: BackendName;
  labelKey: BackendLabelKey;
  /** Backends tried before this one, in order, with the reason each was not used. */
  skipped: SkippedBackend[];
  /** For wasm: whether the SIMD and multi-threaded builds are in use. */
  features: { simd?: boolean; threads?: boolean };
}

const LABELS: Record<BackendName, BackendLabelKey> = {
  'tensorflow-gpu': 'backend.gpuCuda',
  webgpu: 'backend.gpuWebgpu',
  tensorflow: 'backend.nativeCpu',
  wasm: 'backend.wasm',
  cpu: 'backend.js',
};

/** The tfjs registry name each of our names registers under. */
const TFJS_NAMES: Record<BackendName, string> = {
  'tensorflow-gpu': 'tensorflow',
  webgpu: 'webgpu',
  tensorflow: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

/** A backend that cannot be used, with the catalogue reason; thrown by the preparers. */
export class BackendUnavailable extends Error {
  constructor(
    readonly reason: BackendSkipReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

const log = createLogger('compute');
const require = createRequire(import.meta.url);
let selected: Promise<BackendInfo> | undefined;
let selectedKey = '';

/**
 * Selects and activates a backend. Tries `preference` (default: the whole ladder) in order;
 * SHOPREC_BACKEND forces a single one. Throws `backend.unknown` for a name not on the ladder and
 * `backend.unavailable` when none of the requested backends works.
 */
export function selectBackend(preference?: readonly string[]): Promise<BackendInfo> {
  const forced = process.env.SHOPREC_BACKEND?.trim();
  const requested = forced ? [forced] : (preference ?? BACKEND_LADDER);
  const names = requested.map(checkBackendName);

  const key = names.join(',');
  if (selected && key === selectedKey) return selected;
  selectedKey = key;
  selected = activateFirstWorking(names);
  selected.catch(() => {
    selected = undefined;
  });
  return selected;
}

/** Returns the backend already selected in this process, or selects one down the whole ladder. */
export function ensureBackend(): Promise<BackendInfo> {
  return selected ?? selectBackend();
}

/** Checks that a name (from a caller or the environment) is one of ours. */
export function checkBackendName(name: string): BackendName {
  if ((BACKEND_LADDER as readonly string[]).includes(name)) return name as BackendName;
  throw new ShopRecError('backend.unknown', { name, known: BACKEND_LADDER.join(', ') });
}

async function activateFirstWorking(names: readonly BackendName[]): Promise<BackendInfo> {
  const skipped: SkippedBackend[] = [];
  await registerGradients();

  for (const name of names) {
    try {
      const features = await prepareBackend(name);
      const ok = await tf.setBackend(TFJS_NAMES[name]);
      if (!ok) throw new BackendUnavailable('backend.skip.failed', `tf.setBackend('${TFJS_NAMES[name]}') returned false`);
      await tf.ready();
      log.info('backend selected', { name, skipped: skipped.map((s) => s.name) });
      return { name, labelKey: LABELS[name], skipped, features };
    } catch (error) {
      const entry = toSkipped(name, error);
      log.info('backend skipped', { ...entry });
      skipped.push(entry);
    }
  }

  const reasons = skipped.map((s) => `${s.name}: ${s.detail}`).join('; ');
  throw new ShopRecError('backend.unavailable', { names: names.join(', '), reasons });
}

function toSkipped(name: BackendName, error: unknown): SkippedBackend {
  if (error instanceof BackendUnavailable) return { name, reason: error.reason, detail: error.detail };
  const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return { name, reason: 'backend.skip.failed', detail };
}

/** Loads the package behind a backend and registers it with tfjs; throws BackendUnavailable. */
async function prepareBackend(name: BackendName): Promise<BackendInfo['features']> {
  switch (name) {
    case 'tensorflow-gpu':
      if (!hasNvidiaDriver()) throw new BackendUnavailable('backend.skip.noNvidiaDriver', 'no /proc/driver/nvidia/version');
      requireOptional('@tensorflow/tfjs-node-gpu');
      return {};
    case 'webgpu':
      await prepareWebgpuBackend();
      return {};
    case 'tensorflow':
      requireOptional('@tensorflow/tfjs-node');
      return {};
    case 'wasm':
      return prepareWasmBackend();
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      replaceSlowCpuKernels();
      return {};
  }
}

function hasNvidiaDriver(): boolean {
  return process.platform === 'linux' ? existsSync('/proc/driver/nvidia/version') : process.platform === 'win32';
}

/** Requires an optional native package; a missing package and a failed load are told apart. */
export function requireOptional(packageName: string): unknown {
  try {
    require.resolve(packageName);
  } catch {
    throw new BackendUnavailable('backend.skip.notInstalled', packageName);
  }
  try {
    return require(packageName);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw new BackendUnavailable('backend.skip.failed', `${packageName}: ${detail}`);
  }
}
