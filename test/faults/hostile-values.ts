/**
 * Hostile shop data for the export fuzz test: SKUs, titles and customer IDs built from pieces
 * that attack CSV files (formula starters, quotes, delimiters, line breaks, control and
 * invisible characters, markup, paths, long values, text GBK cannot encode). Each generator
 * takes a seeded random source, so every run writes the same values.
 */
import iconv from 'iconv-lite';

import type { Random } from './mutations.ts';

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)]!;

/** Starts that a spreadsheet could run as a formula, some behind spaces, quotes or full-width forms. */
const FORMULA_STARTS = [
  '=', '+', '-', '@', '\t', '\r', '=HYPERLINK("http://x.invalid","open")', '=cmd|\' /C calc\'!A0', '+SUM(1,2)', '-2+3',
  '@SUM(A1:A9)', ' =1+1', '  +1', '"=1+1"', "'=1+1", "''-1", '＝1+1', '＋1', '－1', '＠SUM(A1)', '\u3000=1',
  '\u200B=1', '\u202E=1', '\uFEFF=1', '\n=1', '﹦1',
];

/** Pieces that try to break out of a cell or a list, or that display misleadingly. */
const BODY_PIECES = [
  'plain', 'Mug', 'a"b', '""', '"', 'x,y', ', ', 'a;b', ';', 'line\r\nbreak', 'lf\nonly', 'cr\ronly', 'tab\tin',
  'ctl\u0001\u001b\u007f', 'vt\u000bff\u000c', 'nel\u0085', 'ls\u2028ps\u2029', 'rtl\u202Egnp.exe', 'lri\u2066x\u2069',
  'zw\u200B\u200C\u200Dj\u2060', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '&amp;&lt;', '../../etc/passwd',
  'C:\\', 'C:\\Windows\\system32', '/abs/path', '\\\\server\\share', 'CON', 'NUL.csv', 'x\\', 'a\\,b', '、', '；',
  '蓝色保温杯', '商品名称，500毫升', '😀', '👨‍👩‍👧', 'Ǆǅǆ', 'ß', 'İı', 'مرحبا', 'שלום', '한국어', 'ｶﾀｶﾅ', '€', '\u00A0nbsp',
  'A'.repeat(300), '长'.repeat(120), 'e\u0301', '%s%n', '${x}', '{sku}', 'NaN', '1e308', '0012',
];

/** Pieces that only an importer that does not trim or reject would store. */
const STORED_ONLY_PIECES = [' lead', 'trail ', '\u0000nul', 'n\u0000ul', '\ttab-lead', "'apostrophe", ' =1', '=1 ', '  '];

/** Builds a hostile value of one to three pieces. About one in three starts like a formula. */
export function hostileValue(random: Random, options: { storedOnly?: boolean } = {}): string {
  const pieces: string[] = [];
  if (random() < 0.35) pieces.push(pick(FORMULA_STARTS, random));
  const count = 1 + Math.floor(random() * 2);
  for (let i = 0; i < count; i += 1) {
    pieces.push(options.storedOnly && random() < 0.3 ? pick(STORED_ONLY_PIECES, random) : pick(BODY_PIECES, random));
  }
  if (random() < 0.05) pieces.push('Z'.repeat(2000 + Math.floor(random() * 3000)));
  return pieces.join(random() < 0.5 ? '' : pick([' ', ',', ';', '\r\n', '"'], random));
}

/** Customer IDs that e-mail tools accept as addresses, with hostile local parts. */
const EMAIL_LOCAL_PARTS = [
  '=cmd', '+1', '-x', '@x', '＝x', '<script>', "o'neil", 'Ann', 'ann', 'ANN', '用户', '😀', 'x\u202Egnp', 'a\u200Bb', '../x',
  'C:\\x', 'tab\u0009', 'a|b', '%0a', '=HYPERLINK(x)',
];

export function hostileEmail(random: Random): string {
  return `${pick(EMAIL_LOCAL_PARTS, random)}${random() < 0.5 ? '' : Math.floor(random() * 50)}@${pick(['example.com', 'EXAMPLE.org', '例え.jp'], random)}`;
}

/** Variants that differ only by letter case or trailing spaces, which platforms may merge. */
export function lookAlike(value: string, random: Random): string {
  return pick([value.toUpperCase(), value.toLowerCase(), `${value} `, `${value}  `], random);
}

/** Returns true when GBK can encode every character of `text`. */
export function isGbkEncodable(text: string): boolean {
  return iconv.decode(iconv.encode(text, 'gbk'), 'gbk') === text;
}

/** Draws from `generate` until the value fits GBK, so a GBK export of the shop can succeed. */
export function gbkOnly(generate: () => string): string {
  for (;;) {
    const value = generate();
    if (isGbkEncodable(value)) return value;
  }
}
