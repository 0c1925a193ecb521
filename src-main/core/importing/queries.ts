import type {
  ColumnMapping,
  ImportCounts,
  ImportSummary,
  RejectedRowView,
  SourceFormat,
  TextEncoding,
} from '../../api/contract.ts';
import { isTrafficFormat } from '../ingest/traffic/profiles.ts';
import type { Db } from '../store/database.ts';

interface ImportRow {
  id: number;
  file_name: string;
  file_sha256: string;
  file_bytes: number;
  format: string;
  encoding: string;
  delimiter: string;
  mapping_json: string;
  counts_json: string;
  first_order_at: number | null;
  last_order_at: number | null;
  imported_at: string;
  duration_ms: number;
}

interface RejectedRowRecord {
  import_id: number;
  line_number: number;
  reason: string;
  params_json: string;
  raw: string;
}

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/** Lists every committed import, newest first. */
export function listImports(db: Db): ImportSummary[] {
  const rows = db.prepare('SELECT * FROM imports ORDER BY id DESC').all() as ImportRow[];
  return rows.map(toImportSummary);
}

/** Finds the import of the file with this SHA-256, or null when those bytes were never imported. */
export function findImportBySha256(db: Db, sha256: string): ImportSummary | null {
  const row = db.prepare('SELECT * FROM imports WHERE file_sha256 = ?').get(sha256) as ImportRow | undefined;
  return row ? toImportSummary(row) : null;
}

/**
 * Lists the rejected rows of one import in line order, one page at a time. The page size is
 * clamped to 1..1000 and defaults to 100; an unknown import yields an empty list.
 */
export function listRejectedRows(
  db: Db,
  importId: number,
  page: { offset?: number; limit?: number } = {},
): RejectedRowView[] {
  const offset = Math.max(0, Math.floor(page.offset ?? 0));
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(page.limit ?? DEFAULT_PAGE_SIZE)));

  const rows = db
    .prepare(
      `SELECT import_id, line_number, reason, params_json, raw FROM rejected_rows
       WHERE import_id = ? ORDER BY line_number LIMIT ? OFFSET ?`,
    )
    .all(importId, limit, offset) as RejectedRowRecord[];

  return rows.map((row) => ({
    importId: row.import_id,
    lineNumber: row.line_number,
    reason: row.reason,
    params: JSON.parse(row.params_json) as Record<string, string | number>,
    raw: row.raw,
  }));
}

function toImportSummary(row: ImportRow): ImportSummary {
  const counts = JSON.parse(row.counts_json) as ImportCounts & { trafficRows?: number };
  return {
    kind: isTrafficFormat(row.format) ? 'traffic' : 'orders',
    trafficRows: counts.trafficRows ?? 0,
    rows: counts.rows,
    lineItems: counts.lineItems,
    returns: counts.returns,
    rejected: counts.rejected,
    duplicates: counts.duplicates,
    anonymousLines: counts.anonymousLines,
    orders: counts.orders,
    customers: counts.customers,
    items: counts.items,
    ...(counts.returnOnlyOrders === undefined ? {} : { returnOnlyOrders: counts.returnOnlyOrders }),
    importId: row.id,
    existingImportId: null,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    fileBytes: row.file_bytes,
    format: row.format as SourceFormat,
    encoding: row.encoding as TextEncoding,
    delimiter: row.delimiter,
    mapping: JSON.parse(row.mapping_json) as ColumnMapping,
    alreadyImported: false,
    firstOrderAt: toIso(row.first_order_at),
    lastOrderAt: toIso(row.last_order_at),
    importedAt: row.imported_at,
    durationMs: row.duration_ms,
  };
}

/** Formats a stored Unix-seconds time as ISO 8601 UTC. */
export function toIso(unixSeconds: number | null): string | null {
  return unixSeconds === null ? null : new Date(unixSeconds * 1000).toISOString();
}
