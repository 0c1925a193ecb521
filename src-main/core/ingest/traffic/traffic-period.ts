/**
 * The days a traffic report covers when its rows have no date column: a date range in the
 * rows above the header (GA4 `# Start date: 20250301`, 生意参谋 `统计时间：2025-03-01~2025-03-31`)
 * or, failing that, in the file name (`BusinessReport_2025-03-01_2025-03-31.csv`).
 */

export interface ReportPeriod {
  /** `YYYY-MM-DD` */
  start: string;
  days: number;
}

const DATE_TOKEN = /(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?/g;
const GA4_START = /start\s*date\s*:\s*(\d{8})/i;
const GA4_END = /end\s*date\s*:\s*(\d{8})/i;

export function periodFromPreamble(preamble: readonly (readonly string[])[]): ReportPeriod | null {
  const text = preamble.map((row) => row.join(' ')).join('\n');
  const start = GA4_START.exec(text)?.[1];
  if (start !== undefined) return toPeriod(compactToIso(start), compactToIso(GA4_END.exec(text)?.[1] ?? start));
  return periodFromText(text);
}

export function periodFromFileName(fileName: string): ReportPeriod | null {
  return periodFromText(fileName);
}

/** Reads the first one or two dates of a text as a range; one date is a one-day period. */
function periodFromText(text: string): ReportPeriod | null {
  const dates: string[] = [];
  for (const match of text.matchAll(DATE_TOKEN)) {
    const iso = toIsoDate(match[1], match[2], match[3]);
    if (iso !== null) dates.push(iso);
    if (dates.length === 2) break;
  }
  const first = dates[0];
  if (first === undefined) return null;
  return toPeriod(first, dates[1] ?? first);
}

function toPeriod(start: string | null, end: string | null): ReportPeriod | null {
  if (start === null || end === null) return null;
  const days = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
  return days >= 1 ? { start, days } : null;
}

function compactToIso(text: string): string | null {
  return toIsoDate(text.slice(0, 4), text.slice(4, 6), text.slice(6, 8));
}

/** Returns `YYYY-MM-DD` for a real calendar date, else null. */
export function toIsoDate(year: string | undefined, month: string | undefined, day: string | undefined): string | null {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (!(y >= 2000 && y <= 2100) || !(m >= 1 && m <= 12) || !(d >= 1 && d <= 31)) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
