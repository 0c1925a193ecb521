/**
 * The streaming pass over the first sheet of an XLSX order export: rows after the header go
 * through the same shape check and row converter as CSV records, in batches of `batchSize`.
 */
import { throwIfCancelled } from '../../errors.ts';
import type { RowConverter } from '../formats/index.ts';
import { isRejection } from '../formats/index.ts';
import { checkShape, isBlank } from '../stream-batches.ts';
import type { ParsedBatch } from '../types.ts';
import type { XlsxSheet } from './open-sheet.ts';

const MAX_RAW_CHARS = 4096;
/** NOTE: an estimate. Sheet rows do not map to packed file bytes, so progress assumes this many per row. */
const ESTIMATED_PACKED_BYTES_PER_ROW = 100;

export interface XlsxStreamSource {
  sheet: XlsxSheet;
  headerRowNumber: number;
  expectedColumns: number;
  converter: RowConverter;
  batchSize: number;
  fileBytes: number;
  signal?: AbortSignal | undefined;
}

export async function* streamXlsxBatches(source: XlsxStreamSource): AsyncGenerator<ParsedBatch> {
  const { converter, batchSize, signal } = source;
  let batch = emptyBatch();
  let rowsSeen = 0;

  try {
    throwIfCancelled(signal);
    for await (const row of source.sheet.rows()) {
      if (row.rowNumber <= source.headerRowNumber) continue;
      rowsSeen++;
      batch.rowsRead++;
      addRow(batch, row.cells, row.rowNumber, source.expectedColumns, converter);

      if (batch.rowsRead >= batchSize) {
        batch.bytesRead = Math.min(source.fileBytes, rowsSeen * ESTIMATED_PACKED_BYTES_PER_ROW);
        throwIfCancelled(signal);
        yield batch;
        batch = emptyBatch();
      }
    }
  } finally {
    source.sheet.close();
  }

  throwIfCancelled(signal);
  if (batch.rowsRead > 0) {
    batch.bytesRead = source.fileBytes;
    yield batch;
  }
}

function addRow(batch: ParsedBatch, cells: string[], rowNumber: number, expectedColumns: number, converter: RowConverter): void {
  if (isBlank(cells)) {
    batch.blankRows++;
    return;
  }
  // Sheets leave out empty trailing cells, so a short row is padded instead of rejected.
  while (cells.length < expectedColumns) cells.push('');

  const result = checkShape(cells, expectedColumns, 'lineBreak') ?? converter.convert(cells, rowNumber);
  if (isRejection(result)) {
    const raw = cells.join('\t').slice(0, MAX_RAW_CHARS);
    batch.rejected.push({ lineNumber: rowNumber, reason: result.reason, params: result.params, raw });
  } else if (Array.isArray(result)) {
    batch.lines.push(...result);
  } else {
    batch.lines.push(result);
  }
}

function emptyBatch(): ParsedBatch {
  return { lines: [], rejected: [], rowsRead: 0, blankRows: 0, bytesRead: 0 };
}
