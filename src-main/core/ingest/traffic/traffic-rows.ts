/**
 * Turns the data rows of a traffic report into traffic rows: the item's keys and title, the
 * period, and each metric the report has. Counts may carry thousands separators (`1,208`),
 * `-` means none, and money may carry a currency symbol; percentages are not stored because
 * every rate is recomputed from the counts.
 */
import type { RejectedReason } from '../types.ts';
import { cleanCell } from '../clean-cell.ts';
import { DateParser } from '../parse-date.ts';
import { parseNumber, usesDecimalComma } from '../parse-number.ts';
import { columnPositions } from '../formats/platforms/profile.ts';
import { sampleColumn } from '../formats/column-index.ts';
import { TRAFFIC_METRICS, type TrafficMetric, type TrafficProfile } from './profiles.ts';
import type { ReportPeriod } from './traffic-period.ts';

export interface TrafficRow {
  lineNumber: number;
  /** Item identifiers from the row, best first (SKU, ASIN, 商品ID, a Shopify product handle). */
  keys: string[];
  /** True when the first key is a product handle, matched against slugs of item titles. */
  keyIsHandle: boolean;
  title: string | null;
  day: string;
  days: number;
  metrics: Record<TrafficMetric, number | null>;
}

export interface TrafficRejection {
  lineNumber: number;
  reason: RejectedReason;
  params: Record<string, string | number>;
}

const PRODUCT_PATH = /\/products\/([^/?#]+)/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

export interface TrafficRowConverter {
  convert(fields: readonly string[], lineNumber: number): TrafficRow | TrafficRejection;
}

/** `period` stands in for the day of rows without a date column; null makes such rows invalid. */
export function createTrafficConverter(
  profile: TrafficProfile,
  header: readonly string[],
  sampleRows: readonly string[][],
  period: ReportPeriod | null,
): TrafficRowConverter {
  const keyColumns = columnPositions(header, profile.itemKeys);
  const titleColumns = columnPositions(header, profile.title);
  const pathColumn = columnPositions(header, profile.landingPath)[0] ?? -1;
  const typeColumn = columnPositions(header, profile.pageType)[0] ?? -1;
  const dayColumn = columnPositions(header, profile.day)[0] ?? -1;
  const metricColumns = new Map<TrafficMetric, number>();
  for (const metric of TRAFFIC_METRICS) {
    const index = columnPositions(header, profile.metrics[metric])[0];
    if (index !== undefined) metricColumns.set(metric, index);
  }
  const revenueComma = usesDecimalComma(sampleColumn(sampleRows, metricColumns.get('revenue') ?? -1));
  const dates = new DateParser(false);

  function readDay(fields: readonly string[]): { day: string; days: number } | TrafficRejection | null {
    const text = dayColumn < 0 ? null : cleanCell(fields[dayColumn]);
    if (text === null) return period === null ? null : { day: period.start, days: period.days };
    const compact = COMPACT_DATE.exec(text);
    const seconds = dates.parse(compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : text);
    if (Number.isNaN(seconds)) return { lineNumber: 0, reason: 'invalidDate', params: { value: text } };
    return { day: new Date(seconds * 1000).toISOString().slice(0, 10), days: 1 };
  }

  return {
    convert(fields, lineNumber) {
      const pageType = typeColumn < 0 ? null : cleanCell(fields[typeColumn]);
      if (pageType !== null && !/^product$/i.test(pageType)) return { lineNumber, reason: 'nonProductLine', params: { value: pageType } };

      const keys = keyColumns.map((index) => cleanCell(fields[index])).filter((key): key is string => key !== null);
      const path = pathColumn < 0 ? null : cleanCell(fields[pathColumn]);
      const handle = path === null ? null : (PRODUCT_PATH.exec(path)?.[1] ?? null);
      if (path !== null && handle === null && keys.length === 0) return { lineNumber, reason: 'nonProductLine', params: { value: path } };
      const title = titleColumns.map((index) => cleanCell(fields[index])).find((value) => value !== null) ?? null;
      if (keys.length === 0 && handle === null && title === null) return { lineNumber, reason: 'missingItem', params: {} };

      const period = readDay(fields);
      if (period === null) return { lineNumber, reason: 'missingDate', params: {} };
      if ('reason' in period) return { ...period, lineNumber };

      const metrics = {} as Record<TrafficMetric, number | null>;
      for (const metric of TRAFFIC_METRICS) {
        const index = metricColumns.get(metric);
        const text = index === undefined ? null : cleanCell(fields[index]);
        if (text === null) {
          metrics[metric] = null;
          continue;
        }
        const value = parseNumber(text, metric === 'revenue' && revenueComma);
        if (Number.isNaN(value)) return { lineNumber, reason: 'invalidMetric', params: { column: header[index as number] ?? metric, value: text } };
        metrics[metric] = value;
      }

      const allKeys = handle === null ? keys : [...keys, handle];
      return { lineNumber, keys: allKeys, keyIsHandle: keys.length === 0 && handle !== null, title, ...period, metrics };
    },
  };
}

export function isTrafficRejection(result: TrafficRow | TrafficRejection): result is TrafficRejection {
  return 'reason' in result;
}
