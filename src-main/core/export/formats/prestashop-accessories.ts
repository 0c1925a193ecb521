import { DEFAULT_LIMIT } from '../../recommend/recommend.ts';
import type { CatalogueItem } from '../catalogue.ts';
import { startsLikeFormula } from '../csv.ts';
import { itemLists } from '../item-lists.ts';
import { recordItemLinks } from './record-item-links.ts';
import type { ExportContext, FormatWriter, RowChunk } from './types.ts';

/**
 * PrestaShop product import (Advanced Parameters -> Import, entity Products, "Use product
 * reference as key" ticked): the reference keys the row and `Accessories (x,y,z...)` takes
 * product references split on the multiple value separator (default ","), replacing the
 * product's accessories (AdminImportController::productImportAccessories).
 * The field separator is ";", the import screen's default, and the file is plain UTF-8, one of
 * the two encodings the screen offers.
 * NOTE: those two defaults come from the import screen as described in third-party material,
 * not from a PrestaShop page we could read.
 */
export const prestashopAccessoriesFormat: FormatWriter = {
  format: 'prestashop-accessories',
  kind: 'item',
  defaultEncoding: 'utf-8',
  defaultLimit: DEFAULT_LIMIT,
  delimiter: ';',
  header: () => ['Product ID', 'Reference', 'Accessories (x,y,z...)'],
  rows: prestashopRows,
};

function* prestashopRows(context: ExportContext): Generator<RowChunk> {
  for (const { lists, done, total } of itemLists(context.db, context.catalogue, context.limit)) {
    if (!isWritable(lists.anchor)) continue;
    const accessories = [...lists.boughtTogether.map((entry) => entry.item), ...lists.similar]
      .filter(isWritable)
      .filter((item, index, all) => all.findIndex((other) => other.id === item.id) === index)
      .slice(0, context.limit);
    if (accessories.length === 0) continue;

    recordItemLinks(context, lists.anchor, [accessories]);
    yield { cells: ['', lists.anchor.sku, accessories.map((item) => item.sku).join(',')], done, total };
  }
}

function isWritable(item: CatalogueItem): boolean {
  return item.sku.trim() !== '' && !item.sku.includes(',') && !item.sku.includes(';') && !startsLikeFormula(item.sku);
}
