import path from 'node:path';

import type { ImportSummary } from '../../api/contract.ts';
import { openOrderExport } from '../ingest/open-order-export.ts';
import { createLogger } from '../log.ts';
import type { LongWorkOptions } from '../progress.ts';
import type { Db } from '../store/database.ts';
import { hashFile } from './hash-file.ts';
import { findImportBySha256 } from './queries.ts';
import { asAlreadyImported, storeOrderExport } from './store-order-export.ts';

const log = createLogger('importing');

/**
 * Imports one order export file into the workspace database. The same bytes imported a second
 * time add nothing: the summary then has `alreadyImported` true and points at the earlier
 * import. A file that cannot be read or parsed fails before anything is written; a failure or
 * cancellation later on rolls the whole import back.
 *
 * `displayName` is the name stored and shown for the file, for hosts that import a temporary
 * copy (an upload) of the merchant's file. `batchSize` is the number of rows parsed and stored
 * per synchronous step (default 5,000); smaller steps make cancellation react sooner.
 */
export async function importOrderFile(
  db: Db,
  filePath: string,
  options: LongWorkOptions & { displayName?: string; batchSize?: number } = {},
): Promise<ImportSummary> {
  const startedAt = performance.now();
  const fileName = options.displayName ?? path.basename(filePath);

  const digest = await hashFile(filePath, fileName, options.signal);
  const earlier = findImportBySha256(db, digest.sha256);
  if (earlier) {
    log.info('file already imported', { file: fileName, existingImportId: earlier.importId });
    return asAlreadyImported(earlier, fileName);
  }

  log.info('import started', { file: fileName, bytes: digest.bytes });
  const reader = await openOrderExport(filePath, { signal: options.signal, batchSize: options.batchSize });
  return storeOrderExport(db, reader, { fileName, sha256: digest.sha256, fileBytes: digest.bytes }, { ...options, startedAt });
}
