/**
 * RFC 4180 CSV cells for spreadsheets. Text that a spreadsheet could run as a formula (CSV
 * injection, for example a product title "=HYPERLINK(...)") is prefixed with an apostrophe:
 * - text that starts with = + - @, or with their full-width or small forms ＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫,
 *   which some spreadsheet versions fold to ASCII;
 * - the same behind leading whitespace, control or invisible format characters (zero-width,
 *   bidi controls, byte order mark), because a reader that trims cells before it evaluates them,
 *   as LibreOffice's text import can, would see the formula character first;
 * - text that starts with a tab or carriage return, which OWASP lists as formula starters.
 * Text that already starts with apostrophes in front of such text gets one more, so every value
 * can be recovered: remove one leading apostrophe from a text cell whose remaining text, after
 * any further leading apostrophes, starts like a formula. Numbers are written as numbers and are
 * never prefixed.
 * NOTE: the full-width forms are guarded as a precaution; no spreadsheet version that folds them
 * when it opens a CSV file has been tested.
 */
export type CsvCell = string | number;

const IGNORED_BEFORE_FORMULA = /^[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]*/u;
const FORMULA_CHARACTER = /^[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]/u;
const NEEDS_QUOTES = /[",;\r\n]/;

export const UTF8_BOM = '\uFEFF';
export const CSV_LINE_END = '\r\n';

/** True when `text` would be written with a leading apostrophe, so it cannot round-trip. */
export function startsLikeFormula(text: string): boolean {
  const unguarded = text.replace(/^'+/, '');
  if (unguarded.startsWith('\t') || unguarded.startsWith('\r')) return true;
  return FORMULA_CHARACTER.test(unguarded.replace(IGNORED_BEFORE_FORMULA, ''));
}

export function csvCell(cell: CsvCell): string {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = startsLikeFormula(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `delimiter` is ',' or ';' (PrestaShop's default); cells holding either are quoted. */
export function csvRow(cells: readonly CsvCell[], delimiter: ',' | ';' = ','): string {
  return cells.map(csvCell).join(delimiter) + CSV_LINE_END;
}
