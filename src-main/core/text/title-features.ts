/**
 * Splits a product title into the sparse features the built-in encoder weighs. Chinese and
 * Japanese titles have no spaces between words, so runs of CJK characters give character
 * unigrams and bigrams (a bigram is the typical length of a Chinese product word such as 鞋子
 * or 耳机). Latin-script and digit runs give the whole word plus character trigrams of the word
 * padded with < and >, so plural forms and typos still share most features.
 */

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/u;
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+/gu;
const DIGITS = /^\p{N}+$/u;

/** Returns each feature of `title` with the number of times it occurs. */
export function titleFeatures(title: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string): void => {
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
  };

  // NFKC folds full-width letters and digits (ＡＢＣ１２) into their ASCII forms.
  const text = title.normalize('NFKC').toLowerCase();
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    if (CJK_RUN.test(token)) addCjkFeatures(token, add);
    else addWordFeatures(token, add);
  }
  return counts;
}

function addCjkFeatures(run: string, add: (feature: string) => void): void {
  const characters = Array.from(run);
  for (let i = 0; i < characters.length; i += 1) {
    add(`c:${characters[i]}`);
    if (i + 1 < characters.length) add(`b:${characters[i]}${characters[i + 1]}`);
  }
}

function addWordFeatures(word: string, add: (feature: string) => void): void {
  add(`w:${word}`);
  if (DIGITS.test(word)) return;

  const padded = Array.from(`<${word}>`);
  for (let i = 0; i + 3 <= padded.length; i += 1) add(`t:${padded.slice(i, i + 3).join('')}`);
}
