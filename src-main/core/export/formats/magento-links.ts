import { DEFAULT_LIMIT } from '../../recommend/recommend.ts';
import type { CatalogueItem } from '../catalogue.ts';
import { startsLikeFormula } from '../csv.ts';
import { itemLists } from '../item-lists.ts';
import { recordItemLinks } from './record-item-links.ts';
import type { ExportContext, FormatWriter, RowChunk } from './types.ts';

/**
 * Magento / Adobe Commerce product import (System -> Data Transfer -> Import, entity Products,
 * behaviour Add/Update): `sku` keys the row and each link type is an SKU list with a parallel
 * list of positions, both split on the import's multiple value separator (default ",").
 * An SKU containing that separator cannot be written, nor one that starts like a formula (the
 * guard apostrophe would become part of it), so such products are left out.
 * Plain UTF-8: Magento's user guide warns that the extra characters Excel puts at the start of
 * the header (the byte order mark) can stop the file from importing (Magento 1 user guide,
 * "Working with CSV Files").
 * Add/Update merges these links with the product's existing ones; the Replace behaviour
 * deletes existing links first.
 */
export const magentoLinksFormat: FormatWriter = {
  format: 'magento-links',
  kind: 'item',
  defaultEncoding: 'utf-8',
  defaultLimit: DEFAULT_LIMIT,
  delimiter: ',',
  header: () => ['sku', 'related_skus', 'related_position', 'crosssell_skus', 'crosssell_position', 'upsell_skus', 'upsell_position'],
  rows: magentoRows,
};

function* magentoRows(context: ExportContext): Generator<RowChunk> {
  for (const { lists, done, total } of itemLists(context.db, context.catalogue, context.limit)) {
    if (!isWritable(lists.anchor)) continue;
    const related = lists.similar.filter(isWritable);
    const crossSells = lists.boughtTogether.map((entry) => entry.item).filter(isWritable);
    const upsells = lists.pricier.filter(isWritable);
    if (related.length + crossSells.length + upsells.length === 0) continue;

    recordItemLinks(context, lists.anchor, [crossSells, related, upsells]);
    yield { cells: [lists.anchor.sku, ...linkCells(related), ...linkCells(crossSells), ...linkCells(upsells)], done, total };
  }
}

function isWritable(item: CatalogueItem): boolean {
  return item.sku.trim() !== '' && !item.sku.includes(',') && !startsLikeFormula(item.sku);
}

function linkCells(items: readonly CatalogueItem[]): [string, string] {
  return [items.map((item) => item.sku).join(','), items.map((_, index) => String(index + 1)).join(',')];
}
