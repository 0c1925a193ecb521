/**
 * The row converter shared by every platform profile. It reads each field from the first
 * candidate column with a value and carries order-level fields forward where the platform writes
 * them on an order's first row only. It derives unit prices from line totals and marks returns
 * from the platform's status columns.
 */
import type { OrderLine } from '../../types.ts';
import type { DetectedLayout } from '../../types.ts';
import { DateParser, detectDayFirst } from '../../parse-date.ts';
import { usesDecimalComma } from '../../parse-number.ts';
import { fingerprintLine } from '../../fingerprint.ts';
import { normaliseHeader } from '../../header-synonyms.ts';
import { sampleColumn } from '../column-index.ts';
import {
  cellAt,
  findDamagedId,
  isRejection,
  readPrice,
  readQuantity,
  reject,
  type RowConverter,
  type RowResult,
  type SignedQuantity,
} from '../row-result.ts';
import { customerKey } from './customer-key.ts';
import { columnPositions, type PlatformProfile, type ProfileField } from './profile.ts';

const ONE_UNIT: SignedQuantity = { quantity: 1, isReturn: false };

/** Order-level values remembered from the previous row of the same order. */
interface CarriedFields {
  orderRef: string;
  customerRef: string | null;
  dateText: string | null;
  status: boolean;
  currency: string | null;
  country: string | null;
}

type Positions = Record<ProfileField, number[]>;

const FIELDS: readonly ProfileField[] = [
  'orderId', 'sku', 'productId', 'title', 'quantity', 'unitPrice', 'lineAmount', 'orderedAt', 'customerId',
  'country', 'currency', 'status',
];

export function createPlatformConverter(
  profile: PlatformProfile,
  layout: DetectedLayout,
  sampleRows: readonly string[][],
): RowConverter {
  const header = layout.header;
  const positions = {} as Positions;
  for (const field of FIELDS) positions[field] = columnPositions(header, profile.columns[field]);
  const customerColumns = columnPositions(header, profile.customer);
  const statusColumns = columnPositions(header, profile.statusColumns);
  const lineKeyColumns = columnPositions(header, profile.lineKey);
  const itemListColumn = profile.itemList ? columnPositions(header, [profile.itemList.column])[0] ?? -1 : -1;
  const byName = new Map(header.map((cell, index) => [normaliseHeader(cell), index]));

  const firstDateColumn = positions.orderedAt[0] ?? -1;
  const dates = new DateParser(profile.dayFirst ?? detectDayFirst(sampleColumn(sampleRows, firstDateColumn)));
  const decimalComma = {
    quantity: usesDecimalComma(sampleColumn(sampleRows, positions.quantity[0] ?? -1)),
    unitPrice: usesDecimalComma(sampleColumn(sampleRows, positions.unitPrice[0] ?? -1)),
    lineAmount: usesDecimalComma(sampleColumn(sampleRows, positions.lineAmount[0] ?? -1)),
  };
  let carried: CarriedFields | null = null;

  function first(fields: readonly string[], field: ProfileField): string | null {
    for (const index of positions[field]) {
      const value = cellAt(fields, index);
      if (value !== null) return value;
    }
    return null;
  }

  function readOrderFields(fields: readonly string[], orderRef: string): CarriedFields {
    const previous = profile.orderFieldsOnFirstRowOnly && carried?.orderRef === orderRef ? carried : null;
    const statusTexts = statusColumns.map((index) => cellAt(fields, index));
    const isReturn = profile.returnStatus !== undefined && statusTexts.some((text) => text !== null && profile.returnStatus!.test(text));
    const statusGiven = statusTexts.some((text) => text !== null);
    carried = {
      orderRef,
      customerRef: customerKey(fields, customerColumns) ?? previous?.customerRef ?? null,
      dateText: first(fields, 'orderedAt') ?? previous?.dateText ?? null,
      status: statusGiven ? isReturn : (previous?.status ?? false),
      currency: first(fields, 'currency') ?? previous?.currency ?? profile.currency ?? null,
      country: first(fields, 'country') ?? previous?.country ?? null,
    };
    return carried;
  }

  function orderTime(order: CarriedFields): number | ReturnType<typeof reject> {
    const dateText = order.dateText ?? (profile.orderIdStartsWithDate ? dateFromOrderRef(order.orderRef) : null);
    if (dateText === null) return reject('missingDate');
    const orderedAt = dates.parse(dateText);
    return Number.isNaN(orderedAt) ? reject('invalidDate', { value: dateText }) : orderedAt;
  }

  function readAmount(fields: readonly string[], quantity: number): number | null | ReturnType<typeof reject> {
    const unit = first(fields, 'unitPrice');
    if (unit !== null) return readPrice(unit, decimalComma.unitPrice);
    const amount = readPrice(first(fields, 'lineAmount'), decimalComma.lineAmount);
    if (amount === null || isRejection(amount)) return amount;
    return Math.abs(amount) / quantity;
  }

  function toLine(
    order: CarriedFields,
    orderedAt: number,
    lineNumber: number,
    item: { sku: string; title: string; quantity: SignedQuantity; unitPrice: number | null; lineKey?: string | null },
  ): OrderLine {
    const line: OrderLine = {
      lineNumber,
      orderRef: order.orderRef,
      sku: item.sku,
      title: item.title,
      quantity: item.quantity.quantity,
      unitPrice: item.unitPrice,
      orderedAt,
      customerRef: order.customerRef,
      country: order.country,
      currency: order.currency,
      isReturn: item.quantity.isReturn || order.status,
      fingerprint: 0,
    };
    const lineKey = item.lineKey ?? null;
    line.fingerprint = fingerprintLine(profile.format, lineKey === null ? line : { ...line, sku: `${line.sku}\u001f${lineKey}` });
    return line;
  }

  function convertListedItems(fields: readonly string[], lineNumber: number, order: CarriedFields, orderedAt: number): RowResult | OrderLine[] {
    const text = cellAt(fields, itemListColumn);
    if (text === null) return reject('missingItem');
    const cellOf = (column: string): string | null => cellAt(fields, byName.get(normaliseHeader(column)) ?? -1);
    const items = profile.itemList!.parse(text, cellOf);
    if (items === null) return reject('itemsNotListed', { value: text });

    const amount = readPrice(first(fields, 'lineAmount'), decimalComma.lineAmount);
    if (isRejection(amount)) return amount;
    // An order total splits into unit prices only when the order contains one product.
    const single = items.length === 1 ? items[0] : undefined;
    const unitPrice = single && amount !== null ? Math.abs(amount) / single.quantity : null;
    const refund = amount !== null && amount < 0;
    return items.map((item) =>
      toLine(order, orderedAt, lineNumber, {
        sku: item.title,
        title: item.title,
        quantity: { quantity: item.quantity, isReturn: refund },
        unitPrice,
      }),
    );
  }

  return {
    convert(fields, lineNumber): RowResult | OrderLine[] {
      const orderText = first(fields, 'orderId');
      if (orderText === null) return reject('missingOrderId');
      const skuText = first(fields, 'sku');
      const damaged = findDamagedId(orderText, skuText, first(fields, 'productId'));
      if (damaged) return damaged;
      const order = readOrderFields(fields, orderText);

      const title = first(fields, 'title') ?? '';
      if (profile.summaryRowWithoutItem && skuText === null && title === '') {
        return reject('summaryRow', { value: orderText });
      }
      const orderedAt = orderTime(order);
      if (isRejection(orderedAt)) return orderedAt;
      if (itemListColumn >= 0) return convertListedItems(fields, lineNumber, order, orderedAt);

      const sku = skuText ?? title;
      if (sku === '') return reject('missingItem');
      const quantity = positions.quantity.length === 0 ? ONE_UNIT : readQuantity(first(fields, 'quantity'), decimalComma.quantity);
      if (isRejection(quantity)) return quantity;
      const unitPrice = readAmount(fields, quantity.quantity);
      if (isRejection(unitPrice)) return unitPrice;
      const lineKey = lineKeyColumns.map((index) => cellAt(fields, index)).find((value) => value !== null) ?? null;
      return toLine(order, orderedAt, lineNumber, { sku, title, quantity, unitPrice, lineKey });
    },
  };
}

/** Reads the YYMMDD prefix of an order number (`250517-…`, `250506ABCD…`) as a date. */
export function dateFromOrderRef(orderRef: string): string | null {
  const match = /^(\d{2})(\d{2})(\d{2})/.exec(orderRef);
  if (!match) return null;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `20${match[1]}-${match[2]}-${match[3]}`;
}
