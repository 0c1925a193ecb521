import { createHash } from 'node:crypto';

import type { DetectedLayout, OrderExportReader, OrderLine, ParsedBatch, RejectedRow } from '../../../src-main/core/ingest/types.ts';

/**
 * Hand-made readers for testing the store side alone. The real reader is exercised by the
 * integration tests; these let a test decide exactly what each batch holds and where it fails.
 */
export const layout: DetectedLayout = {
  format: 'online-retail',
  encoding: 'utf-8',
  delimiter: ',',
  header: ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'],
  headerLineNumber: 1,
  mapping: { orderId: 'InvoiceNo', sku: 'StockCode', title: 'Description', quantity: 'Quantity' },
};

/** 2011-03-01 09:00:00 UTC, in Unix seconds. */
export const MARCH_1 = Date.UTC(2011, 2, 1, 9) / 1000;

let nextLineNumber = 2;

/** An order line with defaults; its fingerprint is derived from its content, like the real one. */
export function orderLine(fields: Partial<Omit<OrderLine, 'fingerprint'>> = {}): OrderLine {
  const line: Omit<OrderLine, 'fingerprint'> = {
    lineNumber: nextLineNumber++,
    orderRef: '536365',
    sku: '85123A',
    title: 'WHITE HANGING HEART T-LIGHT HOLDER',
    quantity: 6,
    unitPrice: 2.55,
    orderedAt: MARCH_1,
    customerRef: '17850',
    country: 'United Kingdom',
    currency: null,
    isReturn: false,
    ...fields,
  };
  const { lineNumber: _lineNumber, ...content } = line;
  const digest = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return { ...line, fingerprint: Number.parseInt(digest.slice(0, 13), 16) };
}

export function rejectedRow(lineNumber: number, reason: RejectedRow['reason'], params: RejectedRow['params'] = {}): RejectedRow {
  return { lineNumber, reason, params, raw: `raw line ${lineNumber}` };
}

export function batch(lines: OrderLine[], rejected: RejectedRow[] = [], bytesRead = 100): ParsedBatch {
  return { lines, rejected, rowsRead: lines.length + rejected.length, blankRows: 0, bytesRead };
}

/**
 * A reader over fixed batches. `failAt` makes it throw when that batch (0-based) is requested,
 * the way a parse or read error surfaces halfway through a real file.
 */
export function fakeReader(batches: ParsedBatch[], options: { failAt?: number; fileBytes?: number } = {}): OrderExportReader {
  return {
    layout,
    fileBytes: options.fileBytes ?? 100 * batches.length,
    async *batches() {
      for (const [index, next] of batches.entries()) {
        await Promise.resolve();
        if (index === options.failAt) throw new Error(`read failed at batch ${index}`);
        yield next;
      }
    },
  };
}
