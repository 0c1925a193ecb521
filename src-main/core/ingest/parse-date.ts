/**
 * Order-date parsing into Unix seconds. Times without a zone are wall-clock times and are read
 * as UTC, so the store keeps the shop's own clock. An explicit offset (`+0800`, `+08:00`, `Z`,
 * ` UTC`) is applied. Results are cached per distinct string because exports repeat the same
 * timestamp on every line of an order.
 */

const ISO_DATE =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
const CHINESE_DATE =
  /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2})秒?)?分?)?$/;
const NUMERIC_DATE =
  /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
/** eBay US `Mar-02-25` (month first) and eBay DE `10-Dez-25` (day first), optionally with a time. */
const MONTH_NAME_FIRST = /^([A-Za-zÄä]{3,4})\.?-(\d{1,2})-(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY_THEN_MONTH_NAME = /^(\d{1,2})[-. ]([A-Za-zÄä]{3,4})\.?[-. ](\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const MONTH_NUMBERS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, mär: 3, mrz: 3, apr: 4, may: 5, mai: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9,
  oct: 10, okt: 10, nov: 11, dec: 12, dez: 12,
};
const EPOCH_SECONDS = /^\d{10}$/;
const EPOCH_MILLISECONDS = /^\d{13}$/;

const MAX_CACHED_VALUES = 200_000;

export class DateParser {
  private readonly cache = new Map<string, number>();
  private lastText = '';
  private lastSeconds = Number.NaN;

  /** With `dayFirst`, `4/3/2025` is 4 March; without it, April 3 (US and UCI style). */
  constructor(private readonly dayFirst: boolean) {}

  /** Returns Unix seconds, or NaN when the text is in no supported date format. */
  parse(text: string): number {
    // Lines of one order follow each other with the same time, so most lookups hit here.
    if (text === this.lastText) return this.lastSeconds;
    this.lastText = text;
    this.lastSeconds = this.lookUp(text);
    return this.lastSeconds;
  }

  private lookUp(text: string): number {
    const cached = this.cache.get(text);
    if (cached !== undefined) return cached;

    // A file of per-second timestamps would grow the cache without bound, so it starts over.
    if (this.cache.size >= MAX_CACHED_VALUES) this.cache.clear();
    const seconds = parseDateUncached(text, this.dayFirst);
    // Cells are slices of a large decoded chunk; caching a slice would keep the chunk alive.
    this.cache.set(copyString(text), seconds);
    return seconds;
  }
}

/**
 * Decides whether numeric dates such as `4/3/2025` put the day first: a first component above
 * 12 can only be a day. Returns false (month first) when no sample decides it.
 * NOTE: callers pass values from the first 64 KB only, so a day-first file whose early rows all
 * have days up to 12 is read month-first and its later rows are rejected as invalid dates.
 */
export function detectDayFirst(samples: readonly string[]): boolean {
  for (const sample of samples) {
    const match = NUMERIC_DATE.exec(sample);
    if (!match) continue;
    if (Number(match[1]) > 12) return true;
    if (Number(match[2]) > 12) return false;
  }
  return false;
}

function copyString(text: string): string {
  return (' ' + text).slice(1);
}

function parseDateUncached(text: string, dayFirst: boolean): number {
  const iso = ISO_DATE.exec(text);
  if (iso) return toSeconds(iso[1], iso[2], iso[3], iso[4], iso[5], iso[6], iso[7]);

  const numeric = NUMERIC_DATE.exec(text);
  if (numeric) return parseNumericDate(numeric, dayFirst);

  const chinese = CHINESE_DATE.exec(text);
  if (chinese) return toSeconds(chinese[1], chinese[2], chinese[3], chinese[4], chinese[5], chinese[6], undefined);

  const monthFirst = MONTH_NAME_FIRST.exec(text);
  if (monthFirst) return parseMonthNameDate(monthFirst[1], monthFirst[2], monthFirst, 3);
  const dayThenMonth = DAY_THEN_MONTH_NAME.exec(text);
  if (dayThenMonth) return parseMonthNameDate(dayThenMonth[2], dayThenMonth[1], dayThenMonth, 3);

  if (EPOCH_SECONDS.test(text)) return Number(text);
  if (EPOCH_MILLISECONDS.test(text)) return Math.floor(Number(text) / 1000);
  return Number.NaN;
}

/** `yearIndex` is the match group of the year; the time groups follow it. */
function parseMonthNameDate(
  monthName: string | undefined,
  day: string | undefined,
  match: RegExpExecArray,
  yearIndex: number,
): number {
  const month = MONTH_NUMBERS[(monthName ?? '').toLowerCase()];
  if (month === undefined) return Number.NaN;
  const yearText = match[yearIndex] ?? '';
  const year = yearText.length === 2 ? String(2000 + Number(yearText)) : yearText;
  return toSeconds(year, String(month), day, match[yearIndex + 1], match[yearIndex + 2], match[yearIndex + 3], undefined);
}

function parseNumericDate(match: RegExpExecArray, dayFirst: boolean): number {
  const [day, month] = dayFirst ? [match[1], match[2]] : [match[2], match[1]];
  const yearText = match[3] ?? '';
  // Two-digit years (Etsy `MM/DD/YY`) are read as 20YY because online-shop exports hold no sales from the 1900s.
  const year = yearText.length === 2 ? String(2000 + Number(yearText)) : yearText;

  let hour = match[4];
  const meridiem = match[7]?.toUpperCase();
  if (hour !== undefined && meridiem !== undefined) {
    const value = Number(hour);
    if (value < 1 || value > 12) return Number.NaN;
    hour = String((value % 12) + (meridiem === 'PM' ? 12 : 0));
  }
  return toSeconds(year, month, day, hour, match[5], match[6], match[8]);
}

function toSeconds(
  yearText: string | undefined,
  monthText: string | undefined,
  dayText: string | undefined,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
  zone: string | undefined,
): number {
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = hourText === undefined ? 0 : Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return Number.NaN;

  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 April over into 1 May; a changed day means the date does not exist.
  if (new Date(millis).getUTCDate() !== day) return Number.NaN;

  return millis / 1000 - zoneOffsetSeconds(zone);
}

function zoneOffsetSeconds(zone: string | undefined): number {
  if (zone === undefined || zone.length <= 3) return 0;

  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  return sign * (hours * 3600 + minutes * 60);
}
