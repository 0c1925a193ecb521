import { catalogueHandles } from '../shopify-handles.ts';
import { customerLists } from '../customer-lists.ts';
import { checkEmailCustomers, firstRowPerAddress, isoDate, isUsableEmail, priceText, productUrl } from './email-columns.ts';
import type { ExportContext, FormatWriter, RowChunk } from './types.ts';

/**
 * Klaviyo list upload (help.klaviyo.com, "create and add contacts to a new list"): the first
 * column must be `Email`, and every column Klaviyo does not know becomes a custom profile
 * property, here `Rec 1 Title`, `Rec 1 URL`, ... for use in e-mail templates. Plain UTF-8 so
 * that the first header is exactly `Email`.
 */
export const emailKlaviyoFormat: FormatWriter = {
  format: 'email-klaviyo',
  kind: 'customer',
  defaultEncoding: 'utf-8',
  defaultLimit: 3,
  delimiter: ',',
  check: (context) => checkEmailCustomers(context, 'email-klaviyo'),
  header: klaviyoHeader,
  rows: klaviyoRows,
};

function klaviyoHeader(context: ExportContext): string[] {
  const header = ['Email'];
  for (let rank = 1; rank <= context.limit; rank++) {
    header.push(`Rec ${rank} Title`, `Rec ${rank} SKU`, `Rec ${rank} Price`);
    if (context.baseUrl !== null) header.push(`Rec ${rank} URL`);
  }
  header.push('Rec Generated At');
  return header;
}

function* klaviyoRows(context: ExportContext): Generator<RowChunk> {
  const handles = context.baseUrl === null ? null : catalogueHandles(context.catalogue);
  const generatedAt = isoDate(new Date());
  const isFirstRow = firstRowPerAddress();

  for (const { list, done, total } of customerLists(context.db, context.catalogue, context.limit, isUsableEmail)) {
    if (!list || !isFirstRow(list.customerId.toLowerCase())) {
      context.skipCustomer();
      continue;
    }
    if (list.picks.length === 0) continue;

    const cells: string[] = [list.customerId.toLowerCase()];
    for (let rank = 1; rank <= context.limit; rank++) {
      const pick = list.picks[rank - 1];
      cells.push(pick?.item.title ?? '', pick?.item.sku ?? '', pick ? priceText(pick.item) : '');
      if (context.baseUrl !== null) cells.push(pick ? productUrl(context.baseUrl, pick.item, handles!.get(pick.item.id)!) : '');
      if (pick) context.record({ customerId: list.customerRowId, anchorItemId: null, itemId: pick.item.id, rank });
    }
    cells.push(generatedAt);
    yield { cells, done, total };
  }
}
