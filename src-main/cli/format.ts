import { phaseLabel, type Locale } from '../api/messages/index.ts';
import { cliText, isCliKey } from './messages/index.ts';

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
 * Returns the progress label of an engine phase such as `import.read` or `train.item-knn`: what
 * the command works on, then the phase's own label from the shared catalogues when it has one.
 * Phases outside an import, a training run or an export (`similar`) show their own label alone.
 */
export function progressLabel(locale: Locale, phase: string, file: string): string {
  const [area = '', detail = ''] = phase.split('.');
  // A model's own phases (`train.item-knn`, `sequential.train`) carry its name as the result tables write it.
  const model = modelName(locale, area === 'train' ? detail : area);
  const step = model ?? phaseLabel(locale, phase);
  let work: string | null = null;
  if (area === 'import') work = cliText(locale, 'progress.import', { file });
  else if (area === 'train' || model !== null) work = cliText(locale, 'progress.train');
  else if (area === 'export') work = cliText(locale, 'progress.export', { file });
  if (work === null) return step ?? cliText(locale, 'progress.working');
  return step === null ? work : cliText(locale, 'progress.step', { work, step });
}

function modelName(locale: Locale, model: string): string | null {
  const key = `model.${model}`;
  return isCliKey(key) ? cliText(locale, key) : null;
}
