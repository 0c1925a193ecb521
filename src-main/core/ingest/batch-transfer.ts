/**
 * A parsed batch in a form that crosses a worker boundary cheaply. Structured cloning copies
 * every object and string of an array of order lines, so the lines travel as columns instead.
 * Numbers go in typed arrays whose buffers are transferred, not copied. Text goes as indexes
 * into a table of the batch's distinct strings, because an order's lines repeat its number,
 * customer and country, and popular items repeat across orders.
 */
import type { OrderLine, ParsedBatch, RejectedRow } from './types.ts';

export interface TransferredBatch {
  count: number;
  strings: string[];
  /** Per line: orderRef, sku, title, customerRef, country, currency; -1 is null. */
  text: Int32Array;
  /** Per line: lineNumber, quantity, unitPrice (NaN is null), orderedAt, fingerprint. */
  numbers: Float64Array;
  isReturn: Uint8Array;
  rejected: RejectedRow[];
  rowsRead: number;
  blankRows: number;
  bytesRead: number;
}

const TEXT_COLUMNS = 6;
const NUMBER_COLUMNS = 5;

/** Packs a batch; `transfer` lists the buffers to hand over with postMessage. */
export function packBatch(batch: ParsedBatch): { packed: TransferredBatch; transfer: ArrayBuffer[] } {
  const count = batch.lines.length;
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const text = new Int32Array(count * TEXT_COLUMNS);
  const numbers = new Float64Array(count * NUMBER_COLUMNS);
  const isReturn = new Uint8Array(count);

  const intern = (value: string | null): number => {
    if (value === null) return -1;
    let index = indexes.get(value);
    if (index === undefined) {
      index = strings.length;
      strings.push(value);
      indexes.set(value, index);
    }
    return index;
  };
  // Lines of one order follow each other, so order, customer and country repeat the line before.
  let previous: OrderLine | null = null;

  for (let i = 0; i < count; i++) {
    const line = batch.lines[i]!;
    const row = i * TEXT_COLUMNS;
    const before = row - TEXT_COLUMNS;
    text[row] = previous !== null && line.orderRef === previous.orderRef ? text[before]! : intern(line.orderRef);
    text[row + 1] = intern(line.sku);
    text[row + 2] = intern(line.title);
    text[row + 3] = previous !== null && line.customerRef === previous.customerRef ? text[before + 3]! : intern(line.customerRef);
    text[row + 4] = previous !== null && line.country === previous.country ? text[before + 4]! : intern(line.country);
    text[row + 5] = previous !== null && line.currency === previous.currency ? text[before + 5]! : intern(line.currency);
    previous = line;

    const cell = i * NUMBER_COLUMNS;
    numbers[cell] = line.lineNumber;
    numbers[cell + 1] = line.quantity;
    numbers[cell + 2] = line.unitPrice ?? Number.NaN;
    numbers[cell + 3] = line.orderedAt;
    numbers[cell + 4] = line.fingerprint;
    isReturn[i] = line.isReturn ? 1 : 0;
  }

  const packed: TransferredBatch = {
    count,
    strings,
    text,
    numbers,
    isReturn,
    rejected: batch.rejected,
    rowsRead: batch.rowsRead,
    blankRows: batch.blankRows,
    bytesRead: batch.bytesRead,
  };
  return { packed, transfer: [text.buffer, numbers.buffer, isReturn.buffer] };
}

/** Rebuilds the batch that `packBatch` packed, line for line. */
export function unpackBatch(packed: TransferredBatch): ParsedBatch {
  const { strings, text, numbers, isReturn } = packed;
  const at = (index: number): string | null => (index < 0 ? null : strings[index]!);
  const lines: OrderLine[] = new Array<OrderLine>(packed.count);

  for (let i = 0; i < packed.count; i++) {
    const row = i * TEXT_COLUMNS;
    const cell = i * NUMBER_COLUMNS;
    const unitPrice = numbers[cell + 2]!;
    lines[i] = {
      lineNumber: numbers[cell]!,
      orderRef: strings[text[row]!]!,
      sku: strings[text[row + 1]!]!,
      title: strings[text[row + 2]!]!,
      quantity: numbers[cell + 1]!,
      unitPrice: Number.isNaN(unitPrice) ? null : unitPrice,
      orderedAt: numbers[cell + 3]!,
      customerRef: at(text[row + 3]!),
      country: at(text[row + 4]!),
      currency: at(text[row + 5]!),
      isReturn: isReturn[i] === 1,
      fingerprint: numbers[cell + 4]!,
    };
  }

  return {
    lines,
    rejected: packed.rejected,
    rowsRead: packed.rowsRead,
    blankRows: packed.blankRows,
    bytesRead: packed.bytesRead,
  };
}
