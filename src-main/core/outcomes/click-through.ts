import type { Db } from '../store/database.ts';

const REQUIRED_COLUMNS = ['item_id', 'day', 'impressions', 'clicks'];

export interface ClickThrough {
  recommended: number | null;
  catalogue: number | null;
}

/**
 * Clicks per impression in (from, to] for the items an export recommended and for all items,
 * from the `traffic_daily` table that traffic report imports fill. Returns null when the table
 * does not exist (workspaces created before traffic imports) or lacks the expected columns.
 * NOTE: a report row that covers several days (`days` > 1) counts wholly in the window of its
 * start `day`, so windows that cut through such rows are approximate.
 */
export function clickThrough(db: Db, exportId: number, from: number, to: number): ClickThrough | null {
  const columns = db.prepare(`SELECT name FROM pragma_table_info('traffic_daily')`).pluck().all() as string[];
  if (!REQUIRED_COLUMNS.every((column) => columns.includes(column))) return null;

  const fromDay = dayText(from);
  const toDay = dayText(to);
  const totals = db
    .prepare(
      `SELECT
         SUM(t.clicks) AS clicks, SUM(t.impressions) AS impressions,
         SUM(CASE WHEN r.item_id IS NOT NULL THEN t.clicks END) AS recClicks,
         SUM(CASE WHEN r.item_id IS NOT NULL THEN t.impressions END) AS recImpressions
       FROM traffic_daily t
       LEFT JOIN (SELECT DISTINCT item_id FROM export_recommendations WHERE export_id = ?) r ON r.item_id = t.item_id
       WHERE t.day > ? AND t.day <= ? AND t.impressions IS NOT NULL AND t.clicks IS NOT NULL`,
    )
    .get(exportId, fromDay, toDay) as { clicks: number | null; impressions: number | null; recClicks: number | null; recImpressions: number | null };

  if (!totals.impressions) return null;
  return { recommended: ratio(totals.recClicks, totals.recImpressions), catalogue: ratio(totals.clicks, totals.impressions) };
}

function ratio(numerator: number | null, denominator: number | null): number | null {
  return denominator ? (numerator ?? 0) / denominator : null;
}

function dayText(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}
