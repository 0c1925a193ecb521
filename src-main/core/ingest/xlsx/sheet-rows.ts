/**
 * Streams the rows of one sheet as string cells, the same form the CSV reader produces, so the
 * layout detection and row converters work unchanged. Cells become text as follows:
 * - shared and inline strings as written (leading tabs and `="…"` wrappers stay for the cleaner);
 * - numbers in a date style as `YYYY-MM-DD HH:MM:SS` (or `YYYY-MM-DD` for whole days);
 * - integers of 16 digits or more in exponent form (`6.917930123456779e+18`), because Excel
 *   keeps 15 significant digits and the rest were lost: ID columns then reject them as
 *   `idDamagedByExcel`;
 * - other numbers in their shortest exact decimal form, booleans as TRUE / FALSE.
 */
import type { Readable } from 'node:stream';
import { parseXmlStream } from './xml-events.ts';
import type { WorkbookParts } from './workbook-parts.ts';

export interface SheetRow {
  /** 1-based row number in the sheet. */
  rowNumber: number;
  cells: string[];
}

const EXCEL_EPOCH_OFFSET_DAYS = 25569;
const DATE_1904_OFFSET_DAYS = 1462;
const SECONDS_PER_DAY = 86400;
const EXACT_DIGITS_LIMIT = 1e15;

export async function* readSheetRows(stream: Readable, parts: WorkbookParts): AsyncGenerator<SheetRow> {
  const done: SheetRow[] = [];
  let row: SheetRow | null = null;
  let lastRowNumber = 0;
  let cell: { column: number; type: string; style: number; value: string; inValue: boolean } | null = null;
  let nextColumn = 0;

  const handlers = {
    open(name: string, attributes: Record<string, string>): void {
      if (name === 'row') {
        const number = attributes.r === undefined ? lastRowNumber + 1 : Number(attributes.r);
        row = { rowNumber: number, cells: [] };
        lastRowNumber = number;
        nextColumn = 0;
      } else if (name === 'c' && row !== null) {
        const column = attributes.r === undefined ? nextColumn : columnIndex(attributes.r);
        cell = { column, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), value: '', inValue: false };
        nextColumn = column + 1;
      } else if ((name === 'v' || name === 't') && cell !== null) {
        cell.inValue = true;
      }
    },
    close(name: string): void {
      if ((name === 'v' || name === 't') && cell !== null) cell.inValue = false;
      else if (name === 'c' && cell !== null && row !== null) {
        setCell(row.cells, cell.column, cellText(cell.type, cell.style, cell.value, parts));
        cell = null;
      } else if (name === 'row' && row !== null) {
        done.push(row);
        row = null;
      }
    },
    text(text: string): void {
      if (cell?.inValue) cell.value += text;
    },
  };

  for await (const _ of parseXmlStream(stream, handlers)) {
    while (done.length > 0) yield done.shift() as SheetRow;
  }
}

function setCell(cells: string[], column: number, text: string): void {
  while (cells.length < column) cells.push('');
  cells[column] = text;
}

/** Turns `BC12` into the 0-based column index 54. */
export function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

function cellText(type: string, style: number, value: string, parts: WorkbookParts): string {
  switch (type) {
    case 's':
      return parts.sharedStrings[Number(value)] ?? '';
    case 'inlineStr':
    case 'str':
    case 'e':
    case 'd':
      return value;
    case 'b':
      return value === '1' ? 'TRUE' : 'FALSE';
    default:
      return numberText(value, parts.dateStyles.has(style), parts.date1904);
  }
}

function numberText(value: string, isDate: boolean, date1904: boolean): string {
  const number = Number(value);
  if (value.trim() === '' || Number.isNaN(number)) return value;
  if (isDate) return serialToText(number, date1904);
  if (Number.isInteger(number) && Math.abs(number) >= EXACT_DIGITS_LIMIT) return number.toExponential();
  return String(number);
}

/** Converts an Excel date serial (days, fraction = time of day) to wall-clock text. */
export function serialToText(serial: number, date1904: boolean): string {
  const days = serial + (date1904 ? DATE_1904_OFFSET_DAYS : 0) - EXCEL_EPOCH_OFFSET_DAYS;
  const seconds = Math.round(days * SECONDS_PER_DAY);
  const iso = new Date(seconds * 1000).toISOString();
  const whole = seconds % SECONDS_PER_DAY === 0;
  return whole ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
