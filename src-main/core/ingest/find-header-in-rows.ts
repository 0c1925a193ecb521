/**
 * Header search over rows that are already split into cells (XLSX sheets), with the same rule
 * as for CSV text: the first of the first non-empty rows with at least two known header names.
 */
import { ShopRecError } from '../errors.ts';
import { COLUMNS_IN_ERROR, countKnownHeaderNames } from './detect-layout.ts';
import { HEADER_SEARCH_ROWS } from './find-header.ts';
import { normaliseHeader } from './header-synonyms.ts';

export interface RowsHeader {
  header: string[];
  /** Index into the rows given. */
  index: number;
}

/**
 * Finds the header row. With `requiredNames` (the columns of a merchant's mapping) the header is
 * the first row that has all of them, whatever else it holds.
 */
export function findHeaderInRows(rows: readonly (readonly string[])[], file: string, requiredNames?: readonly string[]): RowsHeader {
  let nonEmpty = 0;
  for (let index = 0; index < rows.length && nonEmpty < HEADER_SEARCH_ROWS; index++) {
    const cells = rows[index] ?? [];
    if (cells.every((cell) => cell.trim() === '')) continue;
    nonEmpty++;
    if (matchesHeader(cells, requiredNames)) return { header: trimHeader(cells), index };
  }

  const first = rows.find((cells) => cells.some((cell) => cell.trim() !== ''));
  if (first === undefined || first.length < 2) throw new ShopRecError('file.noHeader', { file, lines: HEADER_SEARCH_ROWS });
  throw new ShopRecError('file.unrecognisedColumns', { file, columns: first.slice(0, COLUMNS_IN_ERROR).join(', ') });
}

/** Tells whether a row is the header: all required names, or at least two known header names. */
export function matchesHeader(cells: readonly string[], requiredNames?: readonly string[]): boolean {
  if (requiredNames !== undefined && requiredNames.length > 0) {
    const names = new Set(cells.map((cell) => normaliseHeader(cell.trim())));
    return requiredNames.every((name) => names.has(normaliseHeader(name)));
  }
  return cells.length >= 2 && countKnownHeaderNames(cells) >= 2;
}

/** Trims header cells and drops the empty cells that spreadsheets leave after the last column. */
export function trimHeader(cells: readonly string[]): string[] {
  const header = cells.map((cell) => cell.trim().replace(/^\uFEFF/, ''));
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  return header;
}
