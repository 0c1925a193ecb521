/**
 * Uploaded files the browser mode keeps after their import, named by upload id. A file whose
 * import failed because its columns need a mapping stays in the server's scratch folder, so the
 * window can preview it and import it again with the merchant's mapping; every other upload is
 * deleted when its import ends. The scratch folder, and any file still kept, goes when the
 * server stops.
 */
import path from 'node:path';

import type { JobView } from '../api/contract.ts';
import type { ErrorCode } from '../api/errors.ts';
import { createLogger } from '../core/log.ts';
import type { UploadSources } from '../service/api-handlers.ts';
import { removeUpload } from './upload.ts';

const log = createLogger('uploads');

/** Import errors the merchant can fix by mapping the columns. */
const NEEDS_MAPPING: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['file.unrecognisedColumns', 'file.missingColumn']);

export class UploadRegistry implements UploadSources {
  private readonly files = new Map<string, { path: string; name: string }>();

  /** Registers a received upload; its id is the name of the upload's own folder. */
  add(filePath: string, name: string): string {
    const uploadId = path.basename(path.dirname(filePath));
    this.files.set(uploadId, { path: filePath, name });
    return uploadId;
  }

  resolve(uploadId: string): { path: string; name: string } | null {
    return this.files.get(uploadId) ?? null;
  }

  settled(uploadId: string, job: JobView): void {
    const file = this.files.get(uploadId);
    if (!file) return;
    if (job.state === 'failed' && job.error && NEEDS_MAPPING.has(job.error.code)) return;

    this.files.delete(uploadId);
    removeUpload(file.path).catch((error: unknown) => log.warn('upload not deleted', { uploadId, error: String(error) }));
  }
}
