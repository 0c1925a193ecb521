import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { EXPORT_FORMATS } from '../../../src-main/api/contract.ts';
import { formatMessage, type MessageKey } from '../../../src-main/api/messages/index.ts';
import { csvCell } from '../../../src-main/core/export/csv.ts';
import { writeExport } from '../../../src-main/core/export/write-export.ts';
import { recommendForCustomer } from '../../../src-main/core/recommend/recommend.ts';
import { runTraining } from '../../../src-main/core/training/run-training.ts';
import { createFixtureShop, tasteShopLines, type FixtureLine, type FixtureShop } from '../training/shop-fixture.ts';
import { readCsv } from './csv-reader.ts';

const HYPERLINK = '=HYPERLINK("http://example.invalid","click")';

/** Items with awkward titles, each bought by c00..c03 on one early day. */
function awkwardLines(): FixtureLine[] {
  const titles: [string, string][] = [
    ['W1', HYPERLINK],
    ['W2', '-5 cm ruler'],
    ['W3', '蓝色保温杯，500毫升'],
    ['W4', 'Mug, "large"\nwith lid'],
  ];
  const lines: FixtureLine[] = [];
  for (let c = 0; c < 4; c++) {
    for (const [sku, title] of titles) {
      lines.push({ customer: `c0${c}`, order: `w-${c}`, sku, title, at: '2023-12-20T10:00:00Z' });
    }
  }
  lines.push({ customer: '=cmd', order: 'f-1', sku: 'G1', title: 'G item 1', at: '2024-01-02T10:00:00Z' });
  return lines;
}

let shop: FixtureShop;
let outDir: string;

beforeEach(async () => {
  shop = createFixtureShop([...tasteShopLines(24), ...awkwardLines()]);
  await runTraining(shop.db);
  outDir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-export-'));
});

afterEach(() => {
  shop.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe('writeExport', () => {
  it('customers csv has BOM, CRLF and every customer', async () => {
    const file = path.join(outDir, 'customers.csv');
    const summary = await writeExport(shop.db, 'customers', file, { limit: 3 });
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(summary).toMatchObject({ format: 'customers', path: file, rows: 25 * 3, bytes: bytes.length, encoding: 'utf-8-bom', skippedCustomers: 0 });

    const rows = readCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['customer_id', 'rank', 'sku', 'title', 'score', 'reason']);
    expect(rows).toHaveLength(1 + 25 * 3);
    expect(rows.filter((row) => row[0] === "'=cmd")).toHaveLength(3);

    const c00 = recommendForCustomer(shop.db, 'c00', { limit: 3 });
    const expected = c00.items.map((item) => [
      'c00',
      String(item.rank),
      item.sku,
      item.title,
      String(Math.round(item.score * 10_000) / 10_000),
      formatMessage('en', item.reason.key as MessageKey, item.reason.params),
    ]);
    expect(rows.filter((row) => row[0] === 'c00')).toEqual(expected);
  });

  it('items csv neutralises formulas and keeps Chinese', async () => {
    const file = path.join(outDir, 'items.csv');
    await writeExport(shop.db, 'items', file, { locale: 'zh-CN' });
    const rows = readCsv(readFileSync(file, 'utf8').slice(1));
    const bySku = new Map(rows.map((row) => [row[0], row]));

    expect(rows[0]).toEqual(['sku', 'title', 'related_skus', 'related_titles', 'reason']);
    expect(bySku.get('W1')![1]).toBe(`'${HYPERLINK}`);
    expect(bySku.get('W2')![1]).toBe("'-5 cm ruler");
    expect(bySku.get('W3')![1]).toBe('蓝色保温杯，500毫升');
    expect(bySku.get('W4')![1]).toBe('Mug, "large"\nwith lid');
    expect(bySku.get('W3')![4]).toBe('与“蓝色保温杯，500毫升”在 4 个订单中一起购买');
    expect(bySku.get('W3')![2]!.split(', ').slice(0, 3).sort()).toEqual(['W1', 'W2', 'W4']);
    expect(rows).toHaveLength(1 + 13 + 4);
  });

  it('csv cells quote and neutralise', () => {
    expect(csvCell('+44 20')).toBe("'+44 20");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a"b')).toBe('"a""b"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('plain')).toBe('plain');
  });

  it('rejects an unknown format', async () => {
    const error = writeExport(shop.db, 'orders' as 'items', path.join(outDir, 'x.csv'));
    await expect(error).rejects.toMatchObject({ code: 'export.unknownFormat', params: { format: 'orders', formats: EXPORT_FORMATS.join(', ') } });
  });

  it('reports a folder it cannot write', async () => {
    const file = path.join(outDir, 'missing', 'items.csv');
    await expect(writeExport(shop.db, 'items', file)).rejects.toMatchObject({
      code: 'export.writeFailed',
      params: { file, reason: 'ENOENT' },
    });
  });

  it('cancelled export keeps the earlier file', async () => {
    const file = path.join(outDir, 'items.csv');
    writeFileSync(file, 'earlier export');
    const controller = new AbortController();
    controller.abort();
    await expect(writeExport(shop.db, 'items', file, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(readFileSync(file, 'utf8')).toBe('earlier export');
    expect(readdirSync(outDir)).toEqual(['items.csv']);
    expect(existsSync(path.join(outDir, 'customers.csv'))).toBe(false);
  });
});
