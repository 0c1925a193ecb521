/**
 * Row results of the format readers, and the field checks that every format shares.
 */
import type { OrderLine, RejectedReason } from '../types.ts';
import { cleanCell } from '../clean-cell.ts';
import { parseNumber } from '../parse-number.ts';

export interface RowRejection {
  reason: RejectedReason;
  params: Record<string, string | number>;
}

/** An order line, the lines of a row that lists several products, or a rejection. */
export type RowResult = OrderLine | OrderLine[] | RowRejection;

/** Turns the cells of one data row into an order line or a rejection. */
export interface RowConverter {
  convert(fields: readonly string[], lineNumber: number): RowResult;
}

export function isRejection<T>(result: T | RowRejection): result is RowRejection {
  return typeof result === 'object' && result !== null && 'reason' in result;
}

export function reject(reason: RejectedReason, params: Record<string, string | number> = {}): RowRejection {
  return { reason, params };
}

/** Scientific notation that Excel writes for long numeric IDs (`6.91793E+18`); the digits are lost. */
const EXCEL_SCIENTIFIC_ID = /^\d(?:[.,]\d+)?[eE]\+?\d+$/;

export function isDamagedId(value: string): boolean {
  // Scientific notation starts with a digit and has an exponent mark, so most IDs skip the regex.
  const first = value.charCodeAt(0);
  if (first < 0x30 || first > 0x39) return false;
  return hasExponentMark(value) && EXCEL_SCIENTIFIC_ID.test(value);
}

function hasExponentMark(value: string): boolean {
  // `| 0x20` lowercases an ASCII letter, and only `E` and `e` become 0x65.
  for (let i = 1; i < value.length; i++) if ((value.charCodeAt(i) | 0x20) === 0x65) return true;
  return false;
}

/** Returns the cleaned cell of a column index, or null when the column is absent or the cell empty. */
export function cellAt(fields: readonly string[], index: number): string | null {
  return index < 0 ? null : cleanCell(fields[index]);
}

/** Drops the `.0` that a float conversion adds to integer customer IDs (`17850.0` -> `17850`). */
export function normaliseCustomerId(value: string): string {
  // The lines of one order follow each other with the same customer, so the last result mostly fits.
  if (value === lastCustomerId) return lastNormalisedCustomerId;
  lastCustomerId = value;
  lastNormalisedCustomerId = dropFloatSuffix(value);
  return lastNormalisedCustomerId;
}

let lastCustomerId = '';
let lastNormalisedCustomerId = '';

function dropFloatSuffix(value: string): string {
  if (value.charCodeAt(value.length - 1) !== 0x30) return value;
  const dot = value.indexOf('.');
  if (dot <= 0 || !FLOAT_INTEGER.test(value)) return value;
  return value.slice(0, dot);
}

const FLOAT_INTEGER = /^\d+\.0+$/;

export interface SignedQuantity {
  quantity: number;
  isReturn: boolean;
}

/** Reads a quantity; a negative one is a return of that many units, zero is rejected. */
export function readQuantity(text: string | null, decimalComma: boolean): SignedQuantity | RowRejection {
  if (text === null) return reject('missingQuantity');

  const value = parseNumber(text, decimalComma);
  if (Number.isNaN(value)) return reject('invalidQuantity', { value: text });
  if (value === 0) return reject('zeroQuantity');
  return { quantity: Math.abs(value), isReturn: value < 0 };
}

/** Reads an optional price: null when empty, a rejection when present but not a number. */
export function readPrice(text: string | null, decimalComma: boolean): number | null | RowRejection {
  if (text === null) return null;
  const value = parseNumber(text, decimalComma);
  return Number.isNaN(value) ? reject('invalidPrice', { value: text }) : value;
}

/** Rejects the first of the given ID values that Excel turned into scientific notation. */
export function findDamagedId(...values: Array<string | null>): RowRejection | null {
  for (const value of values) {
    if (value !== null && isDamagedId(value)) return reject('idDamagedByExcel', { value });
  }
  return null;
}
