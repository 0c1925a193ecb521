/**
 * UCI Online Retail and Online Retail II (same shop, renamed columns). Invoices starting with
 * `C` are cancellations, `A` invoices are bad-debt adjustments, and a set of StockCodes are
 * postage, fees, discounts and manual corrections rather than products.
 */
import type { DetectedLayout } from '../types.ts';
import { DateParser, detectDayFirst } from '../parse-date.ts';
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
} from './row-result.ts';

/**
 * StockCodes that are not products, found by listing every code of both UCI files that is not
 * five digits with an optional letter suffix (`85123A`, `15056BL`) and reading its descriptions.
 * `DCGS…` codes and `SP1002` are real products of the shop's web store and stay.
 */
const NON_PRODUCT_CODES = new Set([
  'POST', 'DOT', 'C2', 'C3', 'D', 'M', 'S', 'B', 'PADS', 'CRUK', 'BANK CHARGES', 'AMAZONFEE', 'GIFT',
  'ADJUST', 'ADJUST2', 'TEST001', 'TEST002',
]);
const NON_PRODUCT_PREFIX = 'gift_0001_';
const LOWER_A = 0x61;
const LOWER_C = 0x63;

export function isNonProductCode(code: string): boolean {
  // Every product code starts with a digit, so most rows are decided by one comparison.
  const first = code.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) return false;
  return NON_PRODUCT_CODES.has(code.toUpperCase()) || code.toLowerCase().startsWith(NON_PRODUCT_PREFIX);
}

export function createOnlineRetailConverter(layout: DetectedLayout, sampleRows: readonly string[][]): RowConverter {
  const columns = resolveColumns(layout.header, layout.mapping);
  const dates = new DateParser(detectDayFirst(sampleColumn(sampleRows, columns.orderedAt)));

  return {
    convert(fields, lineNumber): RowResult {
      const invoice = cellAt(fields, columns.orderId);
      const stockCode = cellAt(fields, columns.sku);
      const title = cellAt(fields, columns.title) ?? '';
      const customerText = cellAt(fields, columns.customerId);
      if (invoice === null) return reject('missingOrderId');

      const damaged = findDamagedId(invoice, stockCode, customerText);
      if (damaged) return damaged;
      // `| 0x20` lowercases an ASCII letter, so `a` and `A`, `c` and `C` compare equal.
      const invoiceKind = invoice.charCodeAt(0) | 0x20;
      if (invoiceKind === LOWER_A) return reject('badDebtAdjustment');
      if (stockCode !== null && isNonProductCode(stockCode)) return reject('nonProductLine', { value: stockCode });
      // Without a StockCode the description is the only name of the item.
      const sku = stockCode ?? title;
      if (sku === '') return reject('missingItem');

      const quantity = readQuantity(cellAt(fields, columns.quantity), false);
      if (isRejection(quantity)) return quantity;
      const unitPrice = readPrice(cellAt(fields, columns.unitPrice), false);
      if (isRejection(unitPrice)) return unitPrice;
      const dateText = cellAt(fields, columns.orderedAt);
      if (dateText === null) return reject('missingDate');
      const orderedAt = dates.parse(dateText);
      if (Number.isNaN(orderedAt)) return reject('invalidDate', { value: dateText });

      const line = {
        lineNumber,
        orderRef: invoice,
        sku,
        title,
        quantity: quantity.quantity,
        unitPrice,
        orderedAt,
        customerRef: customerText === null ? null : normaliseCustomerId(customerText),
        country: cellAt(fields, columns.country),
        currency: null,
        isReturn: quantity.isReturn || invoiceKind === LOWER_C,
        fingerprint: 0,
      };
      line.fingerprint = fingerprintLine(layout.format, line);
      return line;
    },
  };
}
