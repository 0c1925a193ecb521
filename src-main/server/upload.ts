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

/**
 * Maximum length of a kept name in UTF-8 bytes. ext4 and APFS limit a name to 255 bytes, and a
 * name of 200 Chinese characters would need 600.
 */
const MAX_NAME_BYTES = 200;

/** Names Windows maps to devices, with or without an extension ("CON", "nul.csv", "COM1.txt"). */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/**
 * Reduces the merchant's file name to a plain base name that is safe inside a temporary path.
 * The result has no folder part, no control or reserved characters, no trailing dots or spaces
 * (Windows drops them) and is no Windows device name. Names over MAX_NAME_BYTES bytes keep
 * their end, so the extension survives, in whole characters.
 */
export function safeFileName(name: string | null): string {
  const base = path
    .basename((name ?? '').replace(/\\/g, '/'))
    .replace(/[\0-\x1f\x7f<>:"|?*]/g, '_')
    .trim()
    .replace(/[. ]+$/, '');
  if (base === '' || /^\.+$/.test(base)) return 'upload.csv';

  const kept = lastBytes(base, MAX_NAME_BYTES - 1);
  return WINDOWS_DEVICE_NAME.test(kept) ? `_${kept}` : kept;
}

/** Returns the longest end of `text`, in whole code points, whose UTF-8 encoding fits in `maxBytes`. */
function lastBytes(text: string, maxBytes: number): string {
  const characters = [...text];
  let bytes = 0;
  let start = characters.length;
  while (start > 0 && bytes + Buffer.byteLength(characters[start - 1]!, 'utf8') <= maxBytes) {
    start -= 1;
    bytes += Buffer.byteLength(characters[start]!, 'utf8');
  }
  return characters.slice(start).join('');
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
