/** Opens an export as a stream of its text bytes, unpacking gzip, with the byte count for progress. */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Container } from './sniff-container.ts';

/**
 * Bytes per read. Node 20 turns Latin-1 text of 1,031,913 characters or more into an external
 * V8 string. The CSV reader's cells are slices of a chunk's text, and a profile showed V8
 * hashing and comparing slices of external text on a slower path. So chunks, with the partial
 * line carried over from the chunk before, stay below that size unless a record is longer than
 * about 110 KB. Parsing the UCI file in one thread took 556 to
 * 564 ms with 896 KiB chunks and 597 to 628 ms with 1 MiB chunks (best of 5 passes, 2 runs each).
 */
const READ_CHUNK_BYTES = 896 * 1024;

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
