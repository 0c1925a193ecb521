import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Workspace } from '../../../src-main/core/workspace.ts';
import { platformFixture, temporaryWorkspace } from './workspace-fixture.ts';

const SHOPIFY_ORDERS = path.resolve(platformFixture('.'), '../ingest/shopify-orders.csv');

let workspace: Workspace;
let dispose: () => void;

beforeEach(() => {
  ({ workspace, dispose } = temporaryWorkspace());
});

afterEach(() => dispose());

function trafficRows(): Array<Record<string, unknown>> {
  return workspace.db
    .prepare(
      `SELECT i.sku, t.day, t.days, t.impressions, t.clicks, t.visitors, t.page_views AS pageViews,
         t.add_to_carts AS addToCarts, t.orders, t.units, t.revenue
       FROM traffic_daily t JOIN items i ON i.id = t.item_id ORDER BY t.day, i.sku`,
    )
    .all() as Array<Record<string, unknown>>;
}

describe('traffic reports', () => {
  it('stores an Amazon sales and traffic report for its file-name range', async () => {
    await workspace.importFile(platformFixture('amazon-all-orders.txt'));
    const summary = await workspace.importFile(platformFixture('BusinessReport_2025-05-01_2025-05-31.csv'));

    expect(summary).toMatchObject({ kind: 'traffic', format: 'amazon-sales-traffic', trafficRows: 2, items: 2, rejected: 0 });
    expect(trafficRows()).toEqual([
      { sku: 'BB-L', day: '2025-05-01', days: 31, impressions: null, clicks: null, visitors: 1204, pageViews: 1655, addToCarts: null, orders: 59, units: 61, revenue: 1219.39 },
      { sku: 'BB-S', day: '2025-05-01', days: 31, impressions: null, clicks: null, visitors: 388, pageViews: 470, addToCarts: null, orders: 12, units: 12, revenue: 155.88 },
    ]);
    // BB-L came from the orders export; only BB-S is new.
    expect(workspace.db.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 3 });

    const month = workspace.trafficMetrics({ bucket: 'month' });
    expect(month.totals).toHaveLength(1);
    expect(month.totals[0]).toMatchObject({ start: '2025-05-01', visitors: 1592, orders: 71, ctr: null, purchaseRateBase: 'visitors' });
    expect(month.totals[0]?.purchaseRate).toBeCloseTo(71 / 1592, 10);
  });

  it('rejects an Amazon report whose name has no dates', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-traffic-'));
    try {
      const renamed = path.join(dir, 'BusinessReport.csv');
      copyFileSync(platformFixture('BusinessReport_2025-05-01_2025-05-31.csv'), renamed);
      await expect(workspace.importFile(renamed)).rejects.toMatchObject({ code: 'file.trafficDateMissing' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a 生意参谋 workbook below its title rows', async () => {
    await workspace.importFile(platformFixture('taobao-orders.xlsx'));
    const summary = await workspace.importFile(platformFixture('taobao-product-performance.xlsx'));

    expect(summary).toMatchObject({ kind: 'traffic', format: 'taobao-product-performance', trafficRows: 3, rejected: 0 });
    expect(trafficRows()).toEqual([
      { sku: '700000000001', day: '2025-03-01', days: 1, impressions: null, clicks: null, visitors: 1208, pageViews: 2015, addToCarts: 110, orders: 37, units: 44, revenue: 1716 },
      { sku: '700000000002', day: '2025-03-01', days: 1, impressions: null, clicks: null, visitors: 312, pageViews: 401, addToCarts: 15, orders: null, units: null, revenue: null },
      { sku: '700000000001', day: '2025-03-02', days: 1, impressions: null, clicks: null, visitors: 1000, pageViews: 1600, addToCarts: 90, orders: 30, units: 35, revenue: 1365 },
    ]);
    expect(workspace.db.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 2 });

    // 2025-03-01 and 03-02 are a Saturday and a Sunday, so both fall in the week of Monday 24 February.
    const week = workspace.trafficMetrics({ bucket: 'week', sku: '700000000001' });
    expect(week.items).toHaveLength(1);
    expect(week.items[0]).toMatchObject({ start: '2025-02-24', sku: '700000000001', visitors: 2208, orders: 67 });
    expect(week.items[0]?.purchaseRate).toBeCloseTo(67 / 2208, 10);

    const day = workspace.trafficMetrics({ bucket: 'day', from: '2025-03-01', to: '2025-03-01' });
    expect(day.totals).toEqual([expect.objectContaining({ start: '2025-03-01', visitors: 1520, orders: 37 })]);
  });

  it('reads the GA4 comment block for the period', async () => {
    await workspace.importFile(SHOPIFY_ORDERS);
    const summary = await workspace.importFile(platformFixture('ga4-items.csv'));

    expect(summary).toMatchObject({ kind: 'traffic', format: 'ga4-items', trafficRows: 2, firstOrderAt: '2025-03-01T00:00:00.000Z', lastOrderAt: '2025-03-31T00:00:00.000Z' });
    const month = workspace.trafficMetrics({ bucket: 'month' });
    const mug = month.items.find((point) => point.sku === 'MUG-BLU');
    expect(mug).toMatchObject({ impressions: 12000, clicks: 600, pageViews: 1420, addToCarts: 133, units: 61, orders: null, purchaseRateBase: 'clicks' });
    expect(mug?.ctr).toBeCloseTo(0.05, 10);
    expect(mug?.purchaseRate).toBeCloseTo(61 / 600, 10);
    const towel = month.items.find((point) => point.sku === 'TOWEL-01');
    expect(towel?.ctr).toBeCloseTo(100 / 4000, 10);
  });

  it('matches Shopify landing pages to items by handle', async () => {
    await workspace.importFile(SHOPIFY_ORDERS);
    const summary = await workspace.importFile(platformFixture('shopify-landing-pages.csv'));

    expect(summary).toMatchObject({ kind: 'traffic', format: 'shopify-analytics', trafficRows: 3, rejected: 1 });
    expect(workspace.rejectedRows(summary.importId as number).map((row) => [row.lineNumber, row.reason])).toEqual([[5, 'rejected.nonProductLine']]);
    const week = workspace.trafficMetrics({ bucket: 'week' });
    expect(week.items.map((point) => [point.start, point.sku, point.visitors, point.addToCarts, point.orders])).toEqual([
      ['2025-03-03', 'MUG-BLU', 1212, 104, 31],
      ['2025-03-03', 'TOWEL-01', 233, 9, 2],
    ]);
  });

  it('replaces the rows of a re-imported period', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-traffic-'));
    try {
      await workspace.importFile(platformFixture('shopify-landing-pages.csv'));
      const again = path.join(dir, 'shopify-landing-pages-again.csv');
      copyFileSync(platformFixture('shopify-landing-pages.csv'), again);
      // Different bytes, same rows: a second download of the same report.
      const { appendFileSync } = await import('node:fs');
      appendFileSync(again, '\n');
      await workspace.importFile(again);
      expect(workspace.db.prepare('SELECT COUNT(*) AS n, SUM(visitors) AS visitors FROM traffic_daily').get()).toEqual({ n: 3, visitors: 1445 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
