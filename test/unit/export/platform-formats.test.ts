import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EXPORT_FORMATS, type ExportFormat } from '../../../src-main/api/contract.ts';
import { COMPLEMENTARY_COLUMN, RELATED_COLUMN } from '../../../src-main/core/export/formats/shopify-products.ts';
import { truncateUtf8 } from '../../../src-main/core/export/formats/email-mailchimp.ts';
import { handleize } from '../../../src-main/core/export/shopify-handles.ts';
import { writeExport } from '../../../src-main/core/export/write-export.ts';
import { runTraining } from '../../../src-main/core/training/run-training.ts';
import { createFixtureShop, tasteShopLines, type FixtureLine, type FixtureShop } from '../training/shop-fixture.ts';
import { readCsv } from './csv-reader.ts';
import { separatorList, SHOPIFY_HANDLE, shopifyHandleList, wooList } from './platform-readers.ts';

const LONG_TITLE = '长'.repeat(100);
const FORMULA_START = /^[=+\-@\t\r]/;

/** Three e-mail customers who buy G1 with SKUs that platforms cannot take in lists. */
function awkwardLines(): FixtureLine[] {
  const lines: FixtureLine[] = [];
  const customers = ['Ann@Example.com', 'bo@example.org', 'cy@example.net'];
  customers.forEach((customer, c) => {
    const day = (n: number): string => `2024-01-${String(10 + n + c).padStart(2, '0')}T09:00:00Z`;
    lines.push({ customer, order: `${customer}-1`, sku: 'G1', at: day(0), title: 'G item 1' });
    lines.push({ customer, order: `${customer}-1`, sku: 'A,1', at: day(0), title: 'Comma sku' });
    lines.push({ customer, order: `${customer}-1`, sku: '-X9', at: day(0), title: 'Minus sku' });
    // cy never buys Z1, so Z1 (bought with G2 by the others) is among cy's recommendations.
    if (c < 2) lines.push({ customer, order: `${customer}-2`, sku: 'Z1', at: day(4), title: LONG_TITLE });
    lines.push({ customer, order: `${customer}-2`, sku: 'G2', at: day(4), title: 'G item 2' });
  });
  return lines;
}

let shop: FixtureShop;
let outDir: string;
let knownSkus: Set<string>;

beforeAll(async () => {
  shop = createFixtureShop([...tasteShopLines(24), ...awkwardLines()]);
  shop.db.prepare(`UPDATE items SET unit_price = CAST(substr(sku, 2) AS REAL) WHERE sku GLOB '[GK][0-9]'`).run();
  await runTraining(shop.db);
  knownSkus = new Set(shop.db.prepare('SELECT sku FROM items').pluck().all() as string[]);
  outDir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-platform-'));
});

afterAll(() => {
  shop.close();
  rmSync(outDir, { recursive: true, force: true });
});

async function exportRows(format: ExportFormat, options: Parameters<typeof writeExport>[3] = {}): Promise<{ bytes: Buffer; rows: string[][] }> {
  const file = path.join(outDir, `${format}.csv`);
  await writeExport(shop.db, format, file, options);
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  return { bytes, rows: readCsv(text, format === 'prestashop-accessories' ? ';' : ',') };
}

describe('platform exports', () => {
  it('woocommerce lists only known, unguarded SKUs', async () => {
    const { bytes, rows } = await exportRows('woocommerce-products');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows[0]).toEqual(['ID', 'SKU', 'Upsells', 'Cross-sells']);

    const values = rows.slice(1).flatMap((row) => [row[1]!, ...wooList(row[2]!), ...wooList(row[3]!)]);
    expect(values.length).toBeGreaterThan(rows.length);
    for (const sku of values) expect(knownSkus.has(sku), sku).toBe(true);
    expect(values).toContain('A,1');
    expect(values).not.toContain('-X9');

    const g1 = rows.find((row) => row[1] === 'G1')!;
    expect(wooList(g1[3]!)).toContain('A,1');
    expect(g1[3]).toContain('A\\,1');
  });

  it('woocommerce upsells cost more than the product', async () => {
    const { rows } = await exportRows('woocommerce-products');
    const price = new Map(shop.db.prepare('SELECT sku, unit_price FROM items').raw().all() as [string, number | null][]);
    const upsellPairs = rows.slice(1).flatMap((row) => wooList(row[2]!).map((upsell) => [row[1]!, upsell] as const));
    expect(upsellPairs.length).toBeGreaterThan(0);
    for (const [anchor, upsell] of upsellPairs) expect(price.get(upsell)!).toBeGreaterThan(price.get(anchor)!);
  });

  it('shopify metafields list handles of the file', async () => {
    const { bytes, rows } = await exportRows('shopify-products');
    expect(bytes.subarray(0, 6).toString('utf8')).toBe('Handle');
    expect(rows[0]).toEqual(['Handle', 'Title', COMPLEMENTARY_COLUMN, RELATED_COLUMN]);
    expect(COMPLEMENTARY_COLUMN).toBe(
      'Complementary products (product.metafields.shopify--discovery--product_recommendation.complementary_products)',
    );

    const titleByHandle = new Map(rows.slice(1).map((row) => [row[0]!, row[1]!]));
    expect(titleByHandle.get('g-item-1')).toBe('G item 1');
    const catalogueHandles = new Set((shop.db.prepare('SELECT title FROM items').pluck().all() as string[]).map(handleize));
    for (const row of rows.slice(1)) {
      for (const cell of [row[2]!, row[3]!]) {
        for (const handle of shopifyHandleList(cell)) {
          expect(handle).toMatch(SHOPIFY_HANDLE);
          expect(catalogueHandles.has(handle), handle).toBe(true);
        }
      }
    }
  });

  it('handleize follows Shopify handles', () => {
    expect(handleize('Health potion')).toBe('health-potion');
    expect(handleize('  Mug, "large"\nwith lid!  ')).toBe('mug-large-with-lid');
    expect(handleize("Kid's (Blue) Cup")).toBe('kids-blue-cup');
    expect(handleize('蓝色保温杯，500毫升')).toBe('蓝色保温杯-500毫升');
  });

  it('magento skus and positions align', async () => {
    const { bytes, rows } = await exportRows('magento-links');
    expect(bytes[0]).toBe('s'.charCodeAt(0));
    const header = rows[0]!;
    expect(header).toEqual(['sku', 'related_skus', 'related_position', 'crosssell_skus', 'crosssell_position', 'upsell_skus', 'upsell_position']);

    for (const row of rows.slice(1)) {
      expect(knownSkus.has(row[0]!)).toBe(true);
      for (const column of [1, 3, 5]) {
        const skus = separatorList(row[column]!);
        const positions = separatorList(row[column + 1]!).map(Number);
        expect(positions).toEqual(skus.map((_, index) => index + 1));
        for (const sku of skus) expect(knownSkus.has(sku), sku).toBe(true);
        expect(skus).not.toContain(row[0]);
      }
    }
    const all = rows.slice(1).flat();
    expect(all.some((cell) => cell.includes('A,1') || cell.includes('X9'))).toBe(false);
  });

  it('prestashop uses semicolons and references', async () => {
    const { rows } = await exportRows('prestashop-accessories');
    expect(rows[0]).toEqual(['Product ID', 'Reference', 'Accessories (x,y,z...)']);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows.slice(1)) {
      expect(row).toHaveLength(3);
      for (const sku of separatorList(row[2]!)) expect(knownSkus.has(sku), sku).toBe(true);
    }
  });

  it('klaviyo starts with Email, e-mail customers only', async () => {
    const summary = await writeExport(shop.db, 'email-klaviyo', path.join(outDir, 'k.csv'), {
      baseUrl: 'https://shop.example.com/products/{handle}',
      limit: 2,
    });
    const bytes = readFileSync(summary.path);
    expect(bytes.subarray(0, 5).toString('utf8')).toBe('Email');
    const rows = readCsv(bytes.toString('utf8'));
    expect(rows[0]).toEqual([
      'Email', 'Rec 1 Title', 'Rec 1 SKU', 'Rec 1 Price', 'Rec 1 URL',
      'Rec 2 Title', 'Rec 2 SKU', 'Rec 2 Price', 'Rec 2 URL', 'Rec Generated At',
    ]);
    expect(rows.slice(1).map((row) => row[0]).sort()).toEqual(['ann@example.com', 'bo@example.org', 'cy@example.net']);
    expect(summary.skippedCustomers).toBe(24);
    for (const row of rows.slice(1)) {
      expect(row[4]).toMatch(/^https:\/\/shop\.example\.com\/products\/[^/]+$/);
      expect(row[9]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('mailchimp fields fit in 255 bytes', async () => {
    const { bytes, rows } = await exportRows('email-mailchimp', { limit: 10 });
    expect(bytes.subarray(0, 13).toString('utf8')).toBe('Email Address');
    expect(rows[0]!.slice(0, 4)).toEqual(['Email Address', 'REC1NAME', 'REC1SKU', 'REC1PRICE']);
    for (const header of rows[0]!) expect(header.length).toBeLessThanOrEqual(13);

    const cells = rows.slice(1).flat();
    for (const cell of cells) expect(Buffer.byteLength(cell, 'utf8')).toBeLessThanOrEqual(255);
    const cut = cells.find((cell) => cell.startsWith('长'));
    expect(cut).toBe('长'.repeat(85));
  });

  it('truncateUtf8 keeps whole characters', () => {
    expect(truncateUtf8('ab😀', 5)).toBe('ab');
    expect(truncateUtf8('ab😀', 6)).toBe('ab😀');
    expect(truncateUtf8('é'.repeat(200), 255)).toBe('é'.repeat(127));
  });

  it('review worksheet writes GBK on request', async () => {
    const { bytes } = await exportRows('review-worksheet-zh', { encoding: 'gbk' });
    const rows = readCsv(iconv.decode(bytes, 'gbk'));
    expect(rows[0]).toEqual(['商品ID/商家编码', '商品名称', '推荐商品ID/商家编码', '推荐商品名称', '推荐理由']);
    const z1 = rows.find((row) => row[0] === 'Z1')!;
    expect(z1[1]).toBe(LONG_TITLE);
    expect(z1[4]).toMatch(/^与/);
  });

  it('rejects GBK for text it cannot hold', async () => {
    shop.db.prepare(`UPDATE items SET title = 'Cup 😀' WHERE sku = 'K1'`).run();
    const file = path.join(outDir, 'emoji.csv');
    try {
      await expect(writeExport(shop.db, 'items', file, { encoding: 'gbk' })).rejects.toMatchObject({ code: 'export.unencodable' });
    } finally {
      shop.db.prepare(`UPDATE items SET title = 'K item 1' WHERE sku = 'K1'`).run();
    }
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(outDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('no cell of any format starts a formula', async () => {
    shop.db.prepare(`UPDATE items SET title = '=HYPERLINK("http://x.invalid")' WHERE sku = 'K2'`).run();
    for (const format of EXPORT_FORMATS) {
      const options = format.startsWith('email-') ? { baseUrl: 'https://shop.example.com/p/' } : {};
      const { rows } = await exportRows(format, options);
      for (const cell of rows.flat()) expect(FORMULA_START.test(cell), `${format}: ${cell}`).toBe(false);
    }
  });

  it('records every exported customer pair', async () => {
    const summary = await writeExport(shop.db, 'customers', path.join(outDir, 'rec.csv'), { limit: 4 });
    const stored = shop.db.prepare('SELECT COUNT(*) FROM export_recommendations WHERE export_id = ?').pluck().get(summary.exportId);
    expect(stored).toBe(summary.rows);
  });

  it('records nothing for a preview written with record false', async () => {
    const before = shop.db.prepare('SELECT COUNT(*) FROM exports').pluck().get();
    const summary = await writeExport(shop.db, 'customers', path.join(outDir, 'preview.csv'), { limit: 4, record: false });
    expect(summary.exportId).toBeNull();
    expect(summary.rows).toBeGreaterThan(0);
    expect(shop.db.prepare('SELECT COUNT(*) FROM exports').pluck().get()).toBe(before);
  });

  it('rejects e-mail formats without e-mail customers', async () => {
    const plain = createFixtureShop(tasteShopLines(24));
    try {
      await runTraining(plain.db);
      const file = path.join(outDir, 'none.csv');
      await expect(writeExport(plain.db, 'email-mailchimp', file)).rejects.toMatchObject({ code: 'export.noEmailCustomers' });
      expect(existsSync(file)).toBe(false);
    } finally {
      plain.close();
    }
  });
});
