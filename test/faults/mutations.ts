/**
 * Mutations of real export files for the import fuzz test. Each takes the seed file's bytes and
 * a seeded random source and returns the bytes to import, or a marker for the cases that need
 * the file system (a file that vanishes while it is read).
 */
import iconv from 'iconv-lite';
import { gzipSync, zipSync } from 'fflate';

export type Random = () => number;
export type Mutation = (seed: Buffer, random: Random) => Buffer;

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)]!;
const position = (bytes: Buffer, random: Random): number => Math.floor(random() * Math.max(bytes.length, 1));

function lines(seed: Buffer): string[] {
  return seed.toString('utf8').split(/\r?\n/);
}

export const MUTATIONS: Record<string, Mutation> = {
  flipBytes(seed, random) {
    const copy = Buffer.from(seed);
    for (let i = 0; i < 1 + random() * 20; i += 1) copy[position(copy, random)] = Math.floor(random() * 256);
    return copy;
  },
  breakQuotes(seed, random) {
    const text = seed.toString('utf8');
    const at = position(seed, random);
    return Buffer.from(text.slice(0, at) + pick(['"', '""', '"\n', '\n"', '"x"y"'], random) + text.slice(at));
  },
  truncate(seed, random) {
    return seed.subarray(0, position(seed, random));
  },
  dropColumn(seed, random) {
    return Buffer.from(lines(seed).map((line) => line.split(',').filter((_, i) => i !== Math.floor(random() * 4)).join(',')).join('\n'));
  },
  extraColumns(seed, random) {
    return Buffer.from(lines(seed).map((line, i) => (i > 0 && random() < 0.3 ? `${line},extra,"more"` : line)).join('\n'));
  },
  wrongEncoding(seed, random) {
    const text = seed.toString(pick(['latin1', 'utf8'] as const, random));
    return iconv.encode(text, pick(['utf16-be', 'gbk', 'shift_jis', 'win1251', 'utf16-le'], random));
  },
  binaryJunk(seed, random) {
    const junk = Buffer.alloc(Math.floor(random() * 4096));
    for (let i = 0; i < junk.length; i += 1) junk[i] = Math.floor(random() * 256);
    return random() < 0.5 ? junk : Buffer.concat([seed.subarray(0, position(seed, random)), junk]);
  },
  shuffleHeader(seed, random) {
    const [header = '', ...rest] = lines(seed);
    const cells = header.split(',').sort(() => random() - 0.5);
    return Buffer.from([cells.join(','), ...rest].join('\n'));
  },
  gzipTruncated(seed, random) {
    const gz = Buffer.from(gzipSync(seed));
    return gz.subarray(0, Math.max(10, position(gz, random)));
  },
  hugeNumbersAndDates(seed, random) {
    const values = ['99999999999999999999999', '-1e308', 'NaN', '0000-00-00', '9999-99-99 99:99', '', '\u0000', '١٢٣'];
    return Buffer.from(lines(seed).map((line) => line.replace(/\d+(\.\d+)?/g, (match) => (random() < 0.2 ? pick(values, random) : match))).join('\n'));
  },
};

/** A 5 MB cell in the middle of an otherwise valid row. */
export function hugeCell(seed: Buffer): Buffer {
  const [header = '', first = '', ...rest] = lines(seed);
  const cells = first.split(',');
  cells[2] = `"${'A'.repeat(5 * 1024 * 1024)}"`;
  return Buffer.from([header, cells.join(','), ...rest].join('\n'));
}

/**
 * An XLSX-named zip whose sheet entry holds 200 MB of zeros (a few hundred kilobytes
 * compressed): a reader that inflates it into memory would blow up.
 */
export function zipBombWorkbook(): Buffer {
  const zeros = new Uint8Array(200 * 1024 * 1024);
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'),
      'xl/workbook.xml': new TextEncoder().encode('<?xml version="1.0"?><workbook/>'),
      'xl/worksheets/sheet1.xml': zeros,
    }, { level: 9 }),
  );
}
