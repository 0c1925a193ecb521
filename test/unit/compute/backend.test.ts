import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';

import { ShopRecError } from '../../../src-main/core/errors.ts';
import { checkBackendName, selectBackend } from '../../../src-main/core/compute/backend.ts';

describe('selectBackend', () => {
  afterEach(() => {
    delete process.env.SHOPREC_BACKEND;
  });

  it('lands on wasm here and says why better ones were skipped', async () => {
    // This machine has no NVIDIA driver, no WebGPU adapter and no tfjs-node install.
    if (existsSync('/proc/driver/nvidia/version')) return;

    const info = await selectBackend();

    expect(info.name).toBe('wasm');
    expect(info.labelKey).toBe('backend.wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.skipped.map((s) => s.name)).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow']);
    expect(info.skipped[0]!.reason).toBe('backend.skip.noNvidiaDriver');
    expect(['backend.skip.noAdapter', 'backend.skip.notInstalled']).toContain(info.skipped[1]!.reason);
    expect(info.skipped[2]).toMatchObject({ reason: 'backend.skip.notInstalled', detail: '@tensorflow/tfjs-node' });
    expect(typeof info.features.simd).toBe('boolean');
  });

  it('uses cpu when SHOPREC_BACKEND forces it', async () => {
    process.env.SHOPREC_BACKEND = 'cpu';

    const info = await selectBackend();

    expect(info).toMatchObject({ name: 'cpu', labelKey: 'backend.js', skipped: [] });
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0]).toBe(6);
  });

  it('rejects an unknown backend name', async () => {
    process.env.SHOPREC_BACKEND = 'cuda';

    expect(() => selectBackend()).toThrow(ShopRecError);
    try {
      checkBackendName('cuda');
    } catch (error) {
      expect((error as ShopRecError).code).toBe('backend.unknown');
      expect((error as ShopRecError).params).toEqual({ name: 'cuda', known: 'tensorflow-gpu, webgpu, tensorflow, wasm, cpu' });
    }
  });

  it('reports a forced backend that cannot start', async () => {
    if (existsSync('/proc/driver/nvidia/version')) return;

    await expect(selectBackend(['tensorflow-gpu'])).rejects.toMatchObject({ code: 'backend.unavailable' });
  });
});
