/**
 * Turns an invalid UTF-8 sequence met while streaming a file that detection took for UTF-8 into
 * the merchant's error. Detection reads only the start of a file, so an export that is ASCII
 * there can still hold Windows-1252 or GB18030 bytes further down (an Excel export with one `É`
 * in row 3,000). Storing such bytes as U+FFFD would garble the text silently, so the import stops.
 */
import { basename } from 'node:path';
import { ShopRecError } from '../errors.ts';
import { detectLegacyEncoding, type InvalidUtf8Error } from './detect-encoding.ts';
import type { Container } from './sniff-container.ts';
import { openInput } from './open-input.ts';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Builds `file.invalidUtf8` with the line of the invalid bytes. When every byte before them was
 * ASCII, the file reads the same up to there in any legacy encoding. `legacyEncoding` then names
 * the one the detector picks for the rest of the chunk, and the caller may import again with it.
 * After non-ASCII UTF-8 text the file mixes encodings and no single one decodes it correctly.
 */
export async function toInvalidUtf8FileError(
  error: InvalidUtf8Error,
  bytesBeforeChunk: number,
  chunk: Buffer,
  source: { filePath: string; container: Container },
): Promise<ShopRecError> {
  const line = 1 + (await countLineBreaksBefore(source.filePath, source.container, bytesBeforeChunk + error.offset));
  const params = { file: basename(source.filePath), line };
  if (!error.asciiBefore) return new ShopRecError('file.invalidUtf8', params, { cause: error });

  const legacyEncoding = detectLegacyEncoding(chunk.subarray(error.offset), false);
  return new ShopRecError('file.invalidUtf8', { ...params, legacyEncoding }, { cause: error });
}

/**
 * Counts the line breaks (LF, CRLF or a lone CR, as the CSV reader counts them) in the first
 * `end` text bytes of the file. It reads the file again, which only this error path pays for.
 */
async function countLineBreaksBefore(filePath: string, container: Container, end: number): Promise<number> {
  const input = openInput(filePath, container);
  let position = 0;
  let breaks = 0;
  let previous = 0;

  try {
    for await (const chunk of input.stream as AsyncIterable<Buffer>) {
      const stop = Math.min(chunk.length, end - position);
      for (let i = 0; i < stop; i++) {
        const byte = chunk[i]!;
        if (byte === LF || (previous === CR && byte !== LF)) breaks++;
        previous = byte;
      }
      position += stop;
      if (position >= end) break;
    }
  } finally {
    input.stream.destroy();
  }

  // The byte at `end` is invalid UTF-8, not a LF, so a CR just before it is a line break.
  return previous === CR ? breaks + 1 : breaks;
}
