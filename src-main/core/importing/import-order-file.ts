import path from 'node:path';

import type { ColumnMapping, ImportSummary } from '../../api/contract.ts';
import { openOrderExport } from '../ingest/open-order-export.ts';
import type { OrderExportReader } from '../ingest/types.ts';
import { createLogger } from '../log.ts';
import type { LongWorkOptions } from '../progress.ts';
import type { Db } from '../store/database.ts';
import { hashFile, type FileDigest } from './hash-file.ts';
import { findImportBySha256 } from './queries.ts';
import { importTrafficReport } from './import-traffic-file.ts';
import { planImport, rememberMapping } from './plan-import.ts';
import { asAlreadyImported, storeOrderExport } from './store-order-export.ts';

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
  const parsed = opened.reader;
  const reader = options.transformReader ? options.transformReader(parsed) : parsed;

  log.info('import started', { file: fileName, bytes: digest.bytes });
  try {
    const summary = await storeOrderExport(db, reader, { fileName, sha256: digest.sha256, fileBytes: digest.bytes }, { ...options, startedAt });
    rememberMapping(db, plan, summary);
    return summary;
  } finally {
    parsed.close?.();
  }
}
