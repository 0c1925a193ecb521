import type { ColumnMapping, SourceFormat, TextEncoding } from '../../api/contract.ts';

/** Keys under `rejected.` in the message catalogues. */
export type RejectedReason =
  | 'missingOrderId'
  | 'missingItem'
  | 'missingQuantity'
  | 'invalidQuantity'
  | 'invalidPrice'
  | 'missingDate'
  | 'invalidDate'
  | 'idDamagedByExcel'
  | 'wrongColumnCount'
  | 'truncatedLine'
  | 'nonProductLine'
  | 'badDebtAdjustment'
  | 'zeroQuantity'
  | 'summaryRow'
  | 'itemsNotListed'
  | 'invalidMetric';

/** One cleaned order line, ready to store. */
export interface OrderLine {
  /** 1-based line number in the file where the record starts (the header is line 1 or later). */
  lineNumber: number;
  orderRef: string;
  sku: string;
  title: string;
  /** Always positive; `isReturn` gives the direction. */
  quantity: number;
  unitPrice: number | null;
  /** Unix seconds. Wall-clock times without a zone are read as UTC. */
  orderedAt: number;
  customerRef: string | null;
  country: string | null;
  currency: string | null;
  /** Cancelled invoices, cancelled or refunded orders and negative quantities. */
  isReturn: boolean;
  /**
   * 53-bit hash of the line's canonical fields (format, order, item, quantity, price, time,
   * customer): equal for exact duplicates within a file and across overlapping exports.
   */
  fingerprint: number;
}

export interface RejectedRow {
  lineNumber: number;
  reason: RejectedReason;
  params: Record<string, string | number>;
  /** The row as it was in the file (decoded text, at most a few kilobytes). */
  raw: string;
}

export interface DetectedLayout {
  format: SourceFormat;
  encoding: TextEncoding;
  delimiter: string;
  /** The header cells as written in the file. */
  header: string[];
  headerLineNumber: number;
  mapping: ColumnMapping;
}

export interface ParsedBatch {
  lines: OrderLine[];
  rejected: RejectedRow[];
  /** Data rows consumed by this batch (stored, rejected or skipped as blank). */
  rowsRead: number;
  /** Blank rows skipped in this batch; they are included in `rowsRead`. */
  blankRows: number;
  /** Bytes of the file consumed so far, for progress (compressed bytes for .gz files). */
  bytesRead: number;
}

export interface OrderExportReader {
  layout: DetectedLayout;
  fileBytes: number;
  /** Streams the file once; throws CancelledError when the signal fires between batches. */
  batches(): AsyncIterable<ParsedBatch>;
  /** Releases what the reader holds (a parse worker) when `batches()` is never read to the end. */
  close?(): void;
}
