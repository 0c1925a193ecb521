import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CancelledError, ShopRecError } from '../../../src-main/core/errors.ts';
import { listImports, listRejectedRows } from '../../../src-main/core/importing/queries.ts';
import { storeOrderExport, type ImportedFile } from '../../../src-main/core/importing/store-order-export.ts';
import { openDatabase, type Db } from '../../../src-main/core/store/database.ts';
import { batch, fakeReader, MARCH_1, orderLine, rejectedRow } from './fake-reader.ts';

const TABLES = ['imports', 'rejected_rows', 'customers', 'items', 'orders', 'events'] as const;

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-store-'));
  db = openDatabase(dir);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string): ImportedFile {
  return { fileName: name, sha256: `sha-of-${name}`, fileBytes: 1000 };
}

function tableCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    counts[table] = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return counts;
}

const marchOrder = [
  orderLine({ orderRef: '536365', sku: '85123A', customerRef: '17850' }),
  orderLine({ orderRef: '536365', sku: '71053', title: 'WHITE METAL LANTERN', quantity: 6, unitPrice: 3.39 }),
  orderLine({ orderRef: '536366', sku: '22633', title: 'HAND WARMER UNION JACK', customerRef: '13047', orderedAt: MARCH_1 + 60 }),
  orderLine({ orderRef: '536367', sku: '22633', title: 'HAND WARMER UNION JACK', customerRef: null, country: 'France' }),
  orderLine({ orderRef: 'C536368', sku: '71053', quantity: 2, customerRef: '17850', isReturn: true, orderedAt: MARCH_1 + 3600 }),
];

describe('storeOrderExport', () => {
  it('stores events, customers, items and orders', async () => {
    const summary = await storeOrderExport(db, fakeReader([batch(marchOrder.slice(0, 3)), batch(marchOrder.slice(3))]), file('march.csv'));

    expect(summary).toMatchObject({
      rows: 5,
      lineItems: 4,
      returns: 1,
      rejected: 0,
      duplicates: 0,
      anonymousLines: 1,
      orders: 4,
      customers: 2,
      items: 3,
      alreadyImported: false,
      format: 'online-retail',
      firstOrderAt: '2011-03-01T09:00:00.000Z',
      lastOrderAt: '2011-03-01T10:00:00.000Z',
    });
    expect(tableCounts()).toEqual({ imports: 1, rejected_rows: 0, customers: 2, items: 3, orders: 4, events: 5 });

    const events = db
      .prepare(
        `SELECT o.order_ref, i.sku, c.external_id AS customer, e.kind, e.quantity, e.line_number
         FROM events e JOIN orders o ON o.id = e.order_id JOIN items i ON i.id = e.item_id
         LEFT JOIN customers c ON c.id = e.customer_id ORDER BY e.line_number`,
      )
      .all();
    expect(events).toEqual(
      marchOrder.map((line) => ({
        order_ref: line.orderRef,
        sku: line.sku,
        customer: line.customerRef,
        kind: line.isReturn ? 'return' : 'purchase',
        quantity: line.quantity,
        line_number: line.lineNumber,
      })),
    );
  });

  it('marks return-only orders as cancellations', async () => {
    await storeOrderExport(db, fakeReader([batch(marchOrder)]), file('march.csv'));

    const orders = db.prepare('SELECT order_ref, is_cancellation FROM orders ORDER BY order_ref').all();
    expect(orders).toEqual([
      { order_ref: '536365', is_cancellation: 0 },
      { order_ref: '536366', is_cancellation: 0 },
      { order_ref: '536367', is_cancellation: 0 },
      { order_ref: 'C536368', is_cancellation: 1 },
    ]);
  });

  it('keeps the latest price and fills an empty title', async () => {
    const lines = [
      orderLine({ orderRef: '1', sku: 'A1', title: '', unitPrice: 2, orderedAt: MARCH_1 }),
      orderLine({ orderRef: '2', sku: 'A1', title: 'MUG', unitPrice: 3, orderedAt: MARCH_1 + 10 }),
      orderLine({ orderRef: '3', sku: 'A1', title: 'MUG RED', unitPrice: 0, orderedAt: MARCH_1 + 20 }),
      orderLine({ orderRef: '4', sku: 'A1', title: 'MUG', unitPrice: 9, orderedAt: MARCH_1 + 30, isReturn: true }),
    ];
    await storeOrderExport(db, fakeReader([batch(lines)]), file('prices.csv'));

    expect(db.prepare('SELECT sku, title, unit_price FROM items').all()).toEqual([{ sku: 'A1', title: 'MUG', unit_price: 3 }]);
  });

  it('counts duplicates within a file and across files', async () => {
    const repeated = orderLine({ orderRef: '536365', sku: '85123A' });
    await storeOrderExport(db, fakeReader([batch(marchOrder.slice(0, 3)), batch([{ ...repeated, lineNumber: 99 }])]), file('first.csv'));

    const overlap = [...marchOrder.slice(1, 3), ...marchOrder.slice(3)].map((line) => ({ ...line, lineNumber: line.lineNumber + 1000 }));
    const second = await storeOrderExport(db, fakeReader([batch(overlap)]), file('second.csv'));

    const first = listImports(db)[1];
    expect(first?.duplicates).toBe(1);
    expect(first?.lineItems).toBe(3);
    expect(second).toMatchObject({ rows: 4, duplicates: 2, lineItems: 1, returns: 1, orders: 2, customers: 1, items: 2 });
    expect(tableCounts().events).toBe(5);
  });

  it('dedupes a small file into a big workspace', async () => {
    await storeOrderExport(db, fakeReader([batch(marchOrder)]), file('march.csv'));
    const fresh = orderLine({ orderRef: '536400', sku: '22633', customerRef: '13047', orderedAt: MARCH_1 + 7200 });
    const lines = [marchOrder[0]!, fresh, { ...fresh, lineNumber: 3 }];

    // 3 lines expected against 5 stored events: the events indexes stay in place.
    const summary = await storeOrderExport(db, fakeReader([batch(lines)]), file('small.csv'));

    expect(summary).toMatchObject({ rows: 3, duplicates: 2, lineItems: 1 });
    expect(tableCounts().events).toBe(6);
  });

  it('rebuilds the events indexes after bulk loads', async () => {
    await storeOrderExport(db, fakeReader([batch(marchOrder)]), file('march.csv'));

    const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name`).pluck().all();
    expect(indexes).toEqual(['events_by_customer', 'events_by_item']);
  });

  it('stores each fingerprint once across batches and files', async () => {
    const repeated = marchOrder.map((line) => ({ ...line, lineNumber: line.lineNumber + 500 }));
    await storeOrderExport(db, fakeReader([batch(marchOrder), batch(repeated)]), file('march.csv'));
    const second = await storeOrderExport(db, fakeReader([batch(repeated.slice(2))]), file('again.csv'));

    const shared = db.prepare('SELECT COUNT(*) FROM (SELECT fingerprint FROM events GROUP BY fingerprint HAVING COUNT(*) > 1)').pluck().get();
    expect(shared).toBe(0);
    expect(second.duplicates).toBe(marchOrder.length - 2);
    expect(tableCounts().events).toBe(5);
  });

  it('stores batches longer than one multi-row insert', async () => {
    const lines = Array.from({ length: 250 }, (_, index) =>
      orderLine({ orderRef: `8${index % 40}`, sku: `SKU${index}`, quantity: index + 1, lineNumber: index + 2 }),
    );
    const withRepeats = [...lines.slice(0, 120), { ...lines[3]!, lineNumber: 900 }, ...lines.slice(120)];

    const summary = await storeOrderExport(db, fakeReader([batch(withRepeats)]), file('long.csv'));

    expect(summary).toMatchObject({ rows: 251, lineItems: 250, duplicates: 1 });
    const stored = db.prepare('SELECT line_number AS lineNumber, quantity FROM events ORDER BY id').all();
    expect(stored).toEqual(lines.map((line) => ({ lineNumber: line.lineNumber, quantity: line.quantity })));
  });

  it('returns the earlier import for the same sha256', async () => {
    const first = await storeOrderExport(db, fakeReader([batch(marchOrder)]), file('march.csv'));
    const again = await storeOrderExport(db, fakeReader([batch(marchOrder)]), { ...file('march.csv'), fileName: 'copy.csv' });

    expect(again).toMatchObject({ alreadyImported: true, importId: null, existingImportId: first.importId, lineItems: 4, fileName: 'copy.csv' });
    expect(tableCounts()).toEqual({ imports: 1, rejected_rows: 0, customers: 2, items: 3, orders: 4, events: 5 });
  });

  it('rolls back when cancelled after the first batch', async () => {
    const controller = new AbortController();
    const reader = fakeReader([batch(marchOrder.slice(0, 2)), batch(marchOrder.slice(2, 4)), batch(marchOrder.slice(4))]);
    const progress: number[] = [];

    const run = storeOrderExport(db, reader, file('march.csv'), {
      signal: controller.signal,
      onProgress: (_phase, done) => {
        progress.push(done);
        controller.abort();
      },
    });

    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(progress).toEqual([100]);
    expect(tableCounts()).toEqual({ imports: 0, rejected_rows: 0, customers: 0, items: 0, orders: 0, events: 0 });
    expect(db.inTransaction).toBe(false);
  });

  it('leaves the workspace as it was when reading fails', async () => {
    await storeOrderExport(db, fakeReader([batch(marchOrder.slice(0, 2))]), file('first.csv'));
    const before = tableCounts();

    const later = [orderLine({ orderRef: '600001', sku: 'NEW1', customerRef: '99999' }), orderLine({ orderRef: '600002', sku: 'NEW2' })];
    const reader = fakeReader([batch(later, [rejectedRow(5, 'invalidDate', { value: 'soon' })]), batch(marchOrder)], { failAt: 1 });

    await expect(storeOrderExport(db, reader, file('second.csv'))).rejects.toThrow('read failed at batch 1');
    expect(tableCounts()).toEqual(before);
    expect(listImports(db).map((summary) => summary.fileName)).toEqual(['first.csv']);
  });

  it('rejects a file whose every row was rejected', async () => {
    const reader = fakeReader([batch([], [rejectedRow(2, 'invalidQuantity', { value: 'six' }), rejectedRow(3, 'missingItem')])]);

    const error = await storeOrderExport(db, reader, file('bad.csv')).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ShopRecError);
    expect((error as ShopRecError).code).toBe('file.noUsableRows');
    expect((error as ShopRecError).params).toEqual({ file: 'bad.csv', rows: 2, line: 2, reason: 'rejected.invalidQuantity', value: 'six' });
    expect(tableCounts()).toEqual({ imports: 0, rejected_rows: 0, customers: 0, items: 0, orders: 0, events: 0 });
  });

  it('keeps an import whose every line is a duplicate', async () => {
    await storeOrderExport(db, fakeReader([batch(marchOrder)]), file('march.csv'));

    const summary = await storeOrderExport(db, fakeReader([batch(marchOrder)]), file('march-again.csv'));

    expect(summary).toMatchObject({ alreadyImported: false, duplicates: 5, lineItems: 0, returns: 0, orders: 0 });
    expect(tableCounts().imports).toBe(2);
  });

  it('lists rejected rows with line numbers', async () => {
    const rejected = [rejectedRow(4, 'invalidDate', { value: '31/02/2011' }), rejectedRow(3, 'missingOrderId'), rejectedRow(9, 'zeroQuantity')];
    const summary = await storeOrderExport(db, fakeReader([batch(marchOrder, rejected)]), file('mixed.csv'));
    const importId = summary.importId as number;

    expect(summary.rejected).toBe(3);
    expect(listRejectedRows(db, importId).map((row) => [row.lineNumber, row.reason])).toEqual([
      [3, 'rejected.missingOrderId'],
      [4, 'rejected.invalidDate'],
      [9, 'rejected.zeroQuantity'],
    ]);
    expect(listRejectedRows(db, importId, { offset: 1, limit: 1 })).toEqual([
      { importId, lineNumber: 4, reason: 'rejected.invalidDate', params: { value: '31/02/2011' }, raw: 'raw line 4' },
    ]);
  });

  it('reports a full disk and rolls back', async () => {
    const pageCount = (db.pragma('page_count', { simple: true }) as number) + 2;
    db.pragma(`max_page_count = ${pageCount}`);
    const many = Array.from({ length: 3000 }, (_, index) => orderLine({ orderRef: `7${index}`, sku: `SKU${index}`, customerRef: `${index}` }));

    const error = await storeOrderExport(db, fakeReader([batch(many)]), file('big.csv')).catch((caught: unknown) => caught);

    expect((error as ShopRecError).code).toBe('workspace.diskFull');
    expect(tableCounts()).toEqual({ imports: 0, rejected_rows: 0, customers: 0, items: 0, orders: 0, events: 0 });
  });

  it('reports a workspace locked by another writer', async () => {
    db.pragma('busy_timeout = 50');
    const other = new Database(db.name);
    other.exec('BEGIN IMMEDIATE');

    try {
      const error = await storeOrderExport(db, fakeReader([batch(marchOrder)]), file('march.csv')).catch((caught: unknown) => caught);

      expect((error as ShopRecError).code).toBe('workspace.locked');
      expect((error as ShopRecError).params).toEqual({ path: dir });
    } finally {
      other.close();
    }
    expect(tableCounts().imports).toBe(0);
  });

  it('turns foreign keys back on afterwards', async () => {
    await storeOrderExport(db, fakeReader([batch(marchOrder)]), file('march.csv'));
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);

    await storeOrderExport(db, fakeReader([batch(marchOrder)], { failAt: 0 }), file('broken.csv')).catch(() => undefined);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('lists imports newest first', async () => {
    await storeOrderExport(db, fakeReader([batch(marchOrder.slice(0, 2))]), file('one.csv'));
    const second = await storeOrderExport(db, fakeReader([batch(marchOrder.slice(2))]), file('two.csv'));

    const listed = listImports(db);

    expect(listed.map((summary) => summary.fileName)).toEqual(['two.csv', 'one.csv']);
    expect(listed[0]).toEqual(second);
  });

  it('names items after sales, not stock adjustments', async () => {
    const damagedFirst = [
      orderLine({ orderRef: '536400', sku: '23113', title: 'Damaged', quantity: 4, unitPrice: 0, customerRef: null }),
      orderLine({ orderRef: '536401', sku: '23113', title: 'PANTRY CHOPPING BOARD', unitPrice: 4.95 }),
      orderLine({ orderRef: '536402', sku: '23113', title: 'wet damaged', unitPrice: 0, customerRef: null }),
    ];
    await storeOrderExport(db, fakeReader([batch(damagedFirst)]), file('one.csv'));
    const laterAdjustment = [orderLine({ orderRef: '536500', sku: '23113', title: 'lost', unitPrice: 0, customerRef: null })];
    await storeOrderExport(db, fakeReader([batch(laterAdjustment)]), file('two.csv'));

    const item = db.prepare("SELECT title FROM items WHERE sku = '23113'").get() as { title: string };
    expect(item.title).toBe('PANTRY CHOPPING BOARD');
  });

  it('replaces an adjustment title stored by an earlier import', async () => {
    await storeOrderExport(
      db,
      fakeReader([batch([orderLine({ orderRef: '536400', sku: '84805B', title: 'wet damaged', unitPrice: 0, customerRef: null })])]),
      file('one.csv'),
    );
    await storeOrderExport(
      db,
      fakeReader([batch([orderLine({ orderRef: '536401', sku: '84805B', title: 'BLUE VINTAGE SPOT BEAKER', unitPrice: 0.85 })])]),
      file('two.csv'),
    );

    const item = db.prepare("SELECT title FROM items WHERE sku = '84805B'").get() as { title: string };
    expect(item.title).toBe('BLUE VINTAGE SPOT BEAKER');
  });
});
