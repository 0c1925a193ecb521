/**
 * Text encoding detection and decoding. Order: UTF-8 BOM, UTF-16 BOM, strict UTF-8, GB18030
 * (a superset of GBK and GB2312, which Chinese platforms and Excel on Chinese Windows write),
 * then Windows-1252 as the last resort because every byte sequence decodes in it.
 */
import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';
import type { TextEncoding } from '../../api/contract.ts';

/** Decodes a byte stream chunk by chunk; characters split across chunks are kept for the next write. */
export interface StreamingTextDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/**
 * Thrown by a strict UTF-8 decoder at the first byte sequence that is not UTF-8. `offset` is the
 * position of that sequence in the last chunk passed to `write`. When `end` throws, that chunk
 * ends inside a character and `offset` is where the character starts. `asciiBefore` is true when
 * every byte before it was ASCII, so the text up to there reads the same in any ASCII-compatible
 * encoding.
 */
export class InvalidUtf8Error extends Error {
  constructor(
    readonly offset: number,
    readonly asciiBefore: boolean,
  ) {
    super(`invalid UTF-8 at offset ${offset} of the chunk`);
    this.name = 'InvalidUtf8Error';
  }
}

/** Returns the encoding of a text sample; `complete` is true when the sample is the whole file. */
export function detectEncoding(sample: Buffer, complete: boolean): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';

  const body = complete ? sample : sample.subarray(0, sample.length - incompleteUtf8Tail(sample));
  if (isStrictUtf8(body)) return 'utf-8';
  return detectLegacyEncoding(body, complete);
}

/** Chooses between the two non-Unicode encodings for bytes that are known not to be UTF-8. */
export function detectLegacyEncoding(bytes: Buffer, complete: boolean): 'gb18030' | 'windows-1252' {
  return looksLikeGb18030(bytes, complete) ? 'gb18030' : 'windows-1252';
}

/**
 * Creates a decoder for `encoding`. With `strictUtf8`, a UTF-8 decoder throws InvalidUtf8Error
 * at the first invalid sequence instead of writing U+FFFD in its place. Other encodings ignore it.
 */
export function createStreamingDecoder(encoding: TextEncoding, options: { strictUtf8?: boolean } = {}): StreamingTextDecoder {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') return createUtf8Decoder(options.strictUtf8 === true);
  if (encoding === 'utf-16le') {
    // TextDecoder drops the BOM itself, so it is the fast path.
    const decoder = new TextDecoder('utf-16le');
    return {
      write: (chunk) => decoder.decode(chunk, { stream: true }),
      end: () => decoder.decode(),
    };
  }

  const decoder = iconv.getDecoder(encoding === 'utf-16be' ? 'utf-16be' : encoding);
  let first = true;
  return {
    write: (chunk) => {
      const text = decoder.write(chunk);
      if (!first || text.length === 0) return text;
      first = false;
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    },
    end: () => decoder.end() ?? '',
  };
}

/**
 * Decodes UTF-8 with TextDecoder, which drops a BOM at the start, except that a chunk of pure
 * ASCII is copied as Latin-1 bytes, which gives the same text without the decoding work. The
 * shortcut is only taken between whole characters. That is after the first chunk, so the decoder
 * has dropped any BOM, and when the chunk before ended with an ASCII byte, so the decoder
 * contains no bytes of a cut character.
 */
function createUtf8Decoder(strict: boolean): StreamingTextDecoder {
  const decoder = new TextDecoder('utf-8', { fatal: strict });
  let decoderStarted = false;
  let endsBetweenCharacters = false;
  // Whether a chunk before the last one had a non-ASCII byte, and the last chunk, for errors.
  let nonAsciiBeforeLast = false;
  let lastWasAscii = true;
  let last: Buffer = Buffer.alloc(0);

  const asciiUpTo = (chunk: Buffer, offset: number): boolean => !nonAsciiBeforeLast && isAscii(chunk.subarray(0, offset));

  return {
    write: (chunk) => {
      if (chunk.length === 0) return '';
      const ascii = isAscii(chunk);
      nonAsciiBeforeLast ||= !lastWasAscii;
      lastWasAscii = ascii;
      last = chunk;
      const canCopy = decoderStarted && endsBetweenCharacters && ascii;
      endsBetweenCharacters = chunk[chunk.length - 1]! < 0x80;
      if (canCopy) return chunk.toString('latin1');
      decoderStarted = true;
      try {
        return decoder.decode(chunk, { stream: true });
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        const offset = firstInvalidUtf8Offset(chunk);
        throw new InvalidUtf8Error(offset, asciiUpTo(chunk, offset));
      }
    },
    end: () => {
      try {
        return decoder.decode();
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        // The file ends inside a character, whose first bytes are the end of the last chunk.
        const offset = last.length - incompleteUtf8Tail(last);
        throw new InvalidUtf8Error(offset, asciiUpTo(last, offset));
      }
    },
  };
}

/**
 * Returns the byte offset of the first invalid UTF-8 sequence in `bytes`, or 0 when the chunk is
 * valid by itself (the sequence then began in the chunk before). Continuation bytes of a character
 * cut at the chunk's start also count as invalid here, so the offset is then 0 as well. The
 * lenient decoder writes
 * U+FFFD for each invalid sequence. Everything before the first such U+FFFD that did not come
 * from the bytes EF BF BD decoded correctly, so its UTF-8 length is the offset.
 */
function firstInvalidUtf8Offset(bytes: Buffer): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  for (let at = text.indexOf('\uFFFD'); at !== -1; at = text.indexOf('\uFFFD', at + 1)) {
    const offset = Buffer.byteLength(text.slice(0, at), 'utf8');
    if (bytes[offset] !== 0xef || bytes[offset + 1] !== 0xbf || bytes[offset + 2] !== 0xbd) return offset;
  }
  return 0;
}

/** Decodes a sample, leaving out a character cut off at its end unless the sample is complete. */
export function decodeSample(sample: Buffer, encoding: TextEncoding, complete: boolean): string {
  const decoder = createStreamingDecoder(encoding);
  const text = decoder.write(sample);
  return complete ? text + decoder.end() : text;
}

/** Returns how many bytes at the end form the start of a multi-byte UTF-8 character. */
function incompleteUtf8Tail(bytes: Buffer): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0x80) return 0;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return needed > back ? back : 0;
  }
  return 0;
}

function isStrictUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks the byte structure of GB18030 (two-byte pairs with a lead of 0x81-0xFE, four-byte
 * sequences with digits in the second and fourth place). Windows-1252 text also fits that
 * structure when an accented letter is followed by an ASCII letter (`é` + `s`), but real
 * Chinese text mostly has trail bytes of 0x80 and above, so such pairs must be the minority.
 */
function looksLikeGb18030(bytes: Buffer, complete: boolean): boolean {
  let highTrailPairs = 0;
  let asciiTrailPairs = 0;
  const end = bytes.length;

  for (let i = 0; i < end; i++) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) continue;
    if (lead === 0x80 || lead === 0xff) return false;

    const second = bytes[i + 1];
    if (second === undefined) return !complete && highTrailPairs > 0;
    if (second >= 0x30 && second <= 0x39) {
      const third = bytes[i + 2];
      const fourth = bytes[i + 3];
      if (third === undefined || fourth === undefined) return !complete && highTrailPairs > 0;
      if (third < 0x81 || third > 0xfe || fourth < 0x30 || fourth > 0x39) return false;
      highTrailPairs++;
      i += 3;
      continue;
    }
    if (second < 0x40 || second === 0x7f || second === 0xff) return false;
    if (second >= 0x80) highTrailPairs++;
    else asciiTrailPairs++;
    i++;
  }

  return highTrailPairs > 0 && asciiTrailPairs * 2 <= highTrailPairs;
}
