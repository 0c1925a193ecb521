import type { ExportEncoding, ExportFormat } from '../../../api/contract.ts';
import type { Locale } from '../../../api/messages/index.ts';
import type { Db } from '../../store/database.ts';
import type { Catalogue } from '../catalogue.ts';
import type { CsvCell } from '../csv.ts';

/** One recommended pair as stored for outcome measurement (row ids, not SKUs). */
export type RecordedPair =
  | { customerId: number; anchorItemId: null; itemId: number; rank: number }
  | { customerId: null; anchorItemId: number; itemId: number; rank: number };

export interface ExportContext {
  db: Db;
  catalogue: Catalogue;
  locale: Locale;
  limit: number;
  /** Product page address with optional {sku} and {handle} placeholders, or null. */
  baseUrl: string | null;
  /** Called for every recommendation the file contains, so outcomes can be measured later. */
  record(pair: RecordedPair): void;
  /** Called for each customer left out of a per-customer file. */
  skipCustomer(): void;
}

/** One output row; `done` and `total` count subjects (customers or products) for progress. */
export interface RowChunk {
  cells: CsvCell[];
  done: number;
  total: number;
}

export interface FormatWriter {
  format: ExportFormat;
  /** Per-customer lists, or per-product lists. */
  kind: 'customer' | 'item';
  /** Encoding used when the caller names none, chosen for the program that reads the file. */
  defaultEncoding: ExportEncoding;
  /** Recommendations per subject when the caller names no limit. */
  defaultLimit: number;
  delimiter: ',' | ';';
  /** Rejects the export before a file is created, when the workspace cannot fill this format. */
  check?(context: ExportContext): void;
  header(context: ExportContext): string[];
  rows(context: ExportContext): Generator<RowChunk>;
}
