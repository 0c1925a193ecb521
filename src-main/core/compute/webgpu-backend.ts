/**
 * Registers tfjs-backend-webgpu on top of Dawn's Node binding (the `webgpu` package). The tfjs
 * backend looks for `globalThis.navigator.gpu` and the WebGPU constant objects (GPUBufferUsage and
 * friends) as a browser would provide them, so they are installed first, and only when an adapter
 * is actually found: Dawn loads fine on machines without a usable GPU and returns no adapter.
 */
import { existsSync } from 'node:fs';

import { BackendUnavailable } from './backend.ts';

interface DawnModule {
  create(flags: string[]): { requestAdapter(options?: unknown): Promise<unknown> };
  globals: Record<string, unknown>;
}

/**
 * Paths where Linux distributions install the Vulkan loader, which Dawn needs on Linux. Without
 * it Dawn prints a warning with a stack trace to stderr before finding no adapter, so checking
 * first keeps that trace out of the CLI's output.
 */
const VULKAN_LOADER_PATHS = [
  '/usr/lib/x86_64-linux-gnu/libvulkan.so.1',
  '/usr/lib/aarch64-linux-gnu/libvulkan.so.1',
  '/usr/lib64/libvulkan.so.1',
  '/usr/lib/libvulkan.so.1',
  '/usr/local/lib/libvulkan.so.1',
];

export async function prepareWebgpuBackend(): Promise<void> {
  if (process.platform === 'linux' && !VULKAN_LOADER_PATHS.some((file) => existsSync(file))) {
    throw new BackendUnavailable('backend.skip.noAdapter', 'no Vulkan loader (libvulkan.so.1) installed');
  }
  const dawn = await importDawn();
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new BackendUnavailable('backend.skip.noAdapter', 'Dawn found no WebGPU adapter');

  Object.assign(globalThis, dawn.globals);
  const host = globalThis as unknown as { navigator?: Record<string, unknown> };
  if (host.navigator) {
    Object.defineProperty(host.navigator, 'gpu', { value: gpu, configurable: true });
  } else {
    host.navigator = { gpu };
  }

  await importWebgpuBackend();
}

async function importDawn(): Promise<DawnModule> {
  try {
    return (await import('webgpu')) as unknown as DawnModule;
  } catch (error) {
    throw unavailable('webgpu', error);
  }
}

async function importWebgpuBackend(): Promise<void> {
  try {
    await import('@tensorflow/tfjs-backend-webgpu');
  } catch (error) {
    throw unavailable('@tensorflow/tfjs-backend-webgpu', error);
  }
}

function unavailable(packageName: string, error: unknown): BackendUnavailable {
  const code = (error as { code?: string }).code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    return new BackendUnavailable('backend.skip.notInstalled', packageName);
  }
  const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return new BackendUnavailable('backend.skip.failed', `${packageName}: ${detail}`);
}
