import { DEFAULT_LIMIT } from '../../recommend/recommend.ts';
import type { CatalogueItem } from '../catalogue.ts';
import { startsLikeFormula } from '../csv.ts';
import { itemLists } from '../item-lists.ts';
import { catalogueHandles } from '../shopify-handles.ts';
import { recordItemLinks } from './record-item-links.ts';
import type { ExportContext, FormatWriter, RowChunk } from './types.ts';

const NAMESPACE = 'shopify--discovery--product_recommendation';
export const COMPLEMENTARY_COLUMN = `Complementary products (product.metafields.${NAMESPACE}.complementary_products)`;
export const RELATED_COLUMN = `Related products (product.metafields.${NAMESPACE}.related_products)`;

/**
 * Shopify product CSV update (Products -> Import, overwrite products with matching handles):
 * `Handle` and `Title` identify the product (help.shopify.com, "Using CSV files to import and
 * export products": both are required to update), and the Search & Discovery app's list
 * metafields carry the recommendations. The column header is `<label> (product.metafields.
 * <namespace>.<key>)`, and a list.product_reference cell holds handles separated by "; ", as in
 * Shopify's own product exports.
 *
 * Our imports know SKUs and titles, not handles, so handles are derived from titles the way
 * Shopify derives them. They match the shop only where the merchant never edited a handle.
 * NOTE: that Shopify's product import accepts these metafield columns on an update-only file
 * without clearing other fields is documented for metafield columns in general, not tested
 * against a store. The file is plain UTF-8, because no Shopify page we read says the importer
 * strips a byte order mark, and one left on `Handle` would make the required column missing.
 */
export const shopifyProductsFormat: FormatWriter = {
  format: 'shopify-products',
  kind: 'item',
  defaultEncoding: 'utf-8',
  defaultLimit: DEFAULT_LIMIT,
  delimiter: ',',
  header: () => ['Handle', 'Title', COMPLEMENTARY_COLUMN, RELATED_COLUMN],
  rows: shopifyRows,
};

function* shopifyRows(context: ExportContext): Generator<RowChunk> {
  const handles = catalogueHandles(context.catalogue);
  const handleList = (items: readonly CatalogueItem[]): string => items.map((item) => handles.get(item.id)!).join('; ');

  for (const { lists, done, total } of itemLists(context.db, context.catalogue, context.limit)) {
    if (!hasUsableTitle(lists.anchor)) continue;
    const complementary = lists.boughtTogether.map((entry) => entry.item).filter(hasUsableTitle);
    const related = lists.similar.filter(hasUsableTitle);
    if (complementary.length + related.length === 0) continue;

    recordItemLinks(context, lists.anchor, [complementary, related]);
    yield {
      cells: [handles.get(lists.anchor.id)!, lists.anchor.title, handleList(complementary), handleList(related)],
      done,
      total,
    };
  }
}

/**
 * The update overwrites the product's title, so a product without a title (whose handle we
 * cannot derive either) or with one that would gain a formula-guard apostrophe is left out.
 */
function hasUsableTitle(item: CatalogueItem): boolean {
  return item.title.trim() !== '' && !startsLikeFormula(item.title);
}
