/**
 * Cell cleaning shared by every layout. Shop exports disguise values so that Excel keeps them as
 * text: a leading tab (抖店, 拼多多), an `="…"` formula (Taobao legacy CSV) or a leading
 * apostrophe (Shopify ZIP codes, WooCommerce). The steps run in that order, then the value is
 * trimmed (String.prototype.trim also removes U+3000 and U+FEFF) and null tokens become null.
 */

// `NA` and `None` are left out because `NA` is Namibia's country code.
const NULL_TOKENS = new Set(['-', '--', '——', '—', 'n/a', 'N/A', 'null', 'NULL', 'Null', '#N/A']);

const MAX_NULL_TOKEN_LENGTH = 4;

const TAB = 9;
const SPACE = 32;
const EQUALS = 61;
const APOSTROPHE = 39;

/** Returns the cleaned cell text, or null for an empty or placeholder cell. */
export function cleanCell(value: string | undefined): string | null {
  if (value === undefined || value.length === 0) return null;

  let text = value;
  if (needsCleaning(text)) {
    while (text.charCodeAt(0) === TAB) text = text.slice(1);
    if (text.startsWith('="') && text.endsWith('"') && text.length >= 3) text = text.slice(2, -1);
    if (text.charCodeAt(0) === APOSTROPHE) text = text.slice(1);
    text = text.trim();
  }

  if (text.length === 0) return null;
  if (text.length <= MAX_NULL_TOKEN_LENGTH && NULL_TOKENS.has(text)) return null;
  return text;
}

/** Most cells are plain; checking the first and last character avoids four string copies. */
function needsCleaning(text: string): boolean {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first <= SPACE || first === EQUALS || first === APOSTROPHE || first > 127 || last <= SPACE || last > 127;
}
