/**
 * Finds the delimiter and the header row in a decoded sample. Exports may start with an Excel
 * `sep=;` line or with title and filter rows (生意参谋, GA4 comment blocks), so the header is
 * the first of the first non-empty rows that contains at least two known header names. Every
 * candidate delimiter is tried, and the one whose header row names the most known columns wins.
 */
import { ShopRecError } from '../errors.ts';
import { CsvRecordReader } from './csv-records.ts';
import { COLUMNS_IN_ERROR, countKnownHeaderNames } from './detect-layout.ts';
import { normaliseHeader } from './header-synonyms.ts';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Non-empty rows searched for the header; preambles seen in real exports are shorter. */
export const HEADER_SEARCH_ROWS = 15;

const MIN_KNOWN_NAMES = 2;
const EXCEL_SEPARATOR_LINE = /^sep=(.)\s*(?:\r?\n|\r|$)/i;

export interface HeaderRow {
  delimiter: string;
  header: string[];
  headerLineNumber: number;
  /** The header as written in the file, for spotting double encoding. */
  headerText: string;
  /** Complete data records of the sample after the header, for per-file detection. */
  sampleRows: string[][];
}

/** With `requiredNames` (the columns of a merchant's mapping), the header is the first row that has all of them. */
export function findHeaderRow(
  sampleText: string,
  sampleIsComplete: boolean,
  file: string,
  requiredNames?: readonly string[],
): HeaderRow {
  const forced = EXCEL_SEPARATOR_LINE.exec(sampleText)?.[1];
  const candidates = forced ? [forced] : DELIMITERS;

  let best: { row: HeaderRow; known: number } | null = null;
  for (const delimiter of candidates) {
    const found = findHeaderWith(delimiter, sampleText, sampleIsComplete, requiredNames);
    if (found && (best === null || found.known > best.known)) best = found;
  }

  if (best === null) throw headerError(sampleText, sampleIsComplete, candidates, file);
  return best.row;
}

/**
 * Builds the error for a sample without a known header. A first row with several cells is the
 * header of some other kind of file ('file.unrecognisedColumns'). Otherwise the file has no header.
 */
function headerError(
  sampleText: string,
  sampleIsComplete: boolean,
  delimiters: readonly string[],
  file: string,
): ShopRecError {
  let widest: string[] = [];
  for (const delimiter of delimiters) {
    const reader = new CsvRecordReader(delimiter);
    reader.push(sampleText);
    if (sampleIsComplete) reader.end();
    let fields = reader.next();
    while (fields !== null && fields.every((cell) => cell.trim() === '')) fields = reader.next();
    if (fields !== null && fields.length > widest.length) widest = fields;
  }

  if (widest.length < 2) return new ShopRecError('file.noHeader', { file, lines: HEADER_SEARCH_ROWS });
  const columns = widest.slice(0, COLUMNS_IN_ERROR).map((cell) => cell.trim()).join(', ');
  return new ShopRecError('file.unrecognisedColumns', { file, columns });
}

function findHeaderWith(
  delimiter: string,
  sampleText: string,
  sampleIsComplete: boolean,
  requiredNames: readonly string[] | undefined,
): { row: HeaderRow; known: number } | null {
  const reader = new CsvRecordReader(delimiter);
  reader.push(sampleText);
  if (sampleIsComplete) reader.end();

  let nonEmptyRows = 0;
  for (let fields = reader.next(); fields !== null && nonEmptyRows < HEADER_SEARCH_ROWS; fields = reader.next()) {
    if (fields.every((cell) => cell.trim() === '')) continue;
    nonEmptyRows++;

    const known = countKnownHeaderNames(fields);
    if (!isHeader(fields, known, requiredNames)) continue;
    const row: HeaderRow = {
      delimiter,
      header: fields.map((cell) => cell.trim().replace(/^\uFEFF/, '')),
      headerLineNumber: reader.recordLine,
      headerText: reader.rawRecord(),
      sampleRows: readSampleRows(reader),
    };
    return { row, known };
  }
  return null;
}

function isHeader(fields: readonly string[], known: number, requiredNames: readonly string[] | undefined): boolean {
  if (requiredNames === undefined || requiredNames.length === 0) return fields.length >= 2 && known >= MIN_KNOWN_NAMES;
  const names = new Set(fields.map((cell) => normaliseHeader(cell.trim().replace(/^\uFEFF/, ''))));
  return fields.length >= 2 && requiredNames.every((name) => names.has(normaliseHeader(name)));
}

function readSampleRows(reader: CsvRecordReader): string[][] {
  const rows: string[][] = [];
  for (let fields = reader.next(); fields !== null; fields = reader.next()) rows.push(fields);
  return rows;
}
