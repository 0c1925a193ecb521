/**
 * Shopify's orders export: one row per line item. Order-level fields (Email, Currency,
 * Financial Status, Cancelled at, addresses) are filled only on an order's first row and blank
 * on its other rows, so they are carried forward while the `Name` stays the same.
 */
import type { DetectedLayout } from '../types.ts';
import { DateParser, detectDayFirst } from '../parse-date.ts';
import { fingerprintLine } from '../fingerprint.ts';
import { SHOPIFY_EXTRA_COLUMNS } from '../header-synonyms.ts';
import { findColumn, resolveColumns, sampleColumn } from './column-index.ts';
import {
  cellAt,
  findDamagedId,
  isRejection,
  readPrice,
  readQuantity,
  reject,
  type RowConverter,
  type RowResult,
} from './row-result.ts';

const RETURN_STATUSES = new Set(['voided', 'refunded']);

interface OrderFields {
  name: string;
  email: string | null;
  currency: string | null;
  status: string | null;
  cancelledAt: string | null;
  country: string | null;
}

export function createShopifyConverter(layout: DetectedLayout, sampleRows: readonly string[][]): RowConverter {
  const columns = resolveColumns(layout.header, layout.mapping);
  const cancelledAtColumn = findColumn(layout.header, SHOPIFY_EXTRA_COLUMNS.cancelledAt);
  const shippingCountryColumn = findColumn(layout.header, SHOPIFY_EXTRA_COLUMNS.shippingCountry);
  const dates = new DateParser(detectDayFirst(sampleColumn(sampleRows, columns.orderedAt)));
  let order: OrderFields | null = null;

  function orderFieldsOf(fields: readonly string[], name: string): OrderFields {
    const previous = order !== null && order.name === name ? order : null;
    const email = cellAt(fields, columns.customerId);
    order = {
      name,
      email: email === null ? (previous?.email ?? null) : email.toLowerCase(),
      currency: cellAt(fields, columns.currency) ?? previous?.currency ?? null,
      status: cellAt(fields, columns.status)?.toLowerCase() ?? previous?.status ?? null,
      cancelledAt: cellAt(fields, cancelledAtColumn) ?? previous?.cancelledAt ?? null,
      country: cellAt(fields, columns.country) ?? cellAt(fields, shippingCountryColumn) ?? previous?.country ?? null,
    };
    return order;
  }

  return {
    convert(fields, lineNumber): RowResult {
      const name = cellAt(fields, columns.orderId);
      if (name === null) return reject('missingOrderId');
      const orderFields = orderFieldsOf(fields, name);

      const skuText = cellAt(fields, columns.sku);
      const title = cellAt(fields, columns.title) ?? '';
      const damaged = findDamagedId(name, skuText);
      if (damaged) return damaged;
      // Custom line items have no SKU, so their title names the item.
      const sku = skuText ?? title;
      if (sku === '') return reject('missingItem');

      const quantity = readQuantity(cellAt(fields, columns.quantity), false);
      if (isRejection(quantity)) return quantity;
      const unitPrice = readPrice(cellAt(fields, columns.unitPrice), false);
      if (isRejection(unitPrice)) return unitPrice;
      const dateText = cellAt(fields, columns.orderedAt);
      if (dateText === null) return reject('missingDate');
      const orderedAt = dates.parse(dateText);
      if (Number.isNaN(orderedAt)) return reject('invalidDate', { value: dateText });

      const cancelled = orderFields.cancelledAt !== null || RETURN_STATUSES.has(orderFields.status ?? '');
      const line = {
        lineNumber,
        orderRef: name,
        sku,
        title,
        quantity: quantity.quantity,
        unitPrice,
        orderedAt,
        customerRef: orderFields.email,
        country: orderFields.country,
        currency: orderFields.currency,
        isReturn: cancelled || quantity.isReturn,
        fingerprint: 0,
      };
      line.fingerprint = fingerprintLine(layout.format, line);
      return line;
    },
  };
}
