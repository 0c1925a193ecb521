import { describe, expect, it } from 'vitest';
import { createStreamingDecoder, InvalidUtf8Error } from '../../../src-main/core/ingest/detect-encoding.ts';
import { createLineAlignedChunks } from '../../../src-main/core/ingest/line-aligned-chunks.ts';

function decodeInChunks(bytes: Buffer, sizes: number[]): string {
  const decoder = createStreamingDecoder('utf-8');
  let text = '';
  let start = 0;
  for (const size of sizes) {
    text += decoder.write(bytes.subarray(start, start + size));
    start += size;
  }
  return text + decoder.write(bytes.subarray(start)) + decoder.end();
}

describe('UTF-8 streaming decoder', () => {
  const text = '\uFEFFInvoice,Title\n1,Café £3\n2,plain ascii\n3,中文 商品\n4,end';
  const bytes = Buffer.from(text, 'utf8');
  const expected = text.slice(1);

  it('decodes every two-chunk split like one decode', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(decodeInChunks(bytes, [cut]), `cut at ${cut}`).toBe(expected);
    }
  });

  it('decodes ASCII chunks after a cut character', () => {
    // The first chunk ends inside `é`, the second contains its last byte, the third is plain ASCII.
    expect(decodeInChunks(Buffer.from('é,abc\nxyz', 'utf8'), [1, 1, 4])).toBe('é,abc\nxyz');
  });

  it('keeps a BOM that is not at the start of the file', () => {
    const later = Buffer.from('ab\n\uFEFFcd', 'utf8');
    expect(decodeInChunks(later, [3])).toBe('ab\n\uFEFFcd');
  });

  it('replaces a cut character that ASCII follows', () => {
    const cut = Buffer.from([0x61, 0xc3, 0x62, 0x63]);
    expect(decodeInChunks(cut, [2, 1])).toBe('a\uFFFDbc');
  });
});

/** Writes `chunks` to a strict decoder and returns the error it throws, or null with the text. */
function decodeStrictly(chunks: Buffer[]): { text: string; error: InvalidUtf8Error | null; failedChunk: number } {
  const decoder = createStreamingDecoder('utf-8', { strictUtf8: true });
  let text = '';
  for (const [index, chunk] of chunks.entries()) {
    try {
      text += decoder.write(chunk);
    } catch (error) {
      if (error instanceof InvalidUtf8Error) return { text, error, failedChunk: index };
      throw error;
    }
  }
  try {
    return { text: text + decoder.end(), error: null, failedChunk: -1 };
  } catch (error) {
    if (error instanceof InvalidUtf8Error) return { text, error, failedChunk: chunks.length };
    throw error;
  }
}

describe('strict UTF-8 streaming decoder', () => {
  const text = 'Invoice,Title\n1,Café £3\n2,plain ascii\n3,中文 商品 😀\n4,\uFFFD kept\n';
  const bytes = Buffer.from(text, 'utf8');

  it('decodes every three-chunk split of valid text', () => {
    for (let first = 0; first <= bytes.length; first += 3) {
      for (let second = first; second <= bytes.length; second++) {
        const chunks = [bytes.subarray(0, first), bytes.subarray(first, second), bytes.subarray(second)];
        const decoded = decodeStrictly(chunks);
        expect(decoded.error, `cuts at ${first} and ${second}`).toBeNull();
        expect(decoded.text, `cuts at ${first} and ${second}`).toBe(text);
      }
    }
  });

  it('rejects a Windows-1252 byte after ASCII', () => {
    const ascii = Buffer.from('Invoice,Title\n1,chair\n', 'latin1');
    const later = Buffer.from('2,CAF\xc9 CHAIR\n', 'latin1');

    const decoded = decodeStrictly([ascii, later]);

    expect(decoded.failedChunk).toBe(1);
    expect(decoded.error?.offset).toBe(5);
    expect(decoded.error?.asciiBefore).toBe(true);
  });

  it('rejects an invalid byte after a real U+FFFD', () => {
    const chunk = Buffer.concat([Buffer.from('1,\uFFFD,', 'utf8'), Buffer.from([0xa3]), Buffer.from('5\n')]);

    const decoded = decodeStrictly([chunk]);

    expect(decoded.error?.offset).toBe(6);
    expect(decoded.error?.asciiBefore).toBe(false);
  });

  it('marks UTF-8 text in an earlier chunk', () => {
    const utf8 = Buffer.from('1,Café\n', 'utf8');
    const later = Buffer.from('2,CAF\xc9\n', 'latin1');

    const decoded = decodeStrictly([utf8, Buffer.from('1,plain\n'), later]);

    expect(decoded.failedChunk).toBe(2);
    expect(decoded.error?.offset).toBe(5);
    expect(decoded.error?.asciiBefore).toBe(false);
  });

  it('rejects text that ends inside a character', () => {
    const decoded = decodeStrictly([Buffer.from('a,b\n'), Buffer.from([0x63, 0x2c, 0xe4, 0xb8])]);

    expect(decoded.failedChunk).toBe(2);
    expect(decoded.error?.offset).toBe(2);
    expect(decoded.error?.asciiBefore).toBe(true);
  });
});

describe('createLineAlignedChunks', () => {
  it('cuts chunks after their last line feed and keeps every byte', () => {
    const aligned = createLineAlignedChunks('utf-8');
    if (aligned === null) throw new Error('expected a splitter for UTF-8');
    const pieces = [aligned.take(Buffer.from('a,b\nc,')), aligned.take(Buffer.from('d\ne')), aligned.take(Buffer.from(',f')), aligned.rest()];
    expect(pieces.map((piece) => piece.toString())).toEqual(['a,b\n', 'c,d\n', 'e,f', '']);
  });

  it('returns the tail after the last line feed at the end', () => {
    const aligned = createLineAlignedChunks('gb18030');
    if (aligned === null) throw new Error('expected a splitter for GB18030');
    expect(aligned.take(Buffer.from('x\ny')).toString()).toBe('x\n');
    expect(aligned.rest().toString()).toBe('y');
    expect(aligned.rest().length).toBe(0);
  });

  it('leaves UTF-16 chunks alone', () => {
    expect(createLineAlignedChunks('utf-16le')).toBeNull();
    expect(createLineAlignedChunks('utf-16be')).toBeNull();
  });
});
