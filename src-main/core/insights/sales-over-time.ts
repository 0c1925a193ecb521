/**
 * Orders and revenue per day, week or month, for the Insights charts. Revenue is the value of
 * purchase lines minus the value of returned lines (quantity times unit price; lines without a
 * price count as zero). Buckets use the order time as stored, in UTC; a week starts on Monday.
 */
import type { SalesBucket, SalesOverTime, SalesPoint } from '../../api/contract.ts';
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
  start: string;
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
      `SELECT ${BUCKET_START[bucket]} AS start,
              COUNT(DISTINCT CASE WHEN kind = 'purchase' THEN order_id END) AS orders,
              TOTAL(CASE WHEN kind = 'purchase' THEN quantity * COALESCE(unit_price, 0) END) AS purchases,
              TOTAL(CASE WHEN kind = 'return' THEN quantity * COALESCE(unit_price, 0) END) AS returns
         FROM events
        GROUP BY start
        ORDER BY start`,
    )
    .all() as BucketRow[];

  const points: SalesPoint[] = rows.map((row) => ({
    start: row.start,
    orders: row.orders,
    revenue: roundCents(row.purchases - row.returns),
    returned: roundCents(row.returns),
  }));
  return { bucket, currency: mainCurrency(db), points };
}

/** The currency most items are priced in, or null when no import named one. */
function mainCurrency(db: Db): string | null {
  const row = db
    .prepare(
      `SELECT currency FROM items WHERE currency IS NOT NULL AND currency <> ''
        GROUP BY currency ORDER BY COUNT(*) DESC, currency LIMIT 1`,
    )
    .get() as { currency: string } | undefined;
  return row?.currency ?? null;
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
