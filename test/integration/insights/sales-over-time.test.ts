import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { Workspace } from '../../../src-main/core/workspace.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../importing/fixtures');

// Expected values worked out by hand from the two fixture files: the "six" row and the POST
// (postage, not a product) line are not stored, the repeated 536367 line and the April copies of
// 536369 / C536368 are duplicates, and the cancelled C536368 (2 x 3.39) is a return subtracted
// from 2 March.
const MARCH_1 = { start: '2011-03-01', orders: 3, revenue: 100.82, returned: 0 };
const MARCH_2 = { start: '2011-03-02', orders: 1, revenue: 11.07, returned: 6.78 };
const APRIL_1 = { start: '2011-04-01', orders: 2, revenue: 304.9, returned: 0 };

let dir: string;
let workspace: Workspace;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-sales-'));
  workspace = Workspace.open(path.join(dir, 'workspace'));
  await workspace.importFile(path.join(fixtures, 'march-orders.csv'));
  await workspace.importFile(path.join(fixtures, 'april-orders.csv'));
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('salesOverTime', () => {
  it('sums days with returns subtracted', () => {
    const sales = workspace.salesOverTime('day');

    expect(sales.bucket).toBe('day');
    expect(sales.points).toEqual([MARCH_1, MARCH_2, APRIL_1]);
  });

  it('starts weeks on Monday', () => {
    const points = workspace.salesOverTime('week').points;

    expect(points.map((point) => point.start)).toEqual(['2011-02-28', '2011-03-28']);
    expect(points[0]?.orders).toBe(4);
    expect(points[0]?.revenue).toBeCloseTo(111.89, 2);
    expect(points[1]?.revenue).toBeCloseTo(304.9, 2);
  });

  it('groups months from the first day', () => {
    const points = workspace.salesOverTime('month').points;

    expect(points.map((point) => point.start)).toEqual(['2011-03-01', '2011-04-01']);
    expect(points.map((point) => point.orders)).toEqual([4, 2]);
    expect(points[0]?.returned).toBeCloseTo(6.78, 2);
  });

  it('returns no points for an empty workspace', () => {
    const empty = Workspace.open(path.join(dir, 'empty'));
    try {
      expect(empty.salesOverTime('month')).toEqual({ bucket: 'month', currency: null, points: [], series: [] });
    } finally {
      empty.close();
    }
  });

  it('keeps products without a currency in one unknown-currency series', () => {
    const sales = workspace.salesOverTime('day');

    expect(sales.currency).toBeNull();
    expect(sales.series).toHaveLength(1);
    expect(sales.series[0]?.points).toEqual([MARCH_1, MARCH_2, APRIL_1]);
  });

  it('gives each currency its own series, the one with most lines first', async () => {
    const mixed = Workspace.open(path.join(dir, 'mixed'));
    try {
      const file = path.join(dir, 'mixed.csv');
      // Three EUR lines in two orders and one CNY line; hand totals: EUR 2x5 + 1x4 = 14 on
      // 5 May and 3x2 = 6 on 6 May; CNY 1x99 on 5 May.
      writeFileSync(
        file,
        [
          'Order ID,SKU,Quantity,Unit Price,Order Date,Currency,Customer ID',
          'A1,EU-1,2,5,2024-05-05,EUR,C1',
          'A1,EU-2,1,4,2024-05-05,EUR,C1',
          'A2,EU-1,3,2,2024-05-06,EUR,C2',
          'A3,CN-1,1,99,2024-05-05,CNY,C3',
          '',
        ].join('\n'),
      );
      await mixed.importFile(file);
      const sales = mixed.salesOverTime('day');

      expect(sales.series.map((series) => [series.currency, series.lines])).toEqual([['EUR', 3], ['CNY', 1]]);
      expect(sales.currency).toBe('EUR');
      expect(sales.points.map((point) => [point.start, point.revenue])).toEqual([['2024-05-05', 14], ['2024-05-06', 6]]);
      expect(sales.series[1]?.points).toEqual([{ start: '2024-05-05', orders: 1, revenue: 99, returned: 0 }]);
    } finally {
      mixed.close();
    }
  });

  it('rejects an unknown bucket', () => {
    expect(() => workspace.salesOverTime('year' as 'day')).toThrow(/bucket/);
  });
});
