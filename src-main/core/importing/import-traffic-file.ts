/**
 * Stores a traffic report: one import row, its rejected rows, and one traffic row per item and
 * period, all in one transaction. Re-importing an overlapping report of the same source
 * replaces the metrics of the days it covers instead of adding to them.
 */
import type { ImportSummary } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import type { InspectedFile } from '../ingest/inspect-file.ts';
import { readTrafficReport, type TrafficReport } from '../ingest/traffic/read-traffic-report.ts';
import { trafficMapping } from '../ingest/traffic/traffic-columns.ts';
import { trafficProfile } from '../ingest/traffic/profiles.ts';
import { createLogger } from '../log.ts';
import type { Db } from '../store/database.ts';
import { hashFile } from './hash-file.ts';
import { findImportBySha256 } from './queries.ts';
import { asAlreadyImported, type ImportedFile } from './store-order-export.ts';
import { TrafficItemMatcher } from './traffic-item-matcher.ts';

const log = createLogger('importing');

export async function importTrafficFile(
  db: Db,
  filePath: string,
  inspected: InspectedFile,
  format: string,
  file: ImportedFile,
  startedAt: number,
): Promise<ImportSummary> {
  const report = await readTrafficReport(filePath, inspected, format, file.fileName);
  if (report.rows.length === 0) throw noUsableRows(report, file);
  const profile = trafficProfile(format);
  const mapping = profile ? trafficMapping(profile, inspected.header) : {};

  const importedAt = new Date().toISOString();
  const store = db.transaction(() => {
    const importId = Number(
      db
        .prepare(
          `INSERT INTO imports (file_name, file_sha256, file_bytes, format, encoding, delimiter, mapping_json, counts_json,
             first_order_at, last_order_at, imported_at, duration_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, 0)`,
        )
        .run(file.fileName, file.sha256, file.fileBytes, format, inspected.encoding, inspected.delimiter, JSON.stringify(mapping),
          dayRange(report).first, dayRange(report).last, importedAt).lastInsertRowid,
    );
    const counts = writeRows(db, importId, format, report);
    const durationMs = Math.round(performance.now() - startedAt);
    db.prepare('UPDATE imports SET counts_json = ?, duration_ms = ? WHERE id = ?').run(JSON.stringify(counts), durationMs, importId);
    return { importId, counts, durationMs };
  });
  const { importId, counts, durationMs } = store.immediate();
  log.info('traffic report committed', { importId, file: file.fileName, format, rows: counts.trafficRows });

  return {
    kind: 'traffic',
    ...counts,
    importId,
    existingImportId: null,
    fileName: file.fileName,
    fileSha256: file.sha256,
    fileBytes: file.fileBytes,
    format: format as ImportSummary['format'],
    encoding: inspected.encoding,
    delimiter: inspected.delimiter,
    mapping,
    alreadyImported: false,
    firstOrderAt: toIso(dayRange(report).first),
    lastOrderAt: toIso(dayRange(report).last),
    importedAt,
    durationMs,
  };
}

function writeRows(db: Db, importId: number, format: string, report: TrafficReport) {
  const matcher = new TrafficItemMatcher(db, importId);
  const upsert = db.prepare(
    `INSERT INTO traffic_daily (item_id, day, source, days, impressions, clicks, visitors, page_views, add_to_carts,
       orders, units, revenue, import_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (item_id, day, source) DO UPDATE SET days = excluded.days, impressions = excluded.impressions,
       clicks = excluded.clicks, visitors = excluded.visitors, page_views = excluded.page_views,
       add_to_carts = excluded.add_to_carts, orders = excluded.orders, units = excluded.units,
       revenue = excluded.revenue, import_id = excluded.import_id`,
  );
  const insertRejected = db.prepare('INSERT INTO rejected_rows (import_id, line_number, reason, params_json, raw) VALUES (?, ?, ?, ?, ?)');

  const seen = new Set<string>();
  const items = new Set<number>();
  let duplicates = 0;
  for (const row of report.rows) {
    const itemId = matcher.itemId(row);
    const key = `${itemId}|${row.day}`;
    if (seen.has(key)) duplicates++;
    seen.add(key);
    items.add(itemId);
    const m = row.metrics;
    upsert.run(itemId, row.day, format, row.days, m.impressions, m.clicks, m.visitors, m.pageViews, m.addToCarts, m.orders, m.units, m.revenue, importId);
  }
  for (const rejection of report.rejected) {
    insertRejected.run(importId, rejection.lineNumber, `rejected.${rejection.reason}`, JSON.stringify(rejection.params), rejection.raw);
  }

  return {
    rows: report.rowsRead,
    lineItems: 0,
    returns: 0,
    rejected: report.rejected.length,
    duplicates,
    anonymousLines: 0,
    orders: 0,
    customers: 0,
    items: items.size,
    trafficRows: report.rows.length - duplicates,
  };
}

function dayRange(report: TrafficReport): { first: number | null; last: number | null } {
  let first: number | null = null;
  let last: number | null = null;
  for (const row of report.rows) {
    const start = Date.parse(row.day) / 1000;
    const end = start + (row.days - 1) * 86_400;
    if (first === null || start < first) first = start;
    if (last === null || end > last) last = end;
  }
  return { first, last };
}

function toIso(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}

function noUsableRows(report: TrafficReport, file: ImportedFile): ShopRecError {
  const first = report.rejected[0];
  if (!first) return new ShopRecError('file.empty', { file: file.fileName });
  return new ShopRecError('file.noUsableRows', {
    ...first.params,
    file: file.fileName,
    rows: report.rowsRead,
    line: first.lineNumber,
    reason: `rejected.${first.reason}`,
  });
}

/** Hashes the file, skips bytes imported before, and stores the traffic report. */
export async function importTrafficReport(
  db: Db,
  filePath: string,
  inspected: InspectedFile,
  format: string,
  options: { fileName: string; startedAt: number; signal?: AbortSignal | undefined },
): Promise<ImportSummary> {
  const digest = await hashFile(filePath, options.fileName, options.signal);
  const earlier = findImportBySha256(db, digest.sha256);
  if (earlier) return asAlreadyImported(earlier, options.fileName);

  const file = { fileName: options.fileName, sha256: digest.sha256, fileBytes: digest.bytes };
  return importTrafficFile(db, filePath, inspected, format, file, options.startedAt);
}
