import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExportOutcome, ExportSummary } from '../../../src-main/api/contract.ts';
import { sampleShopFiles } from '../../../src-main/core/importing/sample-shop.ts';
import { Workspace } from '../../../src-main/core/workspace.ts';
import { readCsv } from '../../unit/export/csv-reader.ts';

/** The sample shop up to September 2011 is the history; October and November are "later". */
const LATER_MONTHS = ['2011-10', '2011-11'];
const DAY = 86_400;

let dir: string;
let workspace: Workspace;
let summary: ExportSummary;
let watermark: number;
let before: ExportOutcome;
let after: ExportOutcome;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-outcomes-'));
  workspace = Workspace.open(dir);
  const files = sampleShopFiles();
  const history = files.filter((file) => /online-retail-(2010-12|2011-0\d)\.csv\.gz$/.test(file));
  const later = files.filter((file) => LATER_MONTHS.some((month) => file.endsWith(`online-retail-${month}.csv.gz`)));
  expect(history).toHaveLength(10);
  expect(later).toHaveLength(2);

  for (const file of history) await workspace.importFile(file);
  await workspace.train({ seed: 7, models: ['item-knn'] });
  watermark = workspace.db.prepare(`SELECT MAX(occurred_at) FROM events WHERE kind = 'purchase'`).pluck().get() as number;
  summary = await workspace.export('customers', path.join(dir, 'customers.csv'), { limit: 10 });
  before = workspace.outcomes()[0]!;

  for (const file of later) await workspace.importFile(file);
  after = workspace.outcomes()[0]!;
}, 600_000);

afterAll(() => {
  workspace?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('outcomes on the sample shop', () => {
  it('has no rates before later orders', () => {
    expect(before.exportId).toBe(summary.exportId);
    expect(before.observedUntil).toBeNull();
    expect(before.purchaseRate).toBeNull();
    expect(before.recommendedPairs).toBe(summary.rows);
  });

  it('window starts at the data watermark', () => {
    expect(after.dataWatermark).toBe(new Date(watermark * 1000).toISOString());
    expect(after.dataWatermark.startsWith('2011-09-30')).toBe(true);
    expect(after.windowEnd).toBe(new Date((watermark + 30 * DAY) * 1000).toISOString());
    expect(after.windowComplete).toBe(true);
  });

  it('converted pairs match a count from the file', () => {
    const rows = readCsv(readFileSync(summary.path, 'utf8').slice(1)).slice(1);
    const boughtInWindow = workspace.db.prepare(
      `SELECT 1 FROM events e JOIN customers c ON c.id = e.customer_id JOIN items i ON i.id = e.item_id
       WHERE c.external_id = ? AND i.sku = ? AND e.kind = 'purchase' AND e.occurred_at > ? AND e.occurred_at <= ? LIMIT 1`,
    );
    const converted = rows.filter(([customer, , sku]) => boughtInWindow.get(customer, sku, watermark, watermark + 30 * DAY)).length;

    expect(after.recommendedPairs).toBe(rows.length);
    expect(after.convertedPairs).toBe(converted);
    expect(after.hits).toBe(converted);
    expect(after.purchaseRate).toBeCloseTo(converted / rows.length, 12);
  });

  it('recommendations beat the base rate', () => {
    expect(after.convertedPairs).toBeGreaterThan(100);
    expect(after.baseRate).toBeGreaterThan(0);
    expect(after.purchaseRate!).toBeGreaterThan(after.baseRate!);
    expect(after.lift).toBeGreaterThan(1);
  });
});
