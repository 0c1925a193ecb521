import { DEFAULT_LIMIT } from '../../recommend/recommend.ts';
import type { CatalogueItem } from '../catalogue.ts';
import { startsLikeFormula } from '../csv.ts';
import { itemLists } from '../item-lists.ts';
import { recordItemLinks } from './record-item-links.ts';
import type { ExportContext, FormatWriter, RowChunk } from './types.ts';

/**
 * WooCommerce core product CSV importer (Products -> Import, "Update existing products"
 * ticked): rows matched by SKU, and `Upsells` / `Cross-sells` replaced by SKU lists.
 *
 * The importer (class-wc-product-csv-importer.php, parse_relative_field) splits a list on
 * commas not preceded by a backslash, trims each value, and creates a placeholder product for
 * an SKU it does not know, so only workspace SKUs are written and a comma inside an SKU is
 * escaped as `\,`. Its relative fields do not undo the apostrophe that protects a cell from
 * formula injection, so products whose SKU starts like a formula are left out of the file.
 * The importer strips a UTF-8 byte order mark from the first header, so the default keeps it.
 */
export const woocommerceProductsFormat: FormatWriter = {
  format: 'woocommerce-products',
  kind: 'item',
  defaultEncoding: 'utf-8-bom',
  defaultLimit: DEFAULT_LIMIT,
  delimiter: ',',
  header: () => ['ID', 'SKU', 'Upsells', 'Cross-sells'],
  rows: woocommerceRows,
};

function* woocommerceRows(context: ExportContext): Generator<RowChunk> {
  for (const { lists, done, total } of itemLists(context.db, context.catalogue, context.limit)) {
    if (!isWritable(lists.anchor)) continue;
    const upsells = lists.pricier.filter(isWritable);
    const crossSells = lists.boughtTogether.map((entry) => entry.item).filter(isWritable);
    if (upsells.length + crossSells.length === 0) continue;

    recordItemLinks(context, lists.anchor, [crossSells, upsells]);
    yield { cells: ['', lists.anchor.sku, skuList(upsells), skuList(crossSells)], done, total };
  }
}

function isWritable(item: CatalogueItem): boolean {
  return item.sku.trim() !== '' && !startsLikeFormula(item.sku);
}

function skuList(items: readonly CatalogueItem[]): string {
  return items.map((item) => item.sku.replace(/,/g, '\\,')).join(', ');
}
