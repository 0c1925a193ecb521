import type { MessageKey } from '../../../api/messages/index.ts';
import { formatMessage } from '../../../api/messages/index.ts';
import { DEFAULT_LIMIT, recommendForItem } from '../../recommend/recommend.ts';
import type { ExportContext, FormatWriter, RowChunk } from './types.ts';

/** One row per purchased product with its related products joined by ", ", for review. */
export const itemsFormat: FormatWriter = {
  format: 'items',
  kind: 'item',
  defaultEncoding: 'utf-8-bom',
  defaultLimit: DEFAULT_LIMIT,
  delimiter: ',',
  header: () => ['sku', 'title', 'related_skus', 'related_titles', 'reason'],
  rows: itemRows,
};

function* itemRows(context: ExportContext): Generator<RowChunk> {
  const { db, catalogue, locale, limit } = context;
  const skus = db
    .prepare(`SELECT i.sku FROM items i WHERE EXISTS (SELECT 1 FROM events e WHERE e.item_id = i.id AND e.kind = 'purchase') ORDER BY i.sku`)
    .pluck()
    .all() as string[];

  for (const [index, sku] of skus.entries()) {
    const result = recommendForItem(db, sku, { limit });
    const anchor = catalogue.bySkuValue(sku)!;
    for (const view of result.boughtTogether) {
      context.record({ customerId: null, anchorItemId: anchor.id, itemId: catalogue.bySkuValue(view.sku)!.id, rank: view.rank });
    }
    const top = result.boughtTogether[0];
    const reason = top ? formatMessage(locale, top.reason.key as MessageKey, top.reason.params) : '';
    yield {
      cells: [
        result.sku,
        result.title,
        result.boughtTogether.map((item) => item.sku).join(', '),
        result.boughtTogether.map((item) => item.title).join(', '),
        reason,
      ],
      done: index + 1,
      total: skus.length,
    };
  }
}
