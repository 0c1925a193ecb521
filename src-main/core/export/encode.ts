import iconv from 'iconv-lite';

import type { ExportEncoding } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';

const UTF8_BOM_BYTES = Buffer.from([0xef, 0xbb, 0xbf]);

/** Bytes that start the file: the UTF-8 byte order mark, which Excel needs to detect UTF-8. */
export function encodingPreamble(encoding: ExportEncoding): Buffer {
  return encoding === 'utf-8-bom' ? UTF8_BOM_BYTES : Buffer.alloc(0);
}

/**
 * Encodes CSV text. GBK cannot represent every character (emoji, many non-Chinese scripts), and
 * iconv-lite would write '?' in their place, so a row that does not survive the round trip is
 * rejected with the first cell that fails rather than silently changed.
 */
export function encodeText(text: string, encoding: ExportEncoding): Buffer {
  if (encoding !== 'gbk') return Buffer.from(text, 'utf8');

  const bytes = iconv.encode(text, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== text) {
    throw new ShopRecError('export.unencodable', { value: firstUnencodable(text), encoding: 'GBK' });
  }
  return bytes;
}

function firstUnencodable(text: string): string {
  for (const line of text.split('\r\n')) {
    for (const cell of line.split(',')) {
      if (iconv.decode(iconv.encode(cell, 'gbk'), 'gbk') !== cell) return cell.slice(0, 80);
    }
  }
  return text.slice(0, 80);
}
