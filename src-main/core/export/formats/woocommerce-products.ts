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
 * The importer (WC_Product_Importer::explode_values, then parse_relative_field) swaps `\,` for a
 * placeholder and splits the list on the remaining commas. It trims each value with PHP's trim()
 * (space, tab, CR, LF, NUL, vertical tab) and creates a placeholder product for an SKU it does
 * not know. So only workspace SKUs are written and a comma inside an SKU is escaped as `\,`.
 * An SKU that starts or ends with a character trim() removes would be looked up without it, and
 * one that ends with a backslash would swallow the list separator after it, so such products
 * are left out. Its relative fields do not undo the apostrophe that protects a cell from
 * formula injection, so products whose SKU starts like a formula are left out too.
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

/** Characters at either end of a value that PHP's trim() removes. */
const PHP_TRIMMED_EDGE = /^[ \t\n\r\0\x0B]|[ \t\n\r\0\x0B]$/;

function isWritable(item: CatalogueItem): boolean {
  const { sku } = item;
  return sku.trim() !== '' && !PHP_TRIMMED_EDGE.test(sku) && !sku.endsWith('\\') && !startsLikeFormula(sku);
}

function skuList(items: readonly CatalogueItem[]): string {
  return items.map((item) => item.sku.replace(/,/g, '\\,')).join(', ');
}
