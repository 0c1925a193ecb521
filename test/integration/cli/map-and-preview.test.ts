import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { parseJson, runCli, tempDir } from './run-cli.ts';

const HEADER_AND_ROWS = ['单号,编码,件数,时间,客人', 'A1,SKU-1,2,2025-03-01 10:00:00,c1', 'A2,SKU-2,1,2025-03-02 11:30:00,c2'].join('\n') + '\n';

function unknownLayoutFile(): string {
  const file = path.join(tempDir(), 'orders.csv');
  writeFileSync(file, HEADER_AND_ROWS);
  return file;
}

describe('shoprec import --map and preview', () => {
  it('previews an unrecognised file as JSON', async () => {
    const workspace = tempDir();
    const result = await runCli(['preview', unknownLayoutFile(), '--workspace', workspace, '--json']);
    expect(result.code).toBe(0);

    const json = parseJson(result);
    expect(json.format).toBe('unrecognised');
    expect(json.header).toEqual(['单号', '编码', '件数', '时间', '客人']);
    expect(json.missingFields).toEqual(['orderId', 'sku', 'orderedAt']);
  });

  it('imports an unrecognised file with --map', async () => {
    const workspace = tempDir();
    const file = unknownLayoutFile();
    const result = await runCli(['import', file, '--map', 'orderId=单号,sku=编码,quantity=件数,orderedAt=时间,customerId=客人', '--workspace', workspace, '--json']);
    expect(result.code).toBe(0);

    const json = parseJson(result);
    expect(json.format).toBe('generic');
    expect(json.lineItems).toBe(2);
    expect(json.customers).toBe(2);

    const preview = parseJson(await runCli(['preview', file, '--workspace', workspace, '--json']));
    expect(preview.mappingSource).toBe('stored');
  });

  it('rejects a --map entry without a field', async () => {
    const result = await runCli(['import', unknownLayoutFile(), '--map', '单号', '--workspace', tempDir(), '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain('--map');
  });
});
