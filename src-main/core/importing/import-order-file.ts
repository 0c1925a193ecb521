import path from 'node:path';

import type { ColumnMapping, ImportSummary, TextEncoding } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import { openOrderExport } from '../ingest/open-order-export.ts';
import type { OrderExportReader } from '../ingest/types.ts';
import { createLogger } from '../log.ts';
import type { LongWorkOptions } from '../progress.ts';
import type { Db } from '../store/database.ts';
import { hashFile, type FileDigest } from './hash-file.ts';
import { findImportBySha256 } from './queries.ts';
import { importTrafficReport } from './import-traffic-file.ts';
import { planImport, rememberMapping } from './plan-import.ts';
import { asAlreadyImported, storeOrderExport, type ImportedFile } from './store-order-export.ts';

const log = createLogger('importing');

/** Rewrites the lines of a reader before they are stored, such as customer IDs into pseudonyms. */
export type ReaderTransform = (reader: OrderExportReader) => OrderExportReader;

/**
 * Imports one order export file into the workspace database. The same bytes imported a second
 * time add nothing: the summary then has `alreadyImported` true and points at the earlier
 * import. A file that cannot be read or parsed fails before anything is written; a failure or
 * cancellation later on rolls the whole import back.
 *
 * `displayName` is the name stored and shown for the file, for hosts that import a temporary
 * copy (an upload) of the merchant's file. `batchSize` is the number of rows parsed and stored
 * per synchronous step (default 5,000); smaller steps make cancellation react sooner. Large
 * files are parsed in a worker thread while this thread stores the batches already parsed.
 * `transformReader` rewrites the parsed lines before they are stored.
 *
 * Encoding detection reads only the start of a file. When a file taken for UTF-8 has bytes
 * further down that are not UTF-8 after an all-ASCII start, the import is rolled back. It then
 * runs once more in the encoding those bytes suggest (Windows-1252 or GB18030), and the summary
 * reports that encoding. After non-ASCII UTF-8 text it fails with `file.invalidUtf8` instead.
 */
export async function importOrderFile(
  db: Db,
  filePath: string,
  options: LongWorkOptions & {
    displayName?: string;
    batchSize?: number;
    transformReader?: ReaderTransform;
    mapping?: ColumnMapping;
  } = {},
): Promise<ImportSummary> {
  const startedAt = performance.now();
  const fileName = options.displayName ?? path.basename(filePath);

  const plan = await planImport(db, filePath, fileName, options.mapping);
  if (plan.kind === 'traffic') {
    return importTrafficReport(db, filePath, plan.inspected, plan.trafficFormat as string, { fileName, startedAt, signal: options.signal });
  }

  // Detection and the parse worker's start-up overlap the hashing; their errors wait for it.
  const opening = openOrderExport(filePath, {
    signal: options.signal,
    batchSize: options.batchSize,
    parseInWorker: true,
    ...(plan.mapping ? { mapping: plan.mapping } : {}),
  }).then(
    (reader) => ({ reader, error: null }),
    (error: unknown) => ({ reader: null, error }),
  );
  let digest: FileDigest;
  try {
    digest = await hashFile(filePath, fileName, options.signal);
  } catch (error) {
    void opening.then((opened) => opened.reader?.close?.());
    throw error;
  }

  const earlier = findImportBySha256(db, digest.sha256);
  const opened = await opening;
  if (earlier) {
    opened.reader?.close?.();
    log.info('file already imported', { file: fileName, existingImportId: earlier.importId });
    return asAlreadyImported(earlier, fileName);
  }
  if (opened.reader === null) throw opened.error;

  log.info('import started', { file: fileName, bytes: digest.bytes });
  const file = { fileName, sha256: digest.sha256, fileBytes: digest.bytes };
  let summary: ImportSummary;
  try {
    summary = await storeParsed(db, opened.reader, file, { ...options, startedAt });
  } catch (error) {
    // The failed attempt was rolled back, so importing again in the encoding it named is safe.
    const encoding = legacyEncodingToRetry(error);
    if (encoding === null) throw error;
    log.info('file is not UTF-8 after its start, importing it again', { file: fileName, line: (error as ShopRecError).params.line, encoding });
    const again = await openOrderExport(filePath, {
      signal: options.signal,
      batchSize: options.batchSize,
      parseInWorker: true,
      encoding,
      ...(plan.mapping ? { mapping: plan.mapping } : {}),
    });
    summary = await storeParsed(db, again, file, { ...options, startedAt });
  }
  rememberMapping(db, plan, summary);
  return summary;
}

async function storeParsed(
  db: Db,
  parsed: OrderExportReader,
  file: ImportedFile,
  options: LongWorkOptions & { transformReader?: ReaderTransform; startedAt: number },
): Promise<ImportSummary> {
  const reader = options.transformReader ? options.transformReader(parsed) : parsed;
  try {
    return await storeOrderExport(db, reader, file, options);
  } finally {
    parsed.close?.();
  }
}

/**
 * Returns the encoding to import a file again in, when the import failed on bytes that are not
 * UTF-8 after a start that detection read as UTF-8 and that was all ASCII. Only the UTF-8 attempt
 * can raise `file.invalidUtf8`, so a second attempt never leads to a third.
 */
function legacyEncodingToRetry(error: unknown): TextEncoding | null {
  if (!(error instanceof ShopRecError) || error.code !== 'file.invalidUtf8') return null;
  const encoding = error.params.legacyEncoding;
  return encoding === 'windows-1252' || encoding === 'gb18030' ? encoding : null;
}
