import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { sampleShopFiles } from '../../../src-main/core/importing/sample-shop.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('sampleShopFiles', () => {
  it('lists the thirteen bundled months in order', () => {
    const files = sampleShopFiles();

    expect(files.map((file) => path.basename(file))).toEqual([
      'online-retail-2010-12.csv.gz',
      ...Array.from({ length: 12 }, (_, month) => `online-retail-2011-${String(month + 1).padStart(2, '0')}.csv.gz`),
    ]);
    for (const file of files) expect(path.isAbsolute(file)).toBe(true);
  });

  it('honours SHOPREC_RESOURCES_DIR', () => {
    const resources = mkdtempSync(path.join(os.tmpdir(), 'shoprec-resources-'));
    mkdirSync(path.join(resources, 'sample-shop'));
    for (const name of ['online-retail-2011-02.csv.gz', 'README.md', 'online-retail-2011-01.csv.gz']) {
      writeFileSync(path.join(resources, 'sample-shop', name), '');
    }
    vi.stubEnv('SHOPREC_RESOURCES_DIR', resources);

    try {
      expect(sampleShopFiles()).toEqual([
        path.join(resources, 'sample-shop', 'online-retail-2011-01.csv.gz'),
        path.join(resources, 'sample-shop', 'online-retail-2011-02.csv.gz'),
      ]);
    } finally {
      rmSync(resources, { recursive: true, force: true });
    }
  });

  it('returns no files when the folder is missing', () => {
    vi.stubEnv('SHOPREC_RESOURCES_DIR', path.join(os.tmpdir(), 'shoprec-no-such-folder'));

    expect(sampleShopFiles()).toEqual([]);
  });
});
