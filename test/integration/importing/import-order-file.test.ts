import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { formatMessage } from '../../../src-main/api/messages/index.ts';
import { CancelledError, ShopRecError } from '../../../src-main/core/errors.ts';
import { importOrderFile } from '../../../src-main/core/importing/import-order-file.ts';
import { listImports, listRejectedRows } from '../../../src-main/core/importing/queries.ts';
import { openDatabase, type Db } from '../../../src-main/core/store/database.ts';
import { generatedOrdersCsv, writeTruncatedGzip } from './generated-orders.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const MARCH = path.join(fixtures, 'march-orders.csv');
const APRIL = path.join(fixtures, 'april-orders.csv');
const TABLES = ['imports', 'rejected_rows', 'customers', 'items', 'orders', 'events'] as const;
const EMPTY = { imports: 0, rejected_rows: 0, customers: 0, items: 0, orders: 0, events: 0 };

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-import-'));
  db = openDatabase(path.join(dir, 'workspace'));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function tableCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    counts[table] = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return counts;
}

function eventIndexes(): unknown[] {
  return db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name`).all();
}

describe('importOrderFile', () => {
  it('stores the lines of a small export', async () => {
    const indexesBefore = eventIndexes();

    const summary = await importOrderFile(db, MARCH);

    expect(summary).toMatchObject({
      fileName: 'march-orders.csv',
      format: 'online-retail',
      encoding: 'utf-8',
      delimiter: ',',
      rows: 9,
      lineItems: 5,
      returns: 1,
      rejected: 2,
      duplicates: 1,
      anonymousLines: 1,
      orders: 5,
      customers: 3,
      items: 5,
      alreadyImported: false,
      existingImportId: null,
      firstOrderAt: '2011-03-01T08:26:00.000Z',
      lastOrderAt: '2011-03-02T10:15:00.000Z',
    });
    expect(tableCounts()).toEqual({ imports: 1, rejected_rows: 2, customers: 3, items: 5, orders: 5, events: 6 });
    expect(db.prepare('SELECT external_id, country FROM customers ORDER BY external_id').all()).toEqual([
      { external_id: '12583', country: 'France' },
      { external_id: '13047', country: 'United Kingdom' },
      { external_id: '17850', country: 'United Kingdom' },
    ]);
    expect(db.prepare(`SELECT order_ref FROM orders WHERE is_cancellation = 1`).all()).toEqual([{ order_ref: 'C536368' }]);
    expect(eventIndexes()).toEqual(indexesBefore);
  });

  it('lists rejected rows with line numbers', async () => {
    const summary = await importOrderFile(db, MARCH);

    const rejected = listRejectedRows(db, summary.importId as number);

    expect(rejected.map((row) => [row.lineNumber, row.reason, row.params])).toEqual([
      [4, 'rejected.nonProductLine', { value: 'POST' }],
      [6, 'rejected.invalidQuantity', { value: 'six' }],
    ]);
    expect(rejected[1]?.raw).toBe('536366,22632,"HAND WARMER RED POLKA DOT, SMALL",six,2011-03-01 08:28:00,1.85,13047.0,United Kingdom');
  });

  it('adds nothing when the same file comes again', async () => {
    const first = await importOrderFile(db, MARCH);
    const before = tableCounts();
    const copy = path.join(dir, 'renamed.csv');
    copyFileSync(MARCH, copy);

    const again = await importOrderFile(db, copy);

    expect(again).toMatchObject({ alreadyImported: true, importId: null, existingImportId: first.importId, fileName: 'renamed.csv', lineItems: 5 });
    expect(tableCounts()).toEqual(before);
    expect(listImports(db)).toHaveLength(1);
  });

  it('counts overlapping lines as duplicates', async () => {
    await importOrderFile(db, MARCH);

    const april = await importOrderFile(db, APRIL);

    expect(april).toMatchObject({ rows: 5, duplicates: 2, lineItems: 3, returns: 0, orders: 2, customers: 2, items: 3 });
    expect(tableCounts()).toEqual({ imports: 2, rejected_rows: 2, customers: 4, items: 7, orders: 7, events: 9 });
    expect(db.prepare(`SELECT unit_price FROM items WHERE sku = '21756'`).get()).toEqual({ unit_price: 5.45 });
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(listImports(db).map((summary) => summary.fileName)).toEqual(['april-orders.csv', 'march-orders.csv']);
  });

  it('leaves no rows when cancelled halfway', async () => {
    const file = path.join(dir, 'may.csv');
    writeFileSync(file, generatedOrdersCsv(3000));
    const controller = new AbortController();
    const progress: Array<[string, number, number]> = [];

    const run = importOrderFile(db, file, {
      batchSize: 500,
      signal: controller.signal,
      onProgress: (phase, done, total) => {
        progress.push([phase, done, total]);
        controller.abort();
      },
    });

    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(progress).toHaveLength(1);
    expect(progress[0]?.[0]).toBe('import.read');
    expect(tableCounts()).toEqual(EMPTY);
    expect(db.inTransaction).toBe(false);
  });

  it('leaves the workspace as it was when a file breaks midway', async () => {
    await importOrderFile(db, MARCH);
    const before = tableCounts();
    const indexesBefore = eventIndexes();
    const broken = path.join(dir, 'june.csv.gz');
    writeTruncatedGzip(broken, 12_000, 0.5);
    let batchesStored = 0;

    const error = await importOrderFile(db, broken, { batchSize: 1000, onProgress: () => (batchesStored += 1) }).catch(
      (caught: unknown) => caught,
    );

    expect(batchesStored).toBeGreaterThan(1);
    expect((error as ShopRecError).code).toBe('file.compressedCorrupt');
    expect(tableCounts()).toEqual(before);
    expect(eventIndexes()).toEqual(indexesBefore);
  });

  it('rejects a file without one usable row', async () => {
    const error = await importOrderFile(db, path.join(fixtures, 'zero-quantities.csv')).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ShopRecError);
    expect((error as ShopRecError).code).toBe('file.noUsableRows');
    const params = (error as ShopRecError).params;
    expect(params).toEqual({ file: 'zero-quantities.csv', rows: 2, line: 2, reason: 'rejected.zeroQuantity' });
    expect(tableCounts()).toEqual(EMPTY);
    expect(formatMessage('en', 'error.file.noUsableRows', params)).toBe(
      'None of the 2 rows in zero-quantities.csv could be used, so nothing was stored. The first rejected row is line 2: Quantity is zero.',
    );
    expect(formatMessage('zh-CN', 'error.file.noUsableRows', params)).toContain('第 2 行：数量为零');
  });

  it('reports a missing file before writing', async () => {
    const error = await importOrderFile(db, path.join(dir, 'missing.csv')).catch((caught: unknown) => caught);

    expect((error as ShopRecError).code).toBe('file.notFound');
    expect(tableCounts()).toEqual(EMPTY);
  });
});
