/**
 * Per-format checks of exported rows against what the workspace stores: after the formula
 * guard is undone, every identifier cell must name a stored product or customer exactly, and
 * every title must equal the stored title or its documented transformation. List cells are
 * read the way the target platform reads them (platform-readers.ts). Each check returns the
 * problems it found as text, so one failing file lists all of them.
 */
import type { ExportFormat } from '../../src-main/api/contract.ts';
import { Catalogue, displayTitle, type CatalogueItem } from '../../src-main/core/export/catalogue.ts';
import { isUsableEmail, priceText } from '../../src-main/core/export/formats/email-columns.ts';
import { MAILCHIMP_FIELD_BYTES, truncateUtf8 } from '../../src-main/core/export/formats/email-mailchimp.ts';
import { catalogueHandles } from '../../src-main/core/export/shopify-handles.ts';
import type { Db } from '../../src-main/core/store/database.ts';
import { separatorList, SHOPIFY_HANDLE, shopifyHandleList, wooList } from '../unit/export/platform-readers.ts';
import { hasFormulaStart } from './spreadsheet-oracle.ts';

export interface StoredShop {
  bySku: Map<string, CatalogueItem>;
  byHandle: Map<string, CatalogueItem>;
  handles: Map<number, string>;
  customers: Set<string>;
  /** Customers with purchases whose ID is a usable e-mail address, by lower-cased address. */
  emailCustomers: Map<string, string[]>;
}

export function storedShop(db: Db): StoredShop {
  const catalogue = new Catalogue(db);
  const handles = catalogueHandles(catalogue);
  const bySku = new Map<string, CatalogueItem>();
  const byHandle = new Map<string, CatalogueItem>();
  for (const item of catalogue.items()) {
    bySku.set(item.sku, item);
    byHandle.set(handles.get(item.id)!, item);
  }
  const customers = new Set(db.prepare('SELECT external_id FROM customers').pluck().all() as string[]);
  const emailCustomers = new Map<string, string[]>();
  for (const id of customers) {
    if (!isUsableEmail(id)) continue;
    emailCustomers.set(id.toLowerCase(), [...(emailCustomers.get(id.toLowerCase()) ?? []), id]);
  }
  return { bySku, byHandle, handles, customers, emailCustomers };
}

export interface RowCheckContext {
  shop: StoredShop;
  limit: number;
  baseUrl: string;
  problems: string[];
}

type RowCheck = (cells: string[], context: RowCheckContext, rowNumber: number) => void;

const show = (value: string): string => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

function item(context: RowCheckContext, sku: string, where: string): CatalogueItem | undefined {
  const found = context.shop.bySku.get(sku);
  if (!found) context.problems.push(`${where}: SKU ${show(sku)} is not a stored SKU`);
  return found;
}

function same(context: RowCheckContext, actual: string, expected: string, where: string): void {
  if (actual !== expected) context.problems.push(`${where}: ${show(actual)} instead of ${show(expected)}`);
}

/**
 * Splits a list joined with `separator` into stored values. Values may contain the separator
 * themselves, so every split into stored values is tried and the first one that `accept`s wins.
 */
function splitIntoKnown(cell: string, separator: string, known: (value: string) => boolean, accept: (values: string[]) => boolean): boolean {
  if (cell === '') return accept([]);
  const search = (start: number, values: string[]): boolean => {
    for (let end = cell.indexOf(separator, start); ; end = cell.indexOf(separator, end + 1)) {
      const last = end === -1;
      const value = cell.slice(start, last ? undefined : end);
      if (known(value) && (last ? accept([...values, value]) : search(end + separator.length, [...values, value]))) return true;
      if (last) return false;
    }
  };
  return search(0, []);
}

/** Checks a joined SKU list and its parallel title list, both joined with `separator` (review files). */
function checkSkuAndTitleLists(context: RowCheckContext, skus: string, titles: string, separator: string, title: (item: CatalogueItem) => string, where: string): void {
  const isSku = (value: string): boolean => context.shop.bySku.has(value);
  const matches = splitIntoKnown(skus, separator, isSku, (values) => values.map((sku) => title(context.shop.bySku.get(sku)!)).join(separator) === titles);
  if (!matches) context.problems.push(`${where}: ${show(skus)} / ${show(titles)} do not split into stored SKUs and their titles`);
}

function checkStoredList(context: RowCheckContext, values: string[], where: string): void {
  for (const value of values) {
    const found = item(context, value, where);
    if (found && hasFormulaStart(found.sku)) context.problems.push(`${where}: guarded SKU ${show(value)} in a platform list`);
  }
}

const checkCustomers: RowCheck = (cells, context, row) => {
  if (!context.shop.customers.has(cells[0]!)) context.problems.push(`customers row ${row}: customer ${show(cells[0]!)} is not stored`);
  const found = item(context, cells[2]!, `customers row ${row}`);
  if (found) same(context, cells[3]!, found.title, `customers row ${row} title`);
};

const checkItems: RowCheck = (cells, context, row) => {
  const found = item(context, cells[0]!, `items row ${row}`);
  if (found) same(context, cells[1]!, found.title, `items row ${row} title`);
  checkSkuAndTitleLists(context, cells[2]!, cells[3]!, ', ', (related) => related.title, `items row ${row} related`);
};

const checkWorksheet: RowCheck = (cells, context, row) => {
  const found = item(context, cells[0]!, `worksheet row ${row}`);
  if (found) same(context, cells[1]!, found.title, `worksheet row ${row} title`);
  checkSkuAndTitleLists(context, cells[2]!, cells[3]!, '、', displayTitle, `worksheet row ${row} picks`);
};

const checkWoocommerce: RowCheck = (cells, context, row) => {
  same(context, cells[0]!, '', `woocommerce row ${row} ID`);
  checkStoredList(context, [cells[1]!, ...wooList(cells[2]!), ...wooList(cells[3]!)], `woocommerce row ${row}`);
};

const checkShopify: RowCheck = (cells, context, row) => {
  const anchor = context.shop.byHandle.get(cells[0]!);
  if (!anchor) context.problems.push(`shopify row ${row}: handle ${show(cells[0]!)} is not a catalogue handle`);
  else same(context, cells[1]!, anchor.title, `shopify row ${row} title`);
  for (const handle of [...shopifyHandleList(cells[2]!), ...shopifyHandleList(cells[3]!)]) {
    if (!SHOPIFY_HANDLE.test(handle) || !context.shop.byHandle.has(handle)) context.problems.push(`shopify row ${row}: listed handle ${show(handle)} is unknown`);
  }
};

const checkMagento: RowCheck = (cells, context, row) => {
  checkStoredList(context, [cells[0]!], `magento row ${row}`);
  for (const column of [1, 3, 5]) {
    const skus = separatorList(cells[column]!);
    checkStoredList(context, skus, `magento row ${row} column ${column}`);
    same(context, cells[column + 1]!, skus.map((_, index) => index + 1).join(','), `magento row ${row} positions ${column + 1}`);
  }
};

const checkPrestashop: RowCheck = (cells, context, row) => {
  same(context, cells[0]!, '', `prestashop row ${row} ID`);
  checkStoredList(context, [cells[1]!, ...separatorList(cells[2]!)], `prestashop row ${row}`);
};

function checkEmailRow(cells: string[], context: RowCheckContext, row: number, format: 'klaviyo' | 'mailchimp'): void {
  if (!context.shop.emailCustomers.has(cells[0]!)) context.problems.push(`${format} row ${row}: ${show(cells[0]!)} is no stored customer's address`);
  const fit = format === 'mailchimp' ? (text: string) => truncateUtf8(text, MAILCHIMP_FIELD_BYTES - (hasFormulaStart(text.replace(/^'+/, '')) ? 1 : 0)) : (text: string) => text;
  for (let rank = 0; rank < context.limit; rank += 1) {
    const [title, sku, price, url] = cells.slice(1 + rank * 4, 5 + rank * 4) as [string, string, string, string];
    const where = `${format} row ${row} rank ${rank + 1}`;
    if (sku === '') {
      if (title + price + url !== '') context.problems.push(`${where}: cells without a SKU`);
      continue;
    }
    const pick = context.shop.bySku.get(sku);
    if (!pick) {
      context.problems.push(`${where}: SKU ${show(sku)} is not a stored SKU`);
      continue;
    }
    same(context, title, fit(pick.title), `${where} title`);
    same(context, price, priceText(pick), `${where} price`);
    checkProductUrl(context, url, pick, format, where);
  }
}

/** The address must parse and carry the handle and SKU, URL-encoded, where the base puts them. */
function checkProductUrl(context: RowCheckContext, url: string, pick: CatalogueItem, format: 'klaviyo' | 'mailchimp', where: string): void {
  const handle = context.shop.handles.get(pick.id)!;
  const expected = context.baseUrl.replace('{handle}', encodeURIComponent(handle)).replace('{sku}', encodeURIComponent(pick.sku));
  if (format === 'mailchimp' && Buffer.byteLength(expected, 'utf8') > MAILCHIMP_FIELD_BYTES) return same(context, url, '', `${where} url`);
  same(context, url, expected, `${where} url`);
  const parsed = new URL(url);
  same(context, parsed.searchParams.get('sku') ?? '', pick.sku, `${where} url sku`);
}

export const ROW_CHECKS: Record<ExportFormat, RowCheck> = {
  customers: checkCustomers,
  items: checkItems,
  'woocommerce-products': checkWoocommerce,
  'shopify-products': checkShopify,
  'magento-links': checkMagento,
  'prestashop-accessories': checkPrestashop,
  'email-klaviyo': (cells, context, row) => checkEmailRow(cells, context, row, 'klaviyo'),
  'email-mailchimp': (cells, context, row) => checkEmailRow(cells, context, row, 'mailchimp'),
  'review-worksheet-zh': checkWorksheet,
};
