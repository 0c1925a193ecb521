/** Opens an export as a stream of its text bytes, unpacking gzip, with the byte count for progress. */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Container } from './sniff-container.ts';

const READ_CHUNK_BYTES = 1024 * 1024;

export interface InputStream {
  stream: Readable;
  bytesRead(): number;
  countPlainBytes(length: number): void;
}

/** Opens the file as a stream of text bytes, counting file bytes (compressed ones for gzip) for progress. */
export function openInput(filePath: string, container: Container): InputStream {
  let bytes = 0;
  const file = createReadStream(filePath, { highWaterMark: READ_CHUNK_BYTES });
  if (container === 'plain') {
    return { stream: file, bytesRead: () => bytes, countPlainBytes: (length) => (bytes += length) };
  }

  file.on('data', (chunk: Buffer | string) => (bytes += chunk.length));
  const gunzip = pipeline(file, createGunzip({ chunkSize: READ_CHUNK_BYTES }), () => undefined);
  return { stream: gunzip, bytesRead: () => bytes, countPlainBytes: () => undefined };
}
