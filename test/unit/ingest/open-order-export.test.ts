import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOrderExport } from '../../../src-main/core/ingest/open-order-export.ts';
import { errorOf, fixture, readExport } from './read-export.ts';

// Expected times from Python's calendar.timegm on the wall-clock value, minus any offset.
const T_2011_03_01_08_26 = 1298967960;
const T_2025_03_04_18_22_10 = 1741112530;

function writeTemp(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shoprec-ingest-'));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('openOrderExport on UCI Online Retail quirks', () => {
  it('keeps products and returns, rejects fees and adjustments', async () => {
    const result = await readExport(fixture('online-retail-quirks.csv'));
    expect(result.layout.format).toBe('online-retail');
    expect(result.rowsRead).toBe(11);
    expect(result.lines.map((line) => line.lineNumber)).toEqual([2, 3, 4, 6, 7, 8, 12]);
    expect(result.rejected.map((row) => [row.lineNumber, row.reason])).toEqual([
      [5, 'nonProductLine'],
      [9, 'badDebtAdjustment'],
      [10, 'nonProductLine'],
      [11, 'zeroQuantity'],
    ]);
    expect(result.rejected[0]?.params).toEqual({ value: 'POST' });
    expect(result.rejected[0]?.raw).toBe('581001,POST,POSTAGE,1,2011-03-01 08:26:00,18.00,17001.0,United Kingdom');
  });

  it('cleans customer IDs, returns and descriptions', async () => {
    const { lines } = await readExport(fixture('online-retail-quirks.csv'));
    const [first, , , cancelled, quoted, noDescription] = lines;
    expect(first).toMatchObject({
      orderRef: '581001', sku: '85123A', quantity: 6, unitPrice: 2.55,
      orderedAt: T_2011_03_01_08_26, customerRef: '17001', country: 'United Kingdom', isReturn: false,
    });
    expect(cancelled).toMatchObject({ orderRef: 'C581002', quantity: 2, isReturn: true, customerRef: '17002' });
    expect(quoted).toMatchObject({ title: 'PICTURE FRAME 7" SINGLE, WOOD', customerRef: null });
    expect(noDescription).toMatchObject({ sku: '84997C', title: '', quantity: 5, unitPrice: 0, isReturn: true });
  });

  it('gives exact duplicate lines equal fingerprints', async () => {
    const { lines } = await readExport(fixture('online-retail-quirks.csv'));
    const fingerprints = lines.map((line) => line.fingerprint);
    expect(fingerprints[1]).toBe(fingerprints[2]);
    expect(new Set(fingerprints).size).toBe(lines.length - 1);
  });

  it('streams a gzip file like the plain one', async () => {
    const plain = await readExport(fixture('online-retail-quirks.csv'));
    const packed = await readExport(fixture('online-retail-quirks.csv.gz'));
    expect(packed.lines).toEqual(plain.lines);
    expect(packed.rejected).toEqual(plain.rejected);
  });

  it('splits the stream into batches of the requested size', async () => {
    const result = await readExport(fixture('online-retail-quirks.csv'), 4);
    expect(result.batches).toBe(3);
    expect(result.lines).toHaveLength(7);
  });
});

describe('openOrderExport on Shopify orders', () => {
  it('carries order fields to continuation lines', async () => {
    const { layout, lines, rejected } = await readExport(fixture('shopify-orders.csv'));
    expect(layout.format).toBe('shopify-orders');
    expect(rejected).toEqual([]);
    expect(lines.map((line) => line.lineNumber)).toEqual([2, 4, 5, 6, 7]);

    const [mug, towel, voided, wrap, card] = lines;
    expect(mug).toMatchObject({ orderRef: '#2001', sku: 'MUG-BLU', quantity: 2, unitPrice: 15, currency: 'USD' });
    expect(mug?.customerRef).toBe('shopper.a@example.com');
    // 2025-03-04 18:22:09 +0800 is 10:22:09 UTC.
    expect(mug?.orderedAt).toBe(T_2025_03_04_18_22_10 - 8 * 3600 - 1);
    expect(towel).toMatchObject({ orderRef: '#2001', customerRef: 'shopper.a@example.com', currency: 'USD', country: 'CN', isReturn: false });
    expect(voided).toMatchObject({ orderRef: '#2002', currency: 'EUR', country: 'DE', isReturn: true });
    expect(wrap).toMatchObject({ sku: 'Gift Wrap', customerRef: null });
    expect(card).toMatchObject({ sku: 'CARD-1', unitPrice: 0, currency: 'USD', customerRef: null });
  });
});

describe('openOrderExport on generic exports', () => {
  it('reads a GBK export with a Chinese header and a title preamble', async () => {
    const { layout, lines, rejected } = await readExport(fixture('generic-gbk.csv'));
    expect(layout).toMatchObject({ format: 'generic', encoding: 'gb18030', delimiter: ',', headerLineNumber: 4 });
    expect(layout.mapping).toEqual({
      orderId: '订单号', sku: '商品编码', title: '商品名称', quantity: '数量',
      unitPrice: '单价', orderedAt: '下单时间', customerId: '买家',
    });
    expect(lines.map((line) => [line.orderRef, line.sku, line.quantity, line.unitPrice, line.customerRef])).toEqual([
      ['250301000000000001', 'A-100', 2, 59.9, '小明'],
      ['250301000000000002', 'B-200', 1, 1299, '买家甲'],
      ['250301000000000003', 'C-300', 3, 12.5, null],
    ]);
    expect(lines[0]?.title).toBe('保温杯 500毫升');
    expect(lines[1]?.title).toBe('帆布包, 大号');
    // calendar.timegm((2025, 3, 5, 9, 1, 0, 0, 0, 0))
    expect(lines[1]?.orderedAt).toBe(1741165260);
    expect(rejected.map((row) => [row.lineNumber, row.reason, row.params])).toEqual([
      [8, 'idDamagedByExcel', { value: '6.91793E+17' }],
      [9, 'summaryRow', { value: '合计' }],
    ]);
  });

  it('reads semicolons, decimal commas and day-first dates', async () => {
    const { layout, lines } = await readExport(fixture('semicolon-decimal-comma.csv'));
    expect(layout).toMatchObject({ delimiter: ';', headerLineNumber: 2, format: 'generic' });
    expect(lines.map((line) => line.unitPrice)).toEqual([12.5, 1234.56, 12.5]);
    // calendar.timegm((2025, 3, 13, 14, 5, 0, 0, 0, 0)) and ((2025, 4, 2, 9, 0, 0, 0, 0, 0))
    expect(lines.map((line) => line.orderedAt)).toEqual([1741874700, 1741874700, 1743584400]);
  });

  it('reads date variants, amounts and rejects bad rows', async () => {
    const { lines, rejected } = await readExport(fixture('dates-and-amounts.csv'));
    expect(lines.map((line) => line.orderRef)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A11']);
    expect(lines.slice(0, 5).map((line) => line.orderedAt)).toEqual(Array(5).fill(T_2025_03_04_18_22_10));
    expect(lines[5]?.orderedAt).toBe(T_2025_03_04_18_22_10 - 10);
    expect(lines.map((line) => line.quantity)).toEqual(Array(7).fill(1));
    expect(lines[1]).toMatchObject({ unitPrice: 45, isReturn: true, sku: 'Mug' });
    expect(rejected.map((row) => [row.lineNumber, row.reason, row.params])).toEqual([
      [8, 'invalidDate', { value: 'yesterday' }],
      [9, 'invalidPrice', { value: 'abc' }],
      [10, 'invalidDate', { value: '2025-02-30' }],
      [11, 'wrongColumnCount', { found: 7, expected: 6 }],
      [13, 'wrongColumnCount', { found: 2, expected: 6 }],
    ]);
  });

  it('derives an order number from customer and date', async () => {
    const file = writeTemp('no-order-id.csv', 'SKU,Qty,Order Date,Buyer\nX-1,2,2025-03-04,b1\nX-2,1,2025-03-04,\n');
    const { lines, rejected } = await readExport(file);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.orderRef).toBe('b1@2025-03-04');
    expect(rejected.map((row) => row.reason)).toEqual(['missingOrderId']);
  });
});

describe('openOrderExport encodings', () => {
  it('reads a UTF-16LE tab-separated Online Retail II export', async () => {
    const { layout, lines } = await readExport(fixture('online-retail-ii-utf16le.txt'));
    expect(layout).toMatchObject({ format: 'online-retail-ii', encoding: 'utf-16le', delimiter: '\t' });
    expect(lines.map((line) => [line.orderRef, line.title, line.customerRef])).toEqual([
      ['489434', '15CM CHRISTMAS GLASS BALL 20 LIGHTS', '13085'],
      ['489435', 'CAT BOWL Ø 12 CM', null],
    ]);
  });

  it('reads a UTF-8 file with a BOM', async () => {
    const { layout, lines } = await readExport(fixture('online-retail-ii-utf8-bom.csv'));
    expect(layout).toMatchObject({ format: 'online-retail-ii', encoding: 'utf-8-bom', delimiter: ',' });
    expect(layout.header[0]).toBe('Invoice');
    expect(lines[1]?.title).toBe('CAT BOWL Ø 12 CM');
  });

  it('rejects a double-encoded header', async () => {
    const error = await errorOf(openOrderExport(fixture('double-encoded.csv')));
    expect(error.code).toBe('file.doubleEncoded');
    expect(String(error.params.sample)).toContain('ï»¿Order ID');
  });

  it('rejects mojibake that recurs in the rows', async () => {
    const rows = ['Order ID,Title,Order Date', '1,Voucher Â£20,2025-03-01', '2,Voucher Â£30,2025-03-01', '3,Voucher Â£40,2025-03-01'];
    const error = await errorOf(openOrderExport(writeTemp('mojibake.csv', rows.join('\n'))));
    expect(error.code).toBe('file.doubleEncoded');
    expect(String(error.params.sample)).toContain('Â£20');
  });

  it('accepts a single odd character pair in the rows', async () => {
    const rows = ['Order ID,Title,Order Date', '1,Voucher Â£20,2025-03-01', '2,Voucher £30,2025-03-01'];
    const { lines } = await readExport(writeTemp('one-odd-pair.csv', rows.join('\n')));
    expect(lines.map((line) => line.title)).toEqual(['Voucher Â£20', 'Voucher £30']);
  });
});

describe('openOrderExport truncated files', () => {
  it('rejects a last line cut inside quotes', async () => {
    const { lines, rejected } = await readExport(fixture('truncated-last-line.csv'));
    expect(lines).toHaveLength(1);
    expect(rejected.map((row) => [row.lineNumber, row.reason])).toEqual([[3, 'truncatedLine']]);
  });

  it('rejects a short last line without a line break', async () => {
    const file = writeTemp('short.csv', 'Order ID,SKU,Order Date\n1,A,2025-03-04\n2,B');
    const { lines, rejected } = await readExport(file);
    expect(lines).toHaveLength(1);
    expect(rejected.map((row) => [row.lineNumber, row.reason])).toEqual([[3, 'truncatedLine']]);
  });

  it('keeps a complete last line without a line break', async () => {
    const file = writeTemp('complete.csv', 'Order ID,SKU,Order Date\n1,A,2025-03-04\n2,B,2025-03-05');
    const { lines, rejected } = await readExport(file);
    expect(lines).toHaveLength(2);
    expect(rejected).toEqual([]);
  });
});

describe('openOrderExport file errors', () => {
  it.each([
    ['empty.csv', 'file.empty'],
    ['bom-and-blank-lines.csv', 'file.empty'],
    ['png-renamed.csv', 'file.binary'],
    ['nul-bytes.csv', 'file.notText'],
    ['workbook.csv', 'file.workbookInvalid'],
    ['legacy-workbook.xls', 'file.spreadsheetNotSupported'],
    ['corrupt.csv.gz', 'file.compressedCorrupt'],
    ['unrecognised-columns.csv', 'file.unrecognisedColumns'],
    ['does-not-exist.csv', 'file.notFound'],
  ])('rejects %s with %s', async (name, code) => {
    const error = await errorOf(openOrderExport(fixture(name)));
    expect(error.code).toBe(code);
    expect(error.params.file).toBe(name);
  });

  it('names the kind of binary file', async () => {
    const error = await errorOf(openOrderExport(fixture('png-renamed.csv')));
    expect(error.params.kind).toBe('PNG');
  });

  it('lists the unrecognised columns', async () => {
    const error = await errorOf(openOrderExport(fixture('unrecognised-columns.csv')));
    expect(error.params.columns).toBe('Visitors, Page views, Bounce rate, Average session');
  });

  it('reports a missing header', async () => {
    const file = writeTemp('notes.csv', 'just some notes\nand more notes\n');
    const error = await errorOf(openOrderExport(file));
    expect(error.code).toBe('file.noHeader');
  });

  it('stops with CancelledError between batches', async () => {
    const controller = new AbortController();
    const reader = await openOrderExport(fixture('online-retail-quirks.csv'), { signal: controller.signal, batchSize: 2 });
    const iterator = reader.batches()[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await expect(iterator.next()).rejects.toMatchObject({ code: 'cancelled' });
  });
});
