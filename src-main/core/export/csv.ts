/**
 * RFC 4180 CSV cells for spreadsheets. Text that starts with = + - @ tab or carriage return is
 * prefixed with an apostrophe, because Excel, WPS and LibreOffice would otherwise run it as a
 * formula (CSV injection, for example a product title "=HYPERLINK(...)"). Numbers are written
 * as numbers and are never prefixed.
 */
export type CsvCell = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]/;

export const UTF8_BOM = '\uFEFF';
export const CSV_LINE_END = '\r\n';

/** True when `text` would be written with a leading apostrophe, so it cannot round-trip. */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

export function csvCell(cell: CsvCell): string {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `delimiter` is ',' or ';' (PrestaShop's default); cells holding either are quoted. */
export function csvRow(cells: readonly CsvCell[], delimiter: ',' | ';' = ','): string {
  return cells.map(csvCell).join(delimiter) + CSV_LINE_END;
}
