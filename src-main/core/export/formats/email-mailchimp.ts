import { startsLikeFormula } from '../csv.ts';
import { customerLists } from '../customer-lists.ts';
import { catalogueHandles } from '../shopify-handles.ts';
import { checkEmailCustomers, firstRowPerAddress, isUsableEmail, priceText, productUrl } from './email-columns.ts';
import type { ExportContext, FormatWriter, RowChunk } from './types.ts';

/** Mailchimp's limit on an audience text field, in UTF-8 bytes (about 85 Chinese characters). */
export const MAILCHIMP_FIELD_BYTES = 255;

/**
 * Mailchimp audience import (mailchimp.com help, "Format guidelines for your import file"):
 * `Email Address` is the one required column, other columns are matched to audience fields
 * while importing, text fields hold at most 255 bytes, numbers carry no thousands separators,
 * and the file is UTF-8. Headers such as `REC1NAME` are valid merge tags (at most 10 letters or
 * digits), so the merchant can create fields with the same tags and use them in campaigns.
 * Titles longer than the limit are cut at a UTF-8 character boundary. A product address that
 * does not fit is left empty, because a shortened address would open the wrong page, and a
 * product whose SKU does not fit is left out, because a shortened SKU would name another
 * product or none.
 */
export const emailMailchimpFormat: FormatWriter = {
  format: 'email-mailchimp',
  kind: 'customer',
  defaultEncoding: 'utf-8',
  defaultLimit: 3,
  delimiter: ',',
  check: (context) => checkEmailCustomers(context, 'email-mailchimp'),
  header: mailchimpHeader,
  rows: mailchimpRows,
};

function mailchimpHeader(context: ExportContext): string[] {
  const header = ['Email Address'];
  for (let rank = 1; rank <= context.limit; rank++) {
    header.push(`REC${rank}NAME`, `REC${rank}SKU`, `REC${rank}PRICE`);
    if (context.baseUrl !== null) header.push(`REC${rank}URL`);
  }
  return header;
}

function* mailchimpRows(context: ExportContext): Generator<RowChunk> {
  const handles = context.baseUrl === null ? null : catalogueHandles(context.catalogue);
  const isFirstRow = firstRowPerAddress();

  for (const { list, done, total } of customerLists(context.db, context.catalogue, context.limit, isUsableEmail)) {
    if (!list || !isFirstRow(list.customerId.toLowerCase())) {
      context.skipCustomer();
      continue;
    }
    const picks = list.picks.filter((pick) => fitField(pick.item.sku) === pick.item.sku);
    if (picks.length === 0) continue;

    const cells: string[] = [list.customerId.toLowerCase()];
    for (let rank = 1; rank <= context.limit; rank++) {
      const pick = picks[rank - 1];
      cells.push(fitField(pick?.item.title ?? ''), pick?.item.sku ?? '', pick ? priceText(pick.item) : '');
      if (context.baseUrl !== null) {
        const url = pick ? productUrl(context.baseUrl, pick.item, handles!.get(pick.item.id)!) : '';
        cells.push(Buffer.byteLength(url, 'utf8') <= MAILCHIMP_FIELD_BYTES ? url : '');
      }
      if (pick) context.record({ customerId: list.customerRowId, anchorItemId: null, itemId: pick.item.id, rank });
    }
    yield { cells, done, total };
  }
}

/** Cuts text so that the cell Mailchimp stores, guard apostrophe included, fits the limit. */
function fitField(text: string): string {
  const budget = MAILCHIMP_FIELD_BYTES - (startsLikeFormula(text) ? 1 : 0);
  return truncateUtf8(text, budget);
}

/** Longest prefix of `text` whose UTF-8 encoding has at most `maxBytes` bytes, whole characters only. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
