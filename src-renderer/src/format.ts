/** Numbers, percentages and dates formatted with Intl for the window's locale. */
import type { Locale } from '../../src-main/api/messages/index.ts';

export function formatNumber(locale: Locale, value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits }).format(value);
}

export function formatPercent(locale: Locale, fraction: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(fraction);
}

export function formatDate(locale: Locale, iso: string | null): string {
  if (iso === null) return '–';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatDateTime(locale: Locale, iso: string | null): string {
  if (iso === null) return '–';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Fraction of the job done, between 0 and 1, or null when the total is not known yet. */
export function progressFraction(done: number, total: number): number | null {
  return total > 0 ? Math.min(1, done / total) : null;
}
