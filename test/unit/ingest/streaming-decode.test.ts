import { describe, expect, it } from 'vitest';
import { createStreamingDecoder } from '../../../src-main/core/ingest/detect-encoding.ts';
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
