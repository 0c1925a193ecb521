import type { MessageKey } from '../../../api/messages/index.ts';
import { formatMessage } from '../../../api/messages/index.ts';
import { DEFAULT_LIMIT } from '../../recommend/recommend.ts';
import { customerLists } from '../customer-lists.ts';
import type { ExportContext, FormatWriter, RowChunk } from './types.ts';

/** One row per customer and rank, for reviewing in a spreadsheet. */
export const customersFormat: FormatWriter = {
  format: 'customers',
  kind: 'customer',
  defaultEncoding: 'utf-8-bom',
  defaultLimit: DEFAULT_LIMIT,
  delimiter: ',',
  header: () => ['customer_id', 'rank', 'sku', 'title', 'score', 'reason'],
  rows: customerRows,
};

function* customerRows(context: ExportContext): Generator<RowChunk> {
  for (const { list, done, total } of customerLists(context.db, context.catalogue, context.limit)) {
    if (!list) continue;
    for (const pick of list.picks) {
      context.record({ customerId: list.customerRowId, anchorItemId: null, itemId: pick.item.id, rank: pick.rank });
      const reason = formatMessage(context.locale, pick.reason.key as MessageKey, pick.reason.params);
      yield { cells: [list.customerId, pick.rank, pick.item.sku, pick.item.title, roundScore(pick.score), reason], done, total };
    }
  }
}

function roundScore(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}
