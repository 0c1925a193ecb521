/**
 * Opens the first sheet of an XLSX order export: reads rows until the header and a sample of
 * data rows, detects the layout as for CSV, then returns a reader that streams the sheet again
 * from the start. XLSX parts are UTF-8 XML, so the layout's encoding is `utf-8` and its
 * delimiter is empty.
 */
import { basename } from 'node:path';
import type { ColumnMapping } from '../../../api/contract.ts';
import { createLogger } from '../../log.ts';
import { detectLayout, type LayoutMatch } from '../detect-layout.ts';
import { mappedColumns, resolveExplicitMapping } from '../explicit-mapping.ts';
import { findHeaderInRows } from '../find-header-in-rows.ts';
import { createRowConverter } from '../formats/index.ts';
import type { DetectedLayout, OrderExportReader } from '../types.ts';
import { openXlsxSheet } from './open-sheet.ts';
import type { SheetRow } from './sheet-rows.ts';
import { streamXlsxBatches } from './stream-xlsx-batches.ts';

const log = createLogger('ingest');

/** Rows read up front: the header search plus a sample for per-file detection (date order, decimal commas). */
export const XLSX_SAMPLE_ROWS = 500;

export interface XlsxSample {
  rows: SheetRow[];
  header: string[];
  /** Index of the header in `rows`. */
  headerIndex: number;
  sheetName: string;
}

/** Reads the first XLSX_SAMPLE_ROWS rows of the first sheet. */
export async function readXlsxSampleRows(filePath: string): Promise<{ rows: SheetRow[]; sheetName: string }> {
  const sheet = await openXlsxSheet(filePath);
  const rows: SheetRow[] = [];
  try {
    for await (const row of sheet.rows()) {
      rows.push(row);
      if (rows.length >= XLSX_SAMPLE_ROWS) break;
    }
  } finally {
    sheet.close();
  }
  return { rows, sheetName: sheet.parts.sheetName };
}

/** Reads the first rows of the first sheet and finds the header among them. */
export async function sampleXlsx(filePath: string, requiredNames?: readonly string[]): Promise<XlsxSample> {
  const { rows, sheetName } = await readXlsxSampleRows(filePath);
  const found = findHeaderInRows(rows.map((row) => row.cells), basename(filePath), requiredNames);
  return { rows, header: found.header, headerIndex: found.index, sheetName };
}

export async function openXlsxOrderExport(
  filePath: string,
  fileBytes: number,
  options: { signal?: AbortSignal | undefined; batchSize: number; mapping?: ColumnMapping | undefined },
): Promise<OrderExportReader> {
  const file = basename(filePath);
  const sample = await sampleXlsx(filePath, mappedColumns(options.mapping));
  const headerRow = sample.rows[sample.headerIndex] as SheetRow;

  const match: LayoutMatch = options.mapping
    ? { format: 'generic', kind: 'orders', mapping: resolveExplicitMapping(options.mapping, sample.header, file) }
    : detectLayout(sample.header, file);
  const layout: DetectedLayout = {
    format: match.format,
    encoding: 'utf-8',
    delimiter: '',
    header: sample.header,
    headerLineNumber: headerRow.rowNumber,
    mapping: match.mapping,
  };
  const sampleRows = sample.rows.slice(sample.headerIndex + 1).map((row) => row.cells);
  const converter = createRowConverter(layout, sampleRows);
  log.info('detected order export layout', { format: layout.format, container: 'xlsx', sheet: sample.sheetName, headerRow: headerRow.rowNumber });

  const sheet = await openXlsxSheet(filePath);
  return {
    layout,
    fileBytes,
    batches: () =>
      streamXlsxBatches({
        sheet,
        headerRowNumber: headerRow.rowNumber,
        expectedColumns: layout.header.length,
        converter,
        batchSize: options.batchSize,
        fileBytes,
        signal: options.signal,
      }),
    close: () => sheet.close(),
  };
}
