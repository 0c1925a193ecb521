/**
 * Container sniffing by magic bytes, never by file extension: merchants rename files, and
 * platforms hand out `.csv` names for XLSX workbooks. Reads only the start of the file; gzip
 * files are unpacked up to the sample size so the text layer sees the same bytes either way.
 */
import { open, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { ShopRecError } from '../errors.ts';

export type Container = 'plain' | 'gzip' | 'xlsx';

export interface SniffedFile {
  container: Container;
  fileBytes: number;
  /** The first bytes of the text (unpacked for gzip). */
  sample: Buffer;
  /** True when the sample holds the whole text. */
  sampleIsComplete: boolean;
}

export const SAMPLE_BYTES = 64 * 1024;

const SIGNATURES: ReadonlyArray<{ bytes: number[]; kind: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'PNG' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'JPEG' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'GIF' },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: 'PDF' },
  { bytes: [0x52, 0x61, 0x72, 0x21], kind: 'RAR' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], kind: '7z' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], kind: 'SQLite' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'ELF' },
];

/** Reads the start of the file and classifies it; throws ShopRecError for anything but text. */
export async function sniffContainer(filePath: string): Promise<SniffedFile> {
  const file = basename(filePath);
  const fileBytes = await statFile(filePath);
  const head = await readHead(filePath, SAMPLE_BYTES);
  if (head.length === 0) throw new ShopRecError('file.empty', { file });

  if (isZip(head)) return { container: 'xlsx', fileBytes, sample: head, sampleIsComplete: head.length >= fileBytes };
  rejectNonTextContainers(head, file);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const unpacked = await readGzipSample(filePath, SAMPLE_BYTES);
    return { container: 'gzip', fileBytes, ...unpacked };
  }

  return { container: 'plain', fileBytes, sample: head, sampleIsComplete: head.length >= fileBytes };
}

/**
 * Throws for legacy Excel workbooks (OLE2, .xls), zip files and other binary formats recognised
 * by their first bytes. XLSX workbooks are zip files and are read by the caller before this check.
 */
export function rejectNonTextContainers(head: Buffer, file: string): void {
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) throw new ShopRecError('file.spreadsheetNotSupported', { file });
  if (isZip(head)) throw new ShopRecError('file.binary', { file, kind: 'ZIP' });
  for (const signature of SIGNATURES) {
    if (startsWith(head, signature.bytes)) throw new ShopRecError('file.binary', { file, kind: signature.kind });
  }
}

async function statFile(filePath: string): Promise<number> {
  try {
    const info = await stat(filePath);
    if (!info.isFile()) throw new ShopRecError('file.notFound', { file: basename(filePath) });
    return info.size;
  } catch (error) {
    if (error instanceof ShopRecError) throw error;
    throw toFileError(error, filePath);
  }
}

async function readHead(filePath: string, length: number): Promise<Buffer> {
  try {
    const handle = await open(filePath, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw toFileError(error, filePath);
  }
}

async function readGzipSample(
  filePath: string,
  length: number,
): Promise<{ sample: Buffer; sampleIsComplete: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  const source = createReadStream(filePath, { highWaterMark: 16 * 1024 });
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));

  try {
    for await (const chunk of source.pipe(gunzip) as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= length) break;
    }
  } catch (error) {
    throw new ShopRecError('file.compressedCorrupt', { file: basename(filePath) }, { cause: error });
  } finally {
    source.destroy();
    gunzip.destroy();
  }

  const sample = Buffer.concat(chunks);
  return { sample: sample.subarray(0, length), sampleIsComplete: sample.length < length };
}

/** Maps a file-system error to the merchant-facing code. */
export function toFileError(error: unknown, filePath: string): ShopRecError {
  const file = basename(filePath);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ShopRecError('file.notFound', { file }, { cause: error });
  return new ShopRecError('file.unreadable', { file, reason: code ?? String(error) }, { cause: error });
}

function isZip(head: Buffer): boolean {
  return startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
}

function startsWith(buffer: Buffer, bytes: readonly number[]): boolean {
  if (buffer.length < bytes.length) return false;
  return bytes.every((byte, index) => buffer[index] === byte);
}
