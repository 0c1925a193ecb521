/**
 * Traffic per item and per bucket (day, week starting Monday, month), summed over every
 * report source, with the rates recomputed from the summed counts:
 * - CTR = clicks / impressions, null unless both were reported and impressions > 0;
 * - purchase rate = orders / visitors. Reports that count no visitors (GA4) fall back to
 *   orders / clicks, and reports that count no orders (GA4 counts units) use units.
 * A report period longer than a day (Amazon, one range per file) counts in the bucket of its
 * first day. Two sources covering the same item and day are added together.
 */
import type { TrafficBucket, TrafficMetrics, TrafficPoint, TrafficQuery } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import type { Db } from '../store/database.ts';

const BUCKET_START: Record<TrafficBucket, string> = {
  day: 't.day',
  // SQLite's 'weekday 1' moves forward to the next Monday, so step back 6 days first.
  week: "date(t.day, '-6 days', 'weekday 1')",
  month: "strftime('%Y-%m-01', t.day)",
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

interface SumRow {
  start: string;
  sku: string | null;
  title: string | null;
  impressions: number | null;
  clicks: number | null;
  visitors: number | null;
  page_views: number | null;
  add_to_carts: number | null;
  orders: number | null;
  units: number | null;
  revenue: number | null;
}

export function trafficMetrics(db: Db, query: TrafficQuery): TrafficMetrics {
  const bucket = BUCKET_START[query.bucket];
  if (bucket === undefined) throw new ShopRecError('request.invalid', { field: 'bucket', value: String(query.bucket) });
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && !ISO_DAY.test(value)) throw new ShopRecError('request.invalid', { field, value });
  }

  const filters: string[] = [];
  const params: string[] = [];
  if (query.from !== undefined) (filters.push('t.day >= ?'), params.push(query.from));
  if (query.to !== undefined) (filters.push('t.day <= ?'), params.push(query.to));
  if (query.sku !== undefined) (filters.push('i.sku = ?'), params.push(query.sku));
  const where = filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : '';

  const sums = `SUM(t.impressions) AS impressions, SUM(t.clicks) AS clicks, SUM(t.visitors) AS visitors,
    SUM(t.page_views) AS page_views, SUM(t.add_to_carts) AS add_to_carts, SUM(t.orders) AS orders,
    SUM(t.units) AS units, SUM(t.revenue) AS revenue`;
  const from = `FROM traffic_daily t JOIN items i ON i.id = t.item_id ${where}`;
  const items = db
    .prepare(`SELECT ${bucket} AS start, i.sku AS sku, i.title AS title, ${sums} ${from} GROUP BY start, i.id ORDER BY start, i.sku`)
    .all(...params) as SumRow[];
  const totals = db
    .prepare(`SELECT ${bucket} AS start, NULL AS sku, NULL AS title, ${sums} ${from} GROUP BY start ORDER BY start`)
    .all(...params) as SumRow[];

  return { bucket: query.bucket, totals: totals.map(toPoint), items: items.map(toPoint) };
}

function toPoint(row: SumRow): TrafficPoint {
  const purchases = row.orders ?? row.units;
  const base = row.visitors !== null ? 'visitors' : row.clicks !== null ? 'clicks' : null;
  const denominator = base === 'visitors' ? row.visitors : base === 'clicks' ? row.clicks : null;
  return {
    start: row.start,
    sku: row.sku,
    title: row.title === '' ? null : row.title,
    impressions: row.impressions,
    clicks: row.clicks,
    visitors: row.visitors,
    pageViews: row.page_views,
    addToCarts: row.add_to_carts,
    orders: row.orders,
    units: row.units,
    revenue: row.revenue,
    ctr: ratio(row.clicks, row.impressions),
    purchaseRate: ratio(purchases, denominator),
    purchaseRateBase: purchases === null || denominator === null || denominator === 0 ? null : base,
  };
}

function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return numerator / denominator;
}
