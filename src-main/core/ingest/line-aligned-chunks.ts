/**
 * Cuts file chunks after their last line feed, so that each decoded chunk mostly ends where a
 * record ends. The CSV reader then starts each chunk on a fresh buffer instead of copying the
 * unread tail of the previous chunk in front of it. Only for encodings where a 0x0A byte is
 * always a line feed: UTF-8, GB18030 (whose trail bytes are 0x30 and up) and Windows-1252, not
 * UTF-16.
 */
import type { TextEncoding } from '../../api/contract.ts';

const LF = 0x0a;

export interface LineAlignedChunks {
  /** Returns the bytes of the carried tail and `chunk` up to and including their last line feed. */
  take(chunk: Buffer): Buffer;
  /** Returns the bytes after the last line feed, at the end of input. */
  rest(): Buffer;
}

export function createLineAlignedChunks(encoding: TextEncoding): LineAlignedChunks | null {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return null;
  let carried: Buffer | null = null;

  return {
    take(chunk) {
      const bytes = carried === null ? chunk : Buffer.concat([carried, chunk]);
      const lastLf = bytes.lastIndexOf(LF);
      // A chunk without a line feed lies inside one long record, so it passes whole.
      if (lastLf === -1 || lastLf === bytes.length - 1) {
        carried = null;
        return bytes;
      }
      // A copy, so that the carried bytes do not keep the whole chunk in memory.
      carried = Buffer.from(bytes.subarray(lastLf + 1));
      return bytes.subarray(0, lastLf + 1);
    },
    rest() {
      const tail = carried ?? Buffer.alloc(0);
      carried = null;
      return tail;
    },
  };
}
