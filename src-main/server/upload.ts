/**
 * Receives an uploaded order export: the request body is streamed to a temporary file and
 * never held in memory, and the upload stops with `request.tooLarge` once it passes the limit.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { ShopRecError } from '../core/errors.ts';

/** Default upload limit: 2 GiB, far above a year of orders of a small shop. */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

const MAX_NAME_LENGTH = 200;

/** Reduces the merchant's file name to a plain base name that is safe inside a temporary path. */
export function safeFileName(name: string | null): string {
  const base = path.basename((name ?? '').replace(/\\/g, '/')).replace(/[\0-\x1f<>:"|?*]/g, '_').trim();
  if (base === '' || base === '.' || base === '..') return 'upload.csv';
  return base.slice(-MAX_NAME_LENGTH);
}

export function formatLimit(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${bytes} bytes`;
}

class ByteLimit extends Transform {
  private seen = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      callback(new ShopRecError('request.tooLarge', { limit: formatLimit(this.limit) }));
      return;
    }
    callback(null, chunk);
  }
}

/**
 * Writes the body of `request` to `fileName` inside a new folder in `folder`, and returns the
 * file's path. The file keeps the merchant's name because the engine names it in its messages.
 * A partial upload is deleted when it fails or is too large; `removeUpload` deletes a finished one.
 */
export async function receiveUpload(
  request: IncomingMessage,
  folder: string,
  fileName: string,
  maxBytes: number,
): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new ShopRecError('request.tooLarge', { limit: formatLimit(maxBytes) });
  }

  const uploadDir = path.join(folder, randomUUID());
  await mkdir(uploadDir);
  const target = path.join(uploadDir, fileName);
  try {
    await pipeline(request, new ByteLimit(maxBytes), createWriteStream(target, { flags: 'wx' }));
  } catch (error) {
    await rm(uploadDir, { recursive: true, force: true });
    throw error;
  }
  return target;
}

export async function removeUpload(uploadedFile: string): Promise<void> {
  await rm(path.dirname(uploadedFile), { recursive: true, force: true });
}
