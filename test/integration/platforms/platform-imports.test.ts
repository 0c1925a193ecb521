import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Workspace } from '../../../src-main/core/workspace.ts';
import { platformFixture, rejectedReasons, storedLines, temporaryWorkspace, type StoredLine } from './workspace-fixture.ts';

interface PlatformCase {
  file: string;
  format: string;
  encoding: string;
  lines: StoredLine[];
  rejected?: Array<[number, string]>;
}

// Expected rows are read off the fixture files by hand: [order, customer, item, quantity, unit price, time, return].
const CASES: PlatformCase[] = [
  {
    file: 'woocommerce-analytics.csv',
    format: 'woocommerce-analytics',
    encoding: 'utf-8-bom',
    lines: [
      ['1305', 'Test Buyer', 'Oak Board', 2, null, '2025-02-01T10:15:00Z', false],
      ['1305', 'Test Buyer', 'Olive Oil 500ml', 1, null, '2025-02-01T10:15:00Z', false],
      ['1306', 'Guest Shopper', 'Olive Oil 500ml', 1, 9.9, '2025-02-01T11:40:00Z', false],
      ['1307', 'Test Buyer', 'Linen Napkin Set, Sage', 2, 12, '2025-02-02T09:05:00Z', true],
    ],
  },
  {
    file: 'woocommerce-order-export.csv',
    format: 'woocommerce-order-export',
    encoding: 'utf-8',
    lines: [
      ['1401', 'buyer.c@example.com', 'OAK-BRD', 2, 12, '2025-04-02T14:05:00Z', false],
      ['1401', 'buyer.c@example.com', 'OIL-500', 1, 9.9, '2025-04-02T14:05:00Z', false],
      ['1402', 'buyer.d@example.com', 'OIL-500', 1, 9.9, '2025-04-03T09:12:00Z', true],
    ],
  },
  {
    file: 'amazon-all-orders.txt',
    format: 'amazon-all-orders',
    encoding: 'utf-8',
    lines: [
      ['111-0000001-0000001', null, 'BB-L', 2, 19.99, '2025-05-01T10:15:00Z', false],
      ['111-0000001-0000001', null, 'OIL-1', 1, 8.99, '2025-05-01T10:15:00Z', false],
      ['111-0000002-0000002', null, 'OIL-1', 1, null, '2025-05-02T10:40:00Z', false],
      ['111-0000003-0000003', null, 'BB-L', 1, 19.99, '2025-05-03T12:00:00Z', true],
    ],
  },
  {
    file: 'etsy-sold-order-items.csv',
    format: 'etsy-order-items',
    encoding: 'utf-8',
    lines: [
      ['7000000001', 'demo_buyer_01', 'NAP-SAGE', 2, 18, '2025-03-09T00:00:00Z', false],
      ['7000000001', 'demo_buyer_01', '8000000002', 1, 12, '2025-03-09T00:00:00Z', false],
      ['7000000002', 'demo_buyer_02', '8000000002', 1, 12, '2025-03-21T00:00:00Z', false],
    ],
  },
  {
    file: 'ebay-orders.csv',
    format: 'ebay-orders',
    encoding: 'utf-8',
    lines: [
      ['12-00000-00001', 'demo_user_x', 'SPN-W', 2, 15, '2025-03-02T00:00:00Z', false],
      ['12-00000-00001', 'demo_user_x', 'RST-1', 1, 15, '2025-03-02T00:00:00Z', false],
      ['12-00000-00002', 'demo_user_y', '100000000002', 1, 1015, '2024-12-31T00:00:00Z', false],
    ],
    rejected: [[3, 'rejected.summaryRow'], [7, 'rejected.summaryRow'], [8, 'rejected.summaryRow']],
  },
  {
    file: 'shopee-orders.csv',
    format: 'shopee-orders',
    encoding: 'utf-8',
    lines: [
      ['250301DEMO0001', 'shopper_ana', 'CP-STRAP', 2, 9.9, '2025-03-01T00:00:00Z', false],
      ['250301DEMO0001', 'shopper_ana', 'CP-6IN', 1, 19.5, '2025-03-01T00:00:00Z', true],
      ['250302DEMO0002', 'shopper_ben', 'CP-STRAP', 1, 9.9, '2025-03-02T00:00:00Z', true],
    ],
  },
  {
    file: 'lazada-orders.csv',
    format: 'lazada-orders',
    encoding: 'utf-8',
    lines: [
      ['300000001', 'Demo Lee', 'TEA-GRN', 1, 8.5, '2025-03-05T10:00:00Z', false],
      ['300000001', 'Demo Lee', 'TEA-GRN', 1, 8.5, '2025-03-05T10:00:00Z', false],
      ['300000002', 'Demo Tan', 'CUP-01', 1, 15, '2025-03-06T18:30:00Z', true],
    ],
  },
  {
    file: 'taobao-orders-gbk.csv',
    format: 'taobao-orders',
    encoding: 'gb18030',
    lines: [
      ['3901234567890123455', '演示买家甲', '700000000001', 2, 39, '2025-03-01T20:11:05Z', false],
      ['3901234567890123455', '演示买家甲', '700000000002', 1, 50, '2025-03-01T20:11:05Z', true],
      ['3901234567890123458', '李**', '700000000001', 1, 39, '2025-03-02T09:00:00Z', true],
    ],
    rejected: [[5, 'rejected.idDamagedByExcel']],
  },
  {
    file: 'taobao-order-report-gbk.csv',
    format: 'taobao-order-report',
    encoding: 'gb18030',
    lines: [
      ['3901234567890123456', '演示买家甲', '陶瓷马克杯', 1, null, '2025-03-01T20:11:05Z', false],
      ['3901234567890123456', '演示买家甲', '木质杯垫', 1, null, '2025-03-01T20:11:05Z', false],
      ['3901234567890123457', '演示买家乙', '陶瓷马克杯', 1, 0, '2025-03-02T09:00:00Z', true],
      ['3901234567890123458', '演示买家丙', '陶瓷马克杯', 3, 39, '2025-03-03T10:30:00Z', false],
    ],
    rejected: [[5, 'rejected.itemsNotListed']],
  },
  {
    file: 'jd-orders.csv',
    format: 'jd-orders',
    encoding: 'gb18030',
    lines: [
      ['300000000001', 'jd_demo_a', '100000000101', 1, 89, '2025-02-10T09:00:00Z', false],
      ['300000000001', 'jd_demo_a', '100000000102', 2, 34.5, '2025-02-10T09:00:00Z', false],
      ['300000000002', '赵* / 1******0002', '100000000101', 1, 89, '2025-02-11T14:30:00Z', true],
    ],
  },
  {
    file: 'pinduoduo-orders.csv',
    format: 'pinduoduo-orders',
    encoding: 'utf-8-bom',
    lines: [
      ['250301-100000000000001', '138****0001', '600000000001', 2, 9.9, '2025-03-01T12:00:03Z', false],
      ['250302-100000000000002', '138****0002', '600000000001', 1, 9.9, '2025-03-02T08:30:00Z', true],
      ['250303-100000000000003', '138****0001', '600000000002', 1, 18, '2025-03-03T00:00:00Z', false],
    ],
  },
  {
    file: 'douyin-orders.csv',
    format: 'douyin-orders',
    encoding: 'utf-8-bom',
    lines: [
      ['6900000000000000001', '刘** / 139****1111', '3600000001', 1, 12.9, '2025-04-01T20:00:00Z', false],
      ['6900000000000000002', '陈** / 139****2222', '3600000001', 1, 29.9, '2025-04-02T21:15:00Z', true],
      ['6900000000000000002', '陈** / 139****2222', '3600000099', 1, 0, '2025-04-02T21:15:00Z', true],
    ],
  },
  {
    file: 'youzan-order-items.csv',
    format: 'youzan-order-items',
    encoding: 'utf-8-bom',
    lines: [
      ['E20250301000000000001', '演示甲', 'CAKE-ST-6', 1, 98, '2025-03-01T10:00:00Z', false],
      ['E20250301000000000001', '演示甲', 'KNIFE-01', 2, 10, '2025-03-01T10:00:00Z', false],
      ['E20250302000000000002', '138****0002', 'MOUSSE-MG-4', 1, 68, '2025-03-02T15:20:00Z', true],
    ],
  },
  {
    file: 'taobao-orders.xlsx',
    format: 'taobao-orders',
    encoding: 'utf-8',
    lines: [
      ['3901234567890123455', '演示买家甲', '700000000001', 2, 39, '2025-03-01T20:11:05Z', false],
      ['3901234567890123455', '演示买家甲', '700000000002', 1, 49.9, '2025-03-01T20:11:05Z', true],
      ['3901234567890123458', null, '700000000001', 1, 39, '2025-03-02T00:00:00Z', true],
    ],
    rejected: [[5, 'rejected.idDamagedByExcel']],
  },
];

let workspace: Workspace;
let dispose: () => void;

beforeEach(() => {
  ({ workspace, dispose } = temporaryWorkspace());
});

afterEach(() => dispose());

describe('platform order exports', () => {
  it.each(CASES)('imports $file row for row', async (platform) => {
    const summary = await workspace.importFile(platformFixture(platform.file));

    expect(summary.kind).toBe('orders');
    expect(summary.format).toBe(platform.format);
    expect(summary.encoding).toBe(platform.encoding);
    expect(storedLines(workspace, summary.importId as number)).toEqual(platform.lines);
    expect(rejectedReasons(workspace, summary.importId as number)).toEqual(platform.rejected ?? []);
  });

  it('previews each platform file as its format', async () => {
    for (const platform of CASES) {
      const preview = await workspace.previewFile(platformFixture(platform.file));
      expect(preview.format, platform.file).toBe(platform.format);
      expect(preview.mappingSource, platform.file).toBe('platform');
    }
  });
});
