/**
 * Checks on decoded text that catch files no decoder can repair: binary data with a text-like
 * start, and text that was double-encoded by an earlier round trip through a spreadsheet.
 */
import type { TextEncoding } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';

/**
 * UTF-8 bytes read as Windows-1252 and saved again as UTF-8: a lead byte shown as `Â`-`ô`,
 * followed by a continuation byte shown as U+0080-U+00BF or one of Windows-1252's 0x80-0x9F
 * characters (`€`, `™`, `•`, `“` ...). Examples: `Â£` for `£`, `Ã¤` for `ä`, `ï»¿` for a BOM,
 * `å•†` for `商`.
 */
const MOJIBAKE = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/g;

/** Mojibake in the sample body counts only when it recurs, so one odd name does not reject a file. */
const MOJIBAKE_MATCHES_IN_SAMPLE = 3;

const MAX_CONTROL_SHARE = 0.01;

/** Throws 'file.notText' for NUL bytes or many control characters in a sample that is not UTF-16. */
export function rejectBinarySample(sample: Buffer, encoding: TextEncoding, file: string): void {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return;

  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) throw new ShopRecError('file.notText', { file });
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) controls++;
  }
  if (controls > sample.length * MAX_CONTROL_SHARE) throw new ShopRecError('file.notText', { file });
}

/** Throws 'file.doubleEncoded' with an example when the header or the sample shows mojibake. */
export function rejectDoubleEncoding(headerText: string, sampleText: string, file: string): void {
  const inHeader = headerText.match(MOJIBAKE);
  const inSample = sampleText.match(MOJIBAKE);
  const found = inHeader ?? (inSample !== null && inSample.length >= MOJIBAKE_MATCHES_IN_SAMPLE ? inSample : null);
  if (found === null) return;

  const first = found[0];
  const at = (inHeader ? headerText : sampleText).indexOf(first);
  const source = inHeader ? headerText : sampleText;
  throw new ShopRecError('file.doubleEncoded', { file, sample: source.slice(Math.max(0, at - 8), at + 12) });
}
