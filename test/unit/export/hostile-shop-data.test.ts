/**
 * Regression cases for weaknesses that the export fuzz test in test/faults found. They cover
 * formulas hidden behind spaces, invisible characters, full-width forms or apostrophes, SKUs
 * that WooCommerce's list parser changes, addresses that differ only in letter case, and SKUs
 * too long for a Mailchimp field.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ExportFormat } from '../../../src-main/api/contract.ts';
import { csvCell, startsLikeFormula } from '../../../src-main/core/export/csv.ts';
import { writeExport } from '../../../src-main/core/export/write-export.ts';
import { runTraining } from '../../../src-main/core/training/run-training.ts';
import { createFixtureShop, tasteShopLines, type FixtureLine, type FixtureShop } from '../training/shop-fixture.ts';
import { readCsv } from './csv-reader.ts';
import { wooList } from './platform-readers.ts';

const LONG_SKU = `L${'9'.repeat(300)}`;
const AWKWARD_SKUS = [' lead', 'trail ', 'ends\\', LONG_SKU];

/**
 * Two customers whose addresses differ only in case buy G1 with the awkward SKUs. A third buys
 * only G1 and G2, so the awkward SKUs are among its recommendations.
 */
function awkwardLines(): FixtureLine[] {
  const lines: FixtureLine[] = [];
  ['Dup@Example.com', 'dup@example.com', 'other@example.com'].forEach((customer, c) => {
    const day = (n: number): string => `2024-02-${String(10 + n + c).padStart(2, '0')}T09:00:00Z`;
    lines.push({ customer, order: `${customer}-1`, sku: 'G1', at: day(0), title: 'G item 1' });
    if (c < 2) {
      for (const sku of AWKWARD_SKUS) lines.push({ customer, order: `${customer}-1`, sku, at: day(0), title: `Awkward ${sku.length}` });
    }
    lines.push({ customer, order: `${customer}-2`, sku: 'G2', at: day(4), title: 'G item 2' });
  });
  return lines;
}

let shop: FixtureShop;
let outDir: string;

beforeAll(async () => {
  shop = createFixtureShop([...tasteShopLines(24), ...awkwardLines()]);
  await runTraining(shop.db, { models: ['item-knn'] });
  outDir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-hostile-'));
});

afterAll(() => {
  shop.close();
  rmSync(outDir, { recursive: true, force: true });
});

async function exportRows(format: ExportFormat, limit?: number): Promise<{ rows: string[][]; skippedCustomers: number }> {
  const file = path.join(outDir, `${format}.csv`);
  const summary = await writeExport(shop.db, format, file, { encoding: 'utf-8', ...(limit === undefined ? {} : { limit }) });
  return { rows: readCsv(readFileSync(file, 'utf8')), skippedCustomers: summary.skippedCustomers };
}

describe('csv formula guard', () => {
  it('guards hidden and full-width formulas', () => {
    for (const text of [' =1+1', '\u3000+1', '\u200B=1', '\u202E@SUM(A1)', '\uFEFF-1', '\n=1', '\u0000=1', '＝1+1', '＋1', '－1', '＠x', '﹦1']) {
      expect(readCsv(`${csvCell(text)}\r\n`)[0]![0]!.startsWith("'"), JSON.stringify(text)).toBe(true);
      expect(startsLikeFormula(text), JSON.stringify(text)).toBe(true);
    }
  });

  it('adds an apostrophe to guarded-looking text', () => {
    expect(csvCell("'=1+1")).toBe("''=1+1");
    expect(csvCell("''-1")).toBe("'''-1");
    expect(csvCell("'\ttab")).toBe("''\ttab");
  });

  it('leaves other text alone', () => {
    for (const text of [' plain', "'quoted", "it's", '1-2', 'a=b', '\u3000蓝色', '"=1"']) {
      expect(startsLikeFormula(text), JSON.stringify(text)).toBe(false);
    }
    expect(csvCell("'quoted")).toBe("'quoted");
  });
});

describe('exports of awkward shop data', () => {
  it('woocommerce leaves out SKUs its list parser changes', async () => {
    const { rows } = await exportRows('woocommerce-products');
    const listed = rows.slice(1).flatMap((row) => [row[1]!, ...wooList(row[2]!), ...wooList(row[3]!)]);
    expect(listed).toContain('G1');
    for (const sku of [' lead', 'lead', 'trail ', 'trail', 'ends\\']) expect(listed).not.toContain(sku);
    for (const row of rows.slice(1)) expect(row[3]).not.toMatch(/\\, /);
  });

  it('e-mail formats write each address once', async () => {
    for (const format of ['email-klaviyo', 'email-mailchimp'] as const) {
      const { rows, skippedCustomers } = await exportRows(format);
      const addresses = rows.slice(1).map((row) => row[0]);
      expect(addresses.filter((address) => address === 'dup@example.com'), format).toHaveLength(1);
      expect(addresses, format).toContain('other@example.com');
      expect(skippedCustomers, format).toBe(24 + 1);
    }
  });

  it('mailchimp leaves out SKUs over 255 bytes', async () => {
    const klaviyo = (await exportRows('email-klaviyo', 10)).rows.slice(1).flat();
    expect(klaviyo).toContain(LONG_SKU);

    const cells = (await exportRows('email-mailchimp', 10)).rows.slice(1).flat();
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell.startsWith('L999')).toBe(false);
  });
});
