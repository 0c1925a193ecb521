import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOrderExport } from '../../../src-main/core/ingest/open-order-export.ts';
import { DATASETS } from './read-export.ts';

/**
 * Expected counts were computed independently with Python's csv module over the unpacked files,
 * applying the same rules: `A` invoices and the non-product StockCodes rejected, zero quantities
 * rejected, `C` invoices and negative quantities counted as returns.
 */
const ONLINE_RETAIL = path.join(DATASETS, 'online-retail/online_retail.csv.gz');
const ONLINE_RETAIL_II = path.join(DATASETS, 'online-retail-ii-2009-2010/online_retail_II_2009_2010.csv.gz');

interface Totals {
  rows: number;
  lines: number;
  returns: number;
  anonymous: number;
  rejected: Record<string, number>;
  distinctFingerprints: number;
  lastBytesRead: number;
  format: string;
}

async function totalsOf(filePath: string): Promise<Totals> {
  const reader = await openOrderExport(filePath);
  const fingerprints = new Set<number>();
  const totals: Totals = {
    rows: 0, lines: 0, returns: 0, anonymous: 0, rejected: {}, distinctFingerprints: 0, lastBytesRead: 0,
    format: reader.layout.format,
  };

  for await (const batch of reader.batches()) {
    totals.rows += batch.rowsRead;
    totals.lines += batch.lines.length;
    totals.lastBytesRead = batch.bytesRead;
    for (const line of batch.lines) {
      if (line.isReturn) totals.returns++;
      if (line.customerRef === null) totals.anonymous++;
      fingerprints.add(line.fingerprint);
    }
    for (const row of batch.rejected) totals.rejected[row.reason] = (totals.rejected[row.reason] ?? 0) + 1;
  }
  totals.distinctFingerprints = fingerprints.size;
  return totals;
}

describe.runIf(existsSync(ONLINE_RETAIL))('UCI Online Retail dataset', () => {
  it('streams all 541,909 rows with the expected split', async () => {
    const totals = await totalsOf(ONLINE_RETAIL);
    expect(totals.format).toBe('online-retail');
    expect(totals.rows).toBe(541_909);
    expect(totals.lines).toBe(538_959);
    expect(totals.returns).toBe(10_040);
    expect(totals.anonymous).toBe(134_050);
    expect(totals.rejected).toEqual({ nonProductLine: 2_947, badDebtAdjustment: 3 });
    // 5,264 lines repeat an earlier line's order, item, quantity, price, time and customer.
    expect(totals.distinctFingerprints).toBe(533_695);
    expect(totals.lastBytesRead).toBe(7_611_818);
  });
});

describe.runIf(existsSync(ONLINE_RETAIL_II))('UCI Online Retail II dataset', () => {
  it('streams all 525,461 rows with the expected split', async () => {
    const totals = await totalsOf(ONLINE_RETAIL_II);
    expect(totals.format).toBe('online-retail-ii');
    expect(totals.rows).toBe(525_461);
    expect(totals.lines).toBe(522_480);
    expect(totals.returns).toBe(11_700);
    expect(totals.anonymous).toBe(106_761);
    expect(totals.rejected).toEqual({ nonProductLine: 2_978, badDebtAdjustment: 3 });
  });
});
