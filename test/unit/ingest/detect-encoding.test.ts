import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeSample, detectEncoding } from '../../../src-main/core/ingest/detect-encoding.ts';

describe('detectEncoding', () => {
  it('detects plain UTF-8', () => {
    expect(detectEncoding(Buffer.from('Name,Title\n1,Café £3\n'), true)).toBe('utf-8');
  });

  it('detects BOMs before looking at the content', () => {
    expect(detectEncoding(Buffer.from('\uFEFFa,b\n'), true)).toBe('utf-8-bom');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b', 'utf16le')]), true)).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x61]), true)).toBe('utf-16be');
  });

  it('keeps UTF-8 when the sample cuts a character in half', () => {
    const bytes = Buffer.from('订单号,商品名称\n1,保温杯\n');
    const cut = bytes.subarray(0, bytes.length - 2);
    expect(detectEncoding(cut, false)).toBe('utf-8');
    expect(decodeSample(cut, 'utf-8', false)).toBe('订单号,商品名称\n1,保温');
  });

  it('detects GBK Chinese as GB18030', () => {
    const bytes = iconv.encode('订单号,商品名称,数量\n250301,保温杯 500毫升,2\n', 'gbk');
    expect(detectEncoding(bytes, true)).toBe('gb18030');
  });

  it('falls back to Windows-1252 for Western text', () => {
    const bytes = iconv.encode('Order,Title\n1,Crème brûlée für Müller, déjà vu\n', 'windows-1252');
    expect(detectEncoding(bytes, true)).toBe('windows-1252');
    expect(decodeSample(bytes, 'windows-1252', true)).toContain('Crème brûlée für Müller');
  });
});
