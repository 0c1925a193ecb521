/**
 * Number parsing for prices, amounts and quantities as shops write them: currency symbols or
 * codes around the value, thousands separators, and a decimal comma in European exports.
 */

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const CURRENCY_MARKS = /US\$|HK\$|CN¥|RMB|CNY|USD|EUR|GBP|元|[$£€¥￥\u00a0\u202f\s]/g;
const DECIMAL_COMMA_VALUE = /^-?(?:\d{1,3}(?:\.\d{3})+,\d+|\d+,\d{1,2})$/;
const DECIMAL_POINT_VALUE = /^-?(?:\d{1,3}(?:,\d{3})+\.\d+|\d+\.\d{1,2})$/;

/** Returns the number, or NaN when the text is not a number. */
export function parseNumber(text: string, decimalComma = false): number {
  if (isPlainDecimal(text, decimalComma)) return Number(text);
  if (PLAIN_NUMBER.test(text)) {
    if (!decimalComma || !text.includes('.')) return Number(text);
  }

  let cleaned = text.replace(CURRENCY_MARKS, '');
  if (decimalComma) {
    cleaned = cleaned.replaceAll('.', '').replace(',', '.');
  } else {
    cleaned = cleaned.replaceAll(',', '');
  }

  return PLAIN_NUMBER.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/**
 * Tells whether the text is an optional sign, digits and at most one decimal point, or no point
 * with a decimal comma. Most cells are such text, and Number() reads it as PLAIN_NUMBER does.
 */
function isPlainDecimal(text: string, decimalComma: boolean): boolean {
  let i = 0;
  const first = text.charCodeAt(0);
  if (first === 0x2d || first === 0x2b) i = 1;
  let digits = 0;
  let points = decimalComma ? 1 : 0;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) digits++;
    else if (code === 0x2e && points === 0) points = 1;
    else return false;
  }
  return digits > 0;
}

/**
 * Decides from sample values whether a column writes decimals with a comma. `12,5` and
 * `1.234,56` vote for a comma, `12.50` and `1,234.56` for a point; `1,234` and `1.234` are
 * ambiguous and do not vote.
 */
export function usesDecimalComma(samples: readonly string[]): boolean {
  let commaVotes = 0;
  let pointVotes = 0;

  for (const sample of samples) {
    const value = sample.replace(CURRENCY_MARKS, '');
    if (DECIMAL_COMMA_VALUE.test(value)) commaVotes++;
    else if (DECIMAL_POINT_VALUE.test(value)) pointVotes++;
  }

  return commaVotes > pointVotes;
}
