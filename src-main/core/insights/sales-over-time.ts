/**
 * Orders and revenue per day, week or month, for the Insights charts. Revenue is the value of
 * purchase lines minus the value of returned lines (quantity times unit price; lines without a
 * price count as zero). Buckets use the order time as stored, in UTC; a week starts on Monday.
 * Each currency (of the product, as the import named it) is its own series, because amounts in
 * euros and yuan cannot be added up.
 */
import type { SalesBucket, SalesOverTime, SalesSeries } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import type { Db } from '../store/database.ts';

export const SALES_BUCKETS: readonly SalesBucket[] = ['day', 'week', 'month'];

/** SQLite date expressions that map `occurred_at` (Unix seconds) to the first day of its bucket. */
const BUCKET_START: Record<SalesBucket, string> = {
  day: "date(occurred_at, 'unixepoch')",
  // 'weekday 0' moves forward to the next Sunday (or stays on a Sunday); six days back is Monday.
  week: "date(occurred_at, 'unixepoch', 'weekday 0', '-6 days')",
  month: "date(occurred_at, 'unixepoch', 'start of month')",
};

interface BucketRow {
  currency: string | null;
  start: string;
  lines: number;
  orders: number;
  purchases: number;
  returns: number;
}

export function salesOverTime(db: Db, bucket: SalesBucket): SalesOverTime {
  if (!SALES_BUCKETS.includes(bucket)) {
    throw new ShopRecError('request.invalid', { detail: `bucket must be one of ${SALES_BUCKETS.join(', ')}` });
  }

  const rows = db
    .prepare(
      `SELECT NULLIF(items.currency, '') AS currency,
              ${BUCKET_START[bucket]} AS start,
              COUNT(*) AS lines,
              COUNT(DISTINCT CASE WHEN kind = 'purchase' THEN order_id END) AS orders,
              TOTAL(CASE WHEN kind = 'purchase' THEN quantity * COALESCE(events.unit_price, 0) END) AS purchases,
              TOTAL(CASE WHEN kind = 'return' THEN quantity * COALESCE(events.unit_price, 0) END) AS returns
         FROM events JOIN items ON items.id = events.item_id
        GROUP BY 1, start
        ORDER BY start`,
    )
    .all() as BucketRow[];

  const series = seriesByCurrency(rows);
  const main = series[0];
  return { bucket, currency: main?.currency ?? null, points: main?.points ?? [], series };
}

/** Splits bucket rows into one series per currency, the currency with most lines first. */
function seriesByCurrency(rows: BucketRow[]): SalesSeries[] {
  const byCurrency = new Map<string | null, SalesSeries>();
  for (const row of rows) {
    let series = byCurrency.get(row.currency);
    if (!series) {
      series = { currency: row.currency, lines: 0, points: [] };
      byCurrency.set(row.currency, series);
    }
    series.lines += row.lines;
    series.points.push({
      start: row.start,
      orders: row.orders,
      revenue: roundCents(row.purchases - row.returns),
      returned: roundCents(row.returns),
    });
  }
  return [...byCurrency.values()].sort((a, b) => b.lines - a.lines || String(a.currency).localeCompare(String(b.currency)));
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
