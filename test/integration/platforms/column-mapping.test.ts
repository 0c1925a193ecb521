import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ColumnMapping } from '../../../src-main/api/contract.ts';
import type { Workspace } from '../../../src-main/core/workspace.ts';
import { storedLines, temporaryWorkspace } from './workspace-fixture.ts';

// No header name here is in the synonym table, so the layout needs the merchant's mapping.
const MARCH = ['单号,编码,件数,时间,客人', 'A1,SKU-1,2,2025-03-01 10:00:00,c1', 'A1,SKU-2,1,2025-03-01 10:00:00,c1', 'A2,SKU-1,1,2025-03-02 11:30:00,c2'];
// The same columns reordered, with other rows: the stored mapping still applies.
const APRIL = ['客人,时间,单号,编码,件数', 'c3,2025-04-05 09:00:00,B1,SKU-3,4'];
const MAPPING: ColumnMapping = { orderId: '单号', sku: '编码', quantity: '件数', orderedAt: '时间', customerId: '客人' };

let workspace: Workspace;
let dispose: () => void;
let dir: string;

beforeEach(() => {
  ({ workspace, dispose } = temporaryWorkspace());
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-mapping-'));
});

afterEach(() => {
  dispose();
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('column mapping', () => {
  it('previews an unrecognised layout', async () => {
    const preview = await workspace.previewFile(write('march.csv', MARCH));

    expect(preview.format).toBe('unrecognised');
    expect(preview.header).toEqual(['单号', '编码', '件数', '时间', '客人']);
    expect(preview.sampleRows).toEqual(MARCH.slice(1).map((line) => line.split(',')));
    expect(preview.delimiter).toBe(',');
    expect(preview.missingFields).toEqual(['orderId', 'sku', 'orderedAt']);
  });

  it('rejects an unrecognised layout without a mapping', async () => {
    await expect(workspace.importFile(write('march.csv', MARCH))).rejects.toMatchObject({ code: 'file.unrecognisedColumns' });
  });

  it('imports with a mapping and remembers it', async () => {
    const march = await workspace.importFile(write('march.csv', MARCH), { mapping: MAPPING });
    expect(march.format).toBe('generic');
    expect(storedLines(workspace, march.importId as number)).toEqual([
      ['A1', 'c1', 'SKU-1', 2, null, '2025-03-01T10:00:00Z', false],
      ['A1', 'c1', 'SKU-2', 1, null, '2025-03-01T10:00:00Z', false],
      ['A2', 'c2', 'SKU-1', 1, null, '2025-03-02T11:30:00Z', false],
    ]);

    const aprilFile = write('april.csv', APRIL);
    const preview = await workspace.previewFile(aprilFile);
    expect(preview.mappingSource).toBe('stored');
    expect(preview.suggestedMapping).toEqual(MAPPING);

    const april = await workspace.importFile(aprilFile);
    expect(storedLines(workspace, april.importId as number)).toEqual([['B1', 'c3', 'SKU-3', 4, null, '2025-04-05T09:00:00Z', false]]);
  });

  it('rejects a mapping to a missing column', async () => {
    const mapping = { ...MAPPING, sku: '商家编码' };
    await expect(workspace.importFile(write('march.csv', MARCH), { mapping })).rejects.toMatchObject({
      code: 'mapping.columnNotFound',
      params: { field: 'sku', column: '商家编码' },
    });
  });

  it('rejects a mapping without an order date', async () => {
    const { orderedAt: _dropped, ...mapping } = MAPPING;
    await expect(workspace.importFile(write('march.csv', MARCH), { mapping })).rejects.toMatchObject({
      code: 'mapping.invalid',
      params: { field: 'orderedAt' },
    });
  });
});
