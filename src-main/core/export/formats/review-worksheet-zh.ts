import { formatMessage } from '../../../api/messages/index.ts';
import { DEFAULT_LIMIT } from '../../recommend/recommend.ts';
import { displayTitle } from '../catalogue.ts';
import { itemLists, type ItemLists } from '../item-lists.ts';
import { recordItemLinks } from './record-item-links.ts';
import type { ExportContext, FormatWriter, RowChunk } from './types.ts';

/**
 * Worksheet for entering related products by hand on Taobao/Tmall, JD, Pinduoduo, Douyin shop,
 * Youzan and Weidian, which configure 搭配 / 关联推荐 in the seller back office and offer no
 * related-products import. Always in Chinese. The product code column holds whatever
 * identifier the imported order files used (商品ID or 商家编码), so it is named for both.
 * UTF-8 with BOM by default for current Excel and WPS; GBK on request for older Excel.
 * NOTE: Excel shows IDs of more than 15 digits in scientific notation when it opens a CSV, so
 * such IDs are only safe when the file is imported with the column set to text.
 */
export const reviewWorksheetZhFormat: FormatWriter = {
  format: 'review-worksheet-zh',
  kind: 'item',
  defaultEncoding: 'utf-8-bom',
  defaultLimit: DEFAULT_LIMIT,
  delimiter: ',',
  header: () => ['商品ID/商家编码', '商品名称', '推荐商品ID/商家编码', '推荐商品名称', '推荐理由'],
  rows: worksheetRows,
};

const LIST_SEPARATOR = '、';

function* worksheetRows(context: ExportContext): Generator<RowChunk> {
  for (const { lists, done, total } of itemLists(context.db, context.catalogue, context.limit)) {
    const picks = mergedPicks(lists, context.limit);
    recordItemLinks(context, lists.anchor, [picks]);
    yield {
      cells: [
        lists.anchor.sku,
        lists.anchor.title,
        picks.map((item) => item.sku).join(LIST_SEPARATOR),
        picks.map(displayTitle).join(LIST_SEPARATOR),
        reasonText(lists),
      ],
      done,
      total,
    };
  }
}

/** Bought-together products first, then similar ones, without repeats, up to `limit`. */
function mergedPicks(lists: ItemLists, limit: number): ItemLists['similar'] {
  const picks = lists.boughtTogether.map((entry) => entry.item);
  for (const item of lists.similar) {
    if (!picks.some((pick) => pick.id === item.id)) picks.push(item);
  }
  return picks.slice(0, limit);
}

function reasonText(lists: ItemLists): string {
  const top = lists.boughtTogether[0];
  const anchor = displayTitle(lists.anchor);
  if (top) return formatMessage('zh-CN', 'reason.boughtTogether', { item: anchor, orders: top.orders });
  return formatMessage('zh-CN', 'reason.similarToPurchase', { item: anchor });
}
