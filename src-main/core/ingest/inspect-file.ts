/**
 * Reads the start of any export (CSV, TSV, gzip or XLSX) far enough to show it to the merchant
 * and to plan its import: encoding, delimiter, the header row, the rows above it (report titles,
 * GA4 `#` comments) and the first data rows. Unlike `openOrderExport` it does not fail on an
 * unknown header: the first non-empty row then stands in as the header, so the merchant can map it.
 */
import { basename } from 'node:path';
import type { TextEncoding } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import { CsvRecordReader } from './csv-records.ts';
import { rejectBinarySample } from './detect-damage.ts';
import { decodeSample, detectEncoding } from './detect-encoding.ts';
import { findHeaderInRows, trimHeader } from './find-header-in-rows.ts';
import { DELIMITERS, findHeaderRow } from './find-header.ts';
import { rejectNonTextContainers, sniffContainer, type Container } from './sniff-container.ts';
import { readXlsxSampleRows } from './xlsx/open-xlsx-export.ts';

export interface InspectedFile {
  file: string;
  container: Container;
  encoding: TextEncoding;
  delimiter: string;
  header: string[];
  /** False when no row had known header names and the first non-empty row was taken instead. */
  headerRecognised: boolean;
  /** Non-empty rows above the header. */
  preamble: string[][];
  /** Data rows of the sample after the header. */
  sampleRows: string[][];
}

const FALLBACK_ERRORS = new Set(['file.unrecognisedColumns', 'file.noHeader']);

export async function inspectFile(filePath: string, options: { requiredNames?: readonly string[] } = {}): Promise<InspectedFile> {
  const file = basename(filePath);
  const sniffed = await sniffContainer(filePath);
  if (sniffed.container === 'xlsx') return inspectXlsx(filePath, file, options.requiredNames);

  rejectNonTextContainers(sniffed.sample, file);
  const encoding = detectEncoding(sniffed.sample, sniffed.sampleIsComplete);
  rejectBinarySample(sniffed.sample, encoding, file);
  const text = decodeSample(sniffed.sample, encoding, sniffed.sampleIsComplete);
  if (text.replace(/\uFEFF/g, '').trim() === '') throw new ShopRecError('file.empty', { file });

  try {
    const found = findHeaderRow(text, sniffed.sampleIsComplete, file, options.requiredNames);
    const preamble = readRecords(text, found.delimiter, sniffed.sampleIsComplete).filter((row) => row.line < found.headerLineNumber);
    return {
      file,
      container: sniffed.container,
      encoding,
      delimiter: found.delimiter,
      header: found.header,
      headerRecognised: true,
      preamble: preamble.map((row) => row.fields).filter(isNonEmpty),
      sampleRows: found.sampleRows.filter(isNonEmpty),
    };
  } catch (error) {
    if (!(error instanceof ShopRecError) || !FALLBACK_ERRORS.has(error.code)) throw error;
    return { file, container: sniffed.container, encoding, ...firstRowAsHeader(text, sniffed.sampleIsComplete, file) };
  }
}

async function inspectXlsx(filePath: string, file: string, requiredNames?: readonly string[]): Promise<InspectedFile> {
  const base = { file, container: 'xlsx' as const, encoding: 'utf-8' as const, delimiter: '' };
  const cells = (await readXlsxSampleRows(filePath)).rows.map((row) => row.cells);
  try {
    const found = findHeaderInRows(cells, file, requiredNames);
    return {
      ...base,
      header: found.header,
      headerRecognised: true,
      preamble: cells.slice(0, found.index).filter(isNonEmpty),
      sampleRows: cells.slice(found.index + 1).filter(isNonEmpty),
    };
  } catch (error) {
    if (!(error instanceof ShopRecError) || !FALLBACK_ERRORS.has(error.code)) throw error;
    const rows = cells.filter(isNonEmpty);
    if (rows.length === 0) throw new ShopRecError('file.empty', { file });
    return { ...base, header: trimHeader(rows[0] ?? []), headerRecognised: false, preamble: [], sampleRows: rows.slice(1) };
  }
}

/** Takes the first non-empty record as the header, with the delimiter that splits it into the most cells. */
function firstRowAsHeader(text: string, complete: boolean, file: string): Omit<InspectedFile, 'file' | 'container' | 'encoding'> {
  let best: { delimiter: string; rows: string[][] } = { delimiter: ',', rows: [] };
  for (const delimiter of DELIMITERS) {
    const rows = readRecords(text, delimiter, complete).map((row) => row.fields).filter(isNonEmpty);
    if ((rows[0]?.length ?? 0) > (best.rows[0]?.length ?? 0)) best = { delimiter, rows };
  }
  if (best.rows.length === 0) throw new ShopRecError('file.empty', { file });
  return {
    delimiter: best.delimiter,
    header: trimHeader(best.rows[0] ?? []),
    headerRecognised: false,
    preamble: [],
    sampleRows: best.rows.slice(1),
  };
}

function readRecords(text: string, delimiter: string, complete: boolean): Array<{ line: number; fields: string[] }> {
  const reader = new CsvRecordReader(delimiter);
  reader.push(text);
  if (complete) reader.end();
  const rows: Array<{ line: number; fields: string[] }> = [];
  for (let fields = reader.next(); fields !== null; fields = reader.next()) rows.push({ line: reader.recordLine, fields });
  return rows;
}

function isNonEmpty(row: readonly string[]): boolean {
  return row.some((cell) => cell.trim() !== '');
}
