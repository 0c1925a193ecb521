import { describe, expect, it } from 'vitest';
import { CsvRecordReader, type RecordEnding } from '../../../src-main/core/ingest/csv-records.ts';

interface Parsed {
  line: number;
  ending: RecordEnding;
  fields: string[];
  raw: string;
}

function parse(text: string, chunkSize = text.length || 1, delimiter = ',', shareFieldArray = false): Parsed[] {
  const reader = new CsvRecordReader(delimiter, { shareFieldArray });
  const records: Parsed[] = [];
  const collect = (): void => {
    for (let fields = reader.next(); fields !== null; fields = reader.next()) {
      records.push({ line: reader.recordLine, ending: reader.recordEnding, fields: [...fields], raw: reader.rawRecord() });
    }
  };
  for (let start = 0; start < text.length; start += chunkSize) {
    reader.push(text.slice(start, start + chunkSize));
    collect();
  }
  reader.end();
  collect();
  return records;
}

describe('CsvRecordReader', () => {
  it('reads quotes, doubled quotes and embedded delimiters', () => {
    const records = parse('a,"b,c","say ""hi""",\n');
    expect(records).toHaveLength(1);
    expect(records[0]?.fields).toEqual(['a', 'b,c', 'say "hi"', '']);
  });

  it('counts physical lines across quoted line breaks', () => {
    const records = parse('h1,h2\r\n1,"two\r\nlines"\r\n2,x\r\n');
    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
    expect(records[1]?.fields).toEqual(['1', 'two\r\nlines']);
    expect(records[1]?.raw).toBe('1,"two\r\nlines"');
  });

  it('accepts LF, CRLF and lone CR line endings', () => {
    const records = parse('a,b\nc,d\r\ne,f\rg,h');
    expect(records.map((record) => record.fields)).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
    expect(records.map((record) => record.line)).toEqual([1, 2, 3, 4]);
  });

  it('marks the last record without a line break', () => {
    const records = parse('a,b\nc,d');
    expect(records[0]?.ending).toBe('lineBreak');
    expect(records[1]?.ending).toBe('endOfFile');
  });

  it('marks a record that ends inside an open quote', () => {
    const records = parse('a,b\nc,"unfinished\nstill');
    expect(records[1]?.ending).toBe('openQuote');
    expect(records[1]?.fields).toEqual(['c', 'unfinished\nstill']);
  });

  it('returns blank lines as one empty field', () => {
    const records = parse('a\n\nb\n');
    expect(records.map((record) => record.fields)).toEqual([['a'], [''], ['b']]);
  });

  it('reads tab and semicolon delimiters', () => {
    expect(parse('a\tb;c\n', undefined, '\t')[0]?.fields).toEqual(['a', 'b;c']);
    expect(parse('a\tb;c\n', undefined, ';')[0]?.fields).toEqual(['a\tb', 'c']);
  });

  it('gives the same records for every chunk split', () => {
    const text = 'id,name,note\r\n1,"x,y","multi\nline ""quoted"""\r\n2,plain,\r\n\r\n3,"a""b"tail,z\r4,"open';
    const whole = parse(text);
    for (let chunkSize = 1; chunkSize <= text.length; chunkSize++) {
      expect(parse(text, chunkSize), `chunk size ${chunkSize}`).toEqual(whole);
    }
    expect(whole.map((record) => record.fields)).toEqual([
      ['id', 'name', 'note'],
      ['1', 'x,y', 'multi\nline "quoted"'],
      ['2', 'plain', ''],
      [''],
      ['3', 'a"btail', 'z'],
      ['4', 'open'],
    ]);
  });

  it('gives the same records with a shared field array', () => {
    const text = 'a,b,c\nd,e\n"q,1",x\r\nf,g,h,i\rj\n\nk,"l\nm"\nn,o';
    const separate = parse(text);
    for (const chunkSize of [1, 2, 3, 5, 8, text.length]) {
      expect(parse(text, chunkSize, ',', true), `chunk size ${chunkSize}`).toEqual(separate);
    }
    expect(separate.map((record) => record.fields)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
      ['q,1', 'x'],
      ['f', 'g', 'h', 'i'],
      ['j'],
      [''],
      ['k', 'l\nm'],
      ['n', 'o'],
    ]);
    expect(separate.map((record) => record.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
  });

  it('waits for the LF after a CR at the end of a chunk', () => {
    const reader = new CsvRecordReader(',');
    reader.push('a,b\r');
    expect(reader.next()).toBeNull();
    reader.push('\nc,d\n');
    expect(reader.next()).toEqual(['a', 'b']);
    expect(reader.next()).toEqual(['c', 'd']);
    expect(reader.recordLine).toBe(2);
  });
});
