import type { Catalogue } from './catalogue.ts';

/**
 * Derives a Shopify product handle from a title the way Shopify does when a product is created
 * (shopify.dev Storefront API, `productByHandle`): lower case, every run of whitespace or
 * special characters replaced by one hyphen, hyphens trimmed from both ends. Quotes and
 * brackets are dropped instead (Liquid's `handleize` filter). Letters and digits of any script
 * are kept, as the Shopify admin keeps them in handles made from non-Latin titles.
 */
export function handleize(title: string): string {
  return title
    .toLowerCase()
    .replace(/["'()[\]\\]/g, '')
    .replace(/[^\p{L}\p{N}_]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Handles for the whole catalogue. Shopify appends -1, -2, ... when a title's handle is taken;
 * we number duplicates in item id order, which is import order, so the result matches the shop
 * only when its products were created in that order. Items without a usable title use the SKU.
 */
export function catalogueHandles(catalogue: Catalogue): Map<number, string> {
  const handles = new Map<number, string>();
  const taken = new Set<string>();
  for (const item of catalogue.items()) {
    const base = handleize(item.title) || handleize(item.sku) || `product-${item.id}`;
    let handle = base;
    for (let suffix = 1; taken.has(handle); suffix += 1) handle = `${base}-${suffix}`;
    taken.add(handle);
    handles.set(item.id, handle);
  }
  return handles;
}
