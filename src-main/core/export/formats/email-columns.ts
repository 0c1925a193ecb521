import { ShopRecError } from '../../errors.ts';
import type { CatalogueItem } from '../catalogue.ts';
import { startsLikeFormula } from '../csv.ts';
import type { ExportContext } from './types.ts';

const EMAIL = /^[^\s@,;"]+@[^\s@,;"]+\.[^\s@,;"]+$/;

/**
 * Customer IDs that e-mail tools can use as the contact key. Shopify's orders export keys
 * customers by e-mail; the UCI data and most Chinese platforms key them by a number or a
 * nickname, and those customers cannot be written to an e-mail list. An address that starts
 * like a formula would gain the guard apostrophe and no longer match, so it is left out too.
 */
export function isUsableEmail(customerId: string): boolean {
  return EMAIL.test(customerId) && !startsLikeFormula(customerId);
}

/**
 * Returns a filter that passes each lower-cased address once. Klaviyo and Mailchimp key a
 * contact by the lower-cased address (Mailchimp's member ID is the MD5 of it). Two customers
 * whose IDs differ only in letter case are therefore one contact, and a second row would
 * overwrite the first one's recommendations. Customers come in ID order, so the first wins.
 */
export function firstRowPerAddress(): (address: string) => boolean {
  const written = new Set<string>();
  return (address) => {
    if (written.has(address)) return false;
    written.add(address);
    return true;
  };
}

/** Rejects an e-mail export when no customer with purchases has a usable address. */
export function checkEmailCustomers(context: ExportContext, format: string): void {
  const ids = context.db
    .prepare(
      `SELECT c.external_id FROM customers c
       WHERE EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.id AND e.kind = 'purchase')`,
    )
    .pluck()
    .all() as string[];
  if (!ids.some(isUsableEmail)) throw new ShopRecError('export.noEmailCustomers', { format, customers: ids.length });
}

/** Unit price with two decimals and no thousands separator, or '' when unknown. */
export function priceText(item: CatalogueItem): string {
  return item.unitPrice === null ? '' : item.unitPrice.toFixed(2);
}

/**
 * Product page address: `{sku}` and `{handle}` in the base are replaced by the URL-encoded SKU
 * and Shopify-style handle; a base without either gets the SKU appended as the last path segment.
 */
export function productUrl(baseUrl: string, item: CatalogueItem, handle: string): string {
  if (baseUrl.includes('{sku}') || baseUrl.includes('{handle}')) {
    return baseUrl.replaceAll('{sku}', encodeURIComponent(item.sku)).replaceAll('{handle}', encodeURIComponent(handle));
  }
  return `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${encodeURIComponent(item.sku)}`;
}

/** Rejects a base address that is not absolute http(s), before any file is written. */
export function checkBaseUrl(baseUrl: string): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(baseUrl.replaceAll('{sku}', 'sku').replaceAll('{handle}', 'handle'));
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new ShopRecError('export.invalidBaseUrl', { url: baseUrl });
  }
}

/** Today's date as YYYY-MM-DD (UTC), the date form Klaviyo's list upload documents. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
