/**
 * Buyer keys from platform exports. Chinese platforms and marketplaces mask buyer names and
 * phones (`张**`, `1******6198`, `138****0001`). A masked value is still a usable key, but a
 * weak one: every 张 whose phone ends in 6198 shares it. So the first unmasked candidate wins
 * (buyer IDs and nicknames are listed first), and when every present value is masked they are
 * joined (`张** / 1******6198`), which separates more buyers than either value alone.
 */
import { cellAt } from '../row-result.ts';

const MASK = /[*＊]/;

export function customerKey(fields: readonly string[], columns: readonly number[]): string | null {
  const masked: string[] = [];
  for (const index of columns) {
    const value = cellAt(fields, index);
    if (value === null) continue;
    if (!MASK.test(value)) return value;
    masked.push(value);
  }
  return masked.length > 0 ? masked.join(' / ') : null;
}
