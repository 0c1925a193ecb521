import path from 'node:path';

import type { ImportCounts, ImportSummary } from '../../api/contract.ts';
import { CancelledError, ShopRecError, throwIfCancelled } from '../errors.ts';
import type { DetectedLayout, OrderExportReader, RejectedRow } from '../ingest/types.ts';
import { createLogger } from '../log.ts';
import type { LongWorkOptions } from '../progress.ts';
import type { Db } from '../store/database.ts';
import { DeferredIndexes } from '../store/deferred-indexes.ts';
import { OrderLineWriter, type WrittenCounts } from './order-line-writer.ts';
import { findImportBySha256, toIso } from './queries.ts';
import { WriteTransaction } from './write-transaction.ts';

const log = createLogger('importing');

/** The file an import reads, as hashed before parsing. */
export interface ImportedFile {
  fileName: string;
  sha256: string;
  fileBytes: number;
}

/**
 * Stores everything `reader` yields as one import, inside one write transaction. Any way out
 * other than success (a parse error, cancellation, a full disk, a file with no usable row)
 * rolls the transaction back, so the workspace contains either the whole import or nothing of it.
 * `startedAt` (a `performance.now()` value) lets the duration include the hashing before.
 */
export async function storeOrderExport(
  db: Db,
  reader: OrderExportReader,
  file: ImportedFile,
  options: LongWorkOptions & { startedAt?: number } = {},
): Promise<ImportSummary> {
  const startedAt = options.startedAt ?? performance.now();
  const restoreForeignKeys = suspendForeignKeys(db);
  const restoreSqliteMemory = boundImportMemory(db);
  let transaction: WriteTransaction | null = null;

  try {
    transaction = WriteTransaction.begin(db);
    const earlier = findImportBySha256(db, file.sha256);
    if (earlier) {
      transaction.rollback();
      return asAlreadyImported(earlier, file.fileName);
    }

    const importId = insertImportRow(db, file, reader.layout);
    const { counts, firstRejected } = await writeBatches(db, reader, importId, options);
    checkSomethingUsable(counts, file, firstRejected);

    const importedAt = new Date().toISOString();
    const durationMs = Math.round(performance.now() - startedAt);
    completeImportRow(db, importId, counts, importedAt, durationMs);
    transaction.commit();
    return summarise(importId, file, reader.layout, counts, importedAt, durationMs);
  } catch (error) {
    transaction?.rollback();
    const reported = toStorageError(error, db);
    logRollback(file, reported);
    throw reported;
  } finally {
    restoreSqliteMemory();
    restoreForeignKeys();
  }
}

/**
 * Writes every batch, one synchronous step per batch, with cancellation checked in between.
 * The writer finishes, and frees its fingerprint set, before the indexes are sorted.
 */
async function writeBatches(
  db: Db,
  reader: OrderExportReader,
  importId: number,
  options: LongWorkOptions,
): Promise<{ counts: WrittenCounts; firstRejected: RejectedRow[] }> {
  const writer = new OrderLineWriter(db, importId, reader.layout.format);
  let deferred: DeferredIndexes | null = null;
  let first = true;
  let lines = 0;

  for await (const batch of reader.batches()) {
    throwIfCancelled(options.signal);
    // The reader reads ahead of the lines it has parsed, so the first estimates run low (about
    // 230,000 lines for the 540,000 of the UCI file) and are refined with every batch.
    lines += batch.lines.length;
    const expectedLines = estimateFileLines(lines, batch.bytesRead, reader.fileBytes);
    writer.reserveFingerprints(expectedLines);
    if (first && shouldDeferEventIndexes(db, expectedLines)) deferred = DeferredIndexes.drop(db, 'events');
    first = false;

    writer.writeBatch(batch);
    options.onProgress?.('import.read', batch.bytesRead, reader.fileBytes);
  }
  throwIfCancelled(options.signal);

  const counts = writer.finish();
  deferred?.rebuild();
  return { counts, firstRejected: writer.firstRejected };
}

/**
 * Turns off foreign key checks for the import and returns the function that restores them.
 * Every id the import writes was read back from the same transaction a moment before, or is
 * the new import's own id, so checking each one again only costs time. In our measurement of a
 * load of 540,000 events the checks took about 30% of the insert time. The pragma is a no-op inside a
 * transaction, so this runs before BEGIN and the restore after COMMIT or ROLLBACK.
 */
function suspendForeignKeys(db: Db): () => void {
  const wasOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (wasOn) db.pragma('foreign_keys = OFF');
  return () => {
    if (wasOn) db.pragma('foreign_keys = ON');
  };
}

/** SQLite page cache for an import, in KiB (a negative cache_size counts KiB, not pages). */
const IMPORT_CACHE_KIB = 16 * 1024;

/**
 * Bounds the memory SQLite uses during an import, and returns the function that restores
 * the connection's settings. An index rebuild sorts in memory up to about cache_size and then
 * writes sorted runs to temporary storage. With temp_store=MEMORY that storage was memory too,
 * so sorting millions of events grew with the file; with FILE the operating system caches it.
 * Appending events needs few cached pages, and rebuilding the events indexes over 530,000 UCI
 * events was no slower with 16 MiB than with the workspace's 64 MiB in our measurement. Both
 * pragmas are set outside the transaction, because changing temp_store drops the connection's
 * temporary tables (the app creates none).
 */
function boundImportMemory(db: Db): () => void {
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('temp_store = FILE');
  db.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
  return () => {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`temp_store = ${tempStore}`);
  };
}

function logRollback(file: ImportedFile, error: unknown): void {
  if (error instanceof CancelledError) log.info('import cancelled and rolled back', { file: file.fileName });
  else log.warn('import failed and rolled back', { file: file.fileName, error: errorCode(error) });
}

/** Builds the summary for bytes imported before: the earlier import's counts, and nothing added now. */
export function asAlreadyImported(earlier: ImportSummary, fileName: string): ImportSummary {
  return { ...earlier, fileName, importId: null, existingImportId: earlier.importId, alreadyImported: true };
}

function insertImportRow(db: Db, file: ImportedFile, layout: DetectedLayout): number {
  const result = db
    .prepare(
      `INSERT INTO imports (file_name, file_sha256, file_bytes, format, encoding, delimiter, mapping_json,
         counts_json, imported_at, duration_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, '{}', ?, 0)`,
    )
    .run(
      file.fileName,
      file.sha256,
      file.fileBytes,
      layout.format,
      layout.encoding,
      layout.delimiter,
      JSON.stringify(layout.mapping),
      new Date().toISOString(),
    );
  return Number(result.lastInsertRowid);
}

function completeImportRow(db: Db, importId: number, counts: WrittenCounts, importedAt: string, durationMs: number): void {
  db.prepare(
    `UPDATE imports SET counts_json = ?, first_order_at = ?, last_order_at = ?, imported_at = ?, duration_ms = ?
     WHERE id = ?`,
  ).run(JSON.stringify(importCounts(counts)), counts.firstOrderAt, counts.lastOrderAt, importedAt, durationMs, importId);
}

/**
 * Throws when the file added nothing at all. A file whose every row was rejected is rolled
 * back, so its rejected rows are not kept. The error carries the first one instead: its line
 * number, its reason as a message key under `rejected.` (the catalogues render it inside the
 * error message) and that reason's own parameters, such as `value`. A file with only blank rows
 * is empty. A file where every line was a duplicate is a valid import that added nothing.
 */
function checkSomethingUsable(counts: WrittenCounts, file: ImportedFile, firstRejected: RejectedRow[]): void {
  if (counts.lineItems + counts.returns + counts.duplicates > 0) return;

  const first = firstRejected[0];
  if (!first) throw new ShopRecError('file.empty', { file: file.fileName });
  throw new ShopRecError('file.noUsableRows', {
    ...first.params,
    file: file.fileName,
    rows: counts.rows,
    line: first.lineNumber,
    reason: `rejected.${first.reason}`,
  });
}

/**
 * Maps the SQLite errors a merchant can act on to ShopRec errors. SQLITE_BUSY means another
 * process held the write lock for longer than busy_timeout.
 */
function toStorageError(error: unknown, db: Db): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL') return new ShopRecError('workspace.diskFull', {}, { cause: error });
  if (code === 'SQLITE_BUSY') return new ShopRecError('workspace.locked', { path: path.dirname(db.name) }, { cause: error });
  return error;
}

function errorCode(error: unknown): string {
  if (error instanceof ShopRecError) return error.code;
  return error instanceof Error ? error.message : String(error);
}

function importCounts(counts: WrittenCounts): ImportCounts {
  return {
    rows: counts.rows,
    lineItems: counts.lineItems,
    returns: counts.returns,
    rejected: counts.rejected,
    duplicates: counts.duplicates,
    anonymousLines: counts.anonymousLines,
    orders: counts.orders,
    customers: counts.customers,
    items: counts.items,
    returnOnlyOrders: counts.returnOnlyOrders ?? 0,
  };
}

function summarise(
  importId: number,
  file: ImportedFile,
  layout: DetectedLayout,
  counts: WrittenCounts,
  importedAt: string,
  durationMs: number,
): ImportSummary {
  log.info('import committed', { importId, file: file.fileName, durationMs, ...importCounts(counts) });
  return {
    kind: 'orders',
    trafficRows: 0,
    ...importCounts(counts),
    importId,
    existingImportId: null,
    fileName: file.fileName,
    fileSha256: file.sha256,
    fileBytes: file.fileBytes,
    format: layout.format,
    encoding: layout.encoding,
    delimiter: layout.delimiter,
    mapping: layout.mapping,
    alreadyImported: false,
    firstOrderAt: toIso(counts.firstOrderAt),
    lastOrderAt: toIso(counts.lastOrderAt),
    importedAt,
    durationMs,
  };
}

/**
 * Estimates the order lines of a whole file from the lines parsed so far, by scaling their count
 * by the file's bytes over the bytes read (compressed bytes for both, for .gz files).
 */
function estimateFileLines(linesSoFar: number, bytesRead: number, fileBytes: number): number {
  return Math.round(linesSoFar * (fileBytes / Math.max(bytesRead, 1)));
}

/**
 * Decides whether dropping the events indexes pays off: when the file is expected to add at
 * least as many events as the workspace holds. `MAX(id)` replaces the row count because it is
 * an index lookup, not a scan.
 */
function shouldDeferEventIndexes(db: Db, expectedLines: number): boolean {
  const existing = (db.prepare('SELECT MAX(id) AS maxId FROM events').get() as { maxId: number | null }).maxId ?? 0;
  return expectedLines >= existing;
}
