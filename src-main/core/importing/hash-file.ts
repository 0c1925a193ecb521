import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

import { CancelledError, ShopRecError } from '../errors.ts';

export interface FileDigest {
  sha256: string;
  bytes: number;
}

/**
 * Computes the SHA-256 of a file's bytes as they are on disk (compressed bytes for .gz files),
 * streaming it so that large exports never sit in memory whole. Errors name the file by
 * `fileName`, the name shown to the merchant.
 */
export async function hashFile(filePath: string, fileName: string, signal?: AbortSignal): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;

  try {
    for await (const chunk of createReadStream(filePath, { highWaterMark: 1 << 20, signal })) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      bytes += buffer.length;
    }
  } catch (error) {
    throw toFileError(error, fileName);
  }

  return { sha256: hash.digest('hex'), bytes };
}

function toFileError(error: unknown, fileName: string): unknown {
  if (error instanceof Error && error.name === 'AbortError') return new CancelledError();
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new ShopRecError('file.notFound', { file: fileName }, { cause: error });
  if (code === 'EACCES' || code === 'EISDIR' || code === 'EPERM' || code === 'EBUSY') {
    return new ShopRecError('file.unreadable', { file: fileName, reason: code }, { cause: error });
  }
  return error;
}
