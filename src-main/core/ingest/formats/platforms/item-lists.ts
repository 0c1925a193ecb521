/**
 * Cells that list several products of one order: WooCommerce Analytics' `Product(s)` and the
 * legacy Taobao 订单报表's `宝贝标题`.
 */
import { parseNumber } from '../../parse-number.ts';
import type { ItemListRow, ListedItem } from './profile.ts';

/**
 * WooCommerce writes `{qty}× {name}` joined by `, ` (× is U+00D7). Product names may contain
 * commas themselves, so the cell is split only where a comma is followed by the next `N× `.
 * Returns null when the cell is not in that form.
 */
export function parseProductList(text: string): ListedItem[] | null {
  const items: ListedItem[] = [];
  for (const part of text.split(/,\s*(?=\d+\s*[×x]\s)/)) {
    const match = /^(\d+)\s*[×x]\s+(.+)$/.exec(part.trim());
    if (!match) return null;
    items.push({ quantity: Number(match[1]), title: (match[2] ?? '').trim() });
  }
  return items.length > 0 ? items : null;
}

/**
 * The 订单报表 joins item titles with a full-width comma and states only the number of distinct
 * products (宝贝种类) and of units (宝贝总数量). Quantities follow from those two numbers in two
 * cases: one product (all units are of it) or as many units as products (one of each).
 * Otherwise, and when titles contain the separator themselves, null is returned.
 */
export function parseTaobaoTitles(text: string, row: ItemListRow): ListedItem[] | null {
  const kinds = readCount(row, '宝贝种类');
  const units = readCount(row, '宝贝总数量');
  if (units === null || units <= 0) return null;

  if (kinds === 1 || (kinds === null && !text.includes('，'))) return [{ title: text, quantity: units }];
  const titles = text.split('，').map((title) => title.trim()).filter((title) => title !== '');
  if (titles.length === kinds && kinds === units) return titles.map((title) => ({ title, quantity: 1 }));
  return null;
}

function readCount(row: ItemListRow, column: string): number | null {
  const text = row(column);
  if (text === null) return null;
  const value = parseNumber(text);
  return Number.isInteger(value) ? value : null;
}
