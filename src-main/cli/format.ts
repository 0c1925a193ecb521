import type { Locale } from '../api/messages/index.ts';
import { cliText } from './messages/index.ts';

/** Formats a count with the locale's digit grouping, such as 12,345. */
export function formatCount(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Formats a ranking metric between 0 and 1 with three decimals. */
export function formatMetric(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value);
}

export function formatPercent(locale: Locale, share: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

/** Formats milliseconds as seconds with one decimal. */
export function formatSeconds(locale: Locale, milliseconds: number): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(milliseconds / 1000);
}

/** Returns the date part of an ISO 8601 timestamp; dates stay ISO so they read the same everywhere. */
export function formatDate(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '';
}

/** Returns the date and minute of an ISO 8601 timestamp, in UTC as the engine stores it. */
export function formatDateTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '';
}

/**
 * Returns the progress label of an engine phase such as `import.read` or `train.item-knn`. The
 * part after the first dot is a technical name (a model, a step), shown as it is.
 */
export function progressLabel(locale: Locale, phase: string, file: string): string {
  const [area, ...rest] = phase.split('.');
  const detail = rest.length > 0 ? ` (${rest.join('.')})` : '';

  switch (area) {
    case 'import':
      return cliText(locale, 'progress.import', { file }) + detail;
    case 'train':
      return cliText(locale, 'progress.train') + detail;
    case 'export':
      return cliText(locale, 'progress.export', { file }) + detail;
    default:
      return `${cliText(locale, 'progress.working')} (${phase})`;
  }
}
