import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importOrderFile } from '../../../src-main/core/importing/import-order-file.ts';
import { listRejectedRows } from '../../../src-main/core/importing/queries.ts';
import { sampleShopFiles } from '../../../src-main/core/importing/sample-shop.ts';
import { openDatabase, type Db } from '../../../src-main/core/store/database.ts';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-sample-'));
  db = openDatabase(dir);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sample shop', () => {
  it('imports December 2011 with the expected counts', async () => {
    const december = sampleShopFiles().find((file) => file.endsWith('online-retail-2011-12.csv.gz'));
    expect(december).toBeDefined();

    const summary = await importOrderFile(db, december as string);

    // Counted with Python's csv module from the same file, applying the UCI rules. `A` invoices,
    // non-product StockCodes and zero quantities are rejected. `C` invoices and negative
    // quantities are returns. Lines equal in invoice, code, quantity, price, time and customer
    // are duplicates.
    expect(summary).toMatchObject({
      format: 'online-retail',
      rows: 25_525,
      lineItems: 24_776,
      returns: 377,
      rejected: 93,
      duplicates: 279,
      anonymousLines: 7_843,
      orders: 1_003,
      customers: 684,
      items: 2_485,
      firstOrderAt: '2011-12-01T08:12:00.000Z',
      lastOrderAt: '2011-12-09T12:50:00.000Z',
    });
    const events = db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number };
    expect(events.n).toBe(24_776 + 377);
    const reasons = new Set(listRejectedRows(db, summary.importId as number, { limit: 1000 }).map((row) => row.reason));
    expect([...reasons]).toEqual(['rejected.nonProductLine']);
  });
});
