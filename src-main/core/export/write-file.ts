import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

import type { ExportEncoding } from '../../api/contract.ts';
import { ShopRecError, throwIfCancelled } from '../errors.ts';
import type { LongWorkOptions } from '../progress.ts';
import { encodeText, encodingPreamble } from './encode.ts';

/** Rows are buffered up to this many characters before each write. */
const FLUSH_CHARS = 64 * 1024;

export interface TextChunk {
  text: string;
  done: number;
  total: number;
}

/**
 * Writes text chunks to `target` in `encoding`. The file is written under a temporary name in
 * the target folder and renamed at the end, so a failed or cancelled export leaves no partial
 * file and never replaces an earlier one halfway. Returns the size of the file in bytes.
 */
export async function writeFileAtomically(
  target: string,
  chunks: Iterable<TextChunk>,
  encoding: ExportEncoding,
  options: LongWorkOptions,
): Promise<number> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let file: FileHandle | null = null;
  try {
    file = await open(temporary, 'wx').catch((error: unknown) => rethrowWriteError(error, target));
    const handle = file;
    const write = (bytes: Buffer): Promise<unknown> => handle.write(bytes).catch((error: unknown) => rethrowWriteError(error, target));

    await write(encodingPreamble(encoding));
    let buffer = '';
    for (const { text, done, total } of chunks) {
      buffer += text;
      if (buffer.length < FLUSH_CHARS) continue;
      await write(encodeText(buffer, encoding));
      buffer = '';
      throwIfCancelled(options.signal);
      options.onProgress?.('export.write', done, total);
    }
    await write(encodeText(buffer, encoding));
    await file.close().catch((error: unknown) => rethrowWriteError(error, target));
    file = null;
    throwIfCancelled(options.signal);
    await rename(temporary, target).catch((error: unknown) => rethrowWriteError(error, target));
  } catch (error) {
    await file?.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }

  return (await stat(target)).size;
}

function rethrowWriteError(error: unknown, file: string): never {
  const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
  throw new ShopRecError('export.writeFailed', { file, reason }, { cause: error });
}
