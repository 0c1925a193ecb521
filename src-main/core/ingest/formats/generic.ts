/**
 * Any other order export whose columns were matched by name through the synonym table
 * (English or Chinese headers). Missing columns are filled where the meaning is unambiguous:
 * - no quantity column: every line is one unit, as in exports that list each unit on its own row;
 * - no unit price but a line amount: unit price = amount / quantity;
 * - no SKU: the product title is the item key;
 * - no order number: `customer@date` joins lines of one customer at one time into one order.
 */
import type { DetectedLayout } from '../types.ts';
import { DateParser, detectDayFirst } from '../parse-date.ts';
import { usesDecimalComma } from '../parse-number.ts';
import { fingerprintLine } from '../fingerprint.ts';
import { resolveColumns, sampleColumn } from './column-index.ts';
import {
  cellAt,
  findDamagedId,
  isRejection,
  normaliseCustomerId,
  readPrice,
  readQuantity,
  reject,
  type RowConverter,
  type RowResult,
  type SignedQuantity,
} from './row-result.ts';

/** Order statuses (English and Chinese platforms) that mean the sale did not stand. */
const RETURN_STATUS = /cancel|refund|void|取消|退款|关闭|退货/i;

const ONE_UNIT: SignedQuantity = { quantity: 1, isReturn: false };

export function createGenericConverter(layout: DetectedLayout, sampleRows: readonly string[][]): RowConverter {
  const columns = resolveColumns(layout.header, layout.mapping);
  const dates = new DateParser(detectDayFirst(sampleColumn(sampleRows, columns.orderedAt)));
  const quantityComma = usesDecimalComma(sampleColumn(sampleRows, columns.quantity));
  const priceComma = usesDecimalComma(sampleColumn(sampleRows, columns.unitPrice));
  const amountComma = usesDecimalComma(sampleColumn(sampleRows, columns.lineAmount));

  return {
    convert(fields, lineNumber): RowResult {
      const orderText = cellAt(fields, columns.orderId);
      const skuText = cellAt(fields, columns.sku);
      const customerText = cellAt(fields, columns.customerId);
      const damaged = findDamagedId(orderText, skuText, customerText);
      if (damaged) return damaged;
      const customerRef = customerText === null ? null : normaliseCustomerId(customerText);

      const dateText = cellAt(fields, columns.orderedAt);
      if (orderText === null && (customerRef === null || dateText === null)) return reject('missingOrderId');
      const title = cellAt(fields, columns.title) ?? '';
      const sku = skuText ?? title;
      if (sku === '') return reject('missingItem');

      const quantity = columns.quantity < 0 ? ONE_UNIT : readQuantity(cellAt(fields, columns.quantity), quantityComma);
      if (isRejection(quantity)) return quantity;
      const unitPrice = readUnitPrice(fields, quantity.quantity);
      if (isRejection(unitPrice)) return unitPrice;
      if (dateText === null) return reject('missingDate');
      const orderedAt = dates.parse(dateText);
      if (Number.isNaN(orderedAt)) return reject('invalidDate', { value: dateText });

      const status = cellAt(fields, columns.status);
      const line = {
        lineNumber,
        orderRef: orderText ?? `${customerRef}@${dateText}`,
        sku,
        title,
        quantity: quantity.quantity,
        unitPrice,
        orderedAt,
        customerRef,
        country: cellAt(fields, columns.country),
        currency: cellAt(fields, columns.currency),
        isReturn: quantity.isReturn || (status !== null && RETURN_STATUS.test(status)),
        fingerprint: 0,
      };
      line.fingerprint = fingerprintLine(layout.format, line);
      return line;
    },
  };

  function readUnitPrice(fields: readonly string[], quantity: number): ReturnType<typeof readPrice> {
    if (columns.unitPrice >= 0) return readPrice(cellAt(fields, columns.unitPrice), priceComma);

    const amount = readPrice(cellAt(fields, columns.lineAmount), amountComma);
    if (amount === null || isRejection(amount)) return amount;
    return Math.abs(amount) / quantity;
  }
}
