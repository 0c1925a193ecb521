#!/usr/bin/env node
/**
 * Splits the UCI Online Retail export into one gzip CSV per calendar month of InvoiceDate,
 * written to resources/sample-shop/online-retail-YYYY-MM.csv.gz. Each file starts with the
 * original header line; every other line is copied byte for byte, in the original order. The
 * source must not have line breaks inside quoted cells (the UCI export has none).
 *
 * Usage: node scripts/make-sample-shop.mjs [SOURCE.csv.gz] [OUTPUT_DIR]
 * SOURCE defaults to ../shared/datasets/online-retail/online_retail.csv.gz next to the repository.
 */
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip, constants } from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? path.resolve(repoRoot, '../shared/datasets/online-retail/online_retail.csv.gz');
const outputDir = process.argv[3] ?? path.join(repoRoot, 'resources/sample-shop');
const INVOICE_DATE_COLUMN = 'InvoiceDate';

/** Returns the cells of one RFC 4180 line (quoted cells may hold commas and doubled quotes). */
function splitCsvLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

/** One gzip file per month, opened on the month's first line. */
class MonthFiles {
  gzips = new Map();
  outputs = [];
  rows = new Map();

  constructor(header) {
    this.header = header;
  }

  async write(month, line) {
    let gzip = this.gzips.get(month);
    if (!gzip) {
      gzip = createGzip({ level: constants.Z_BEST_COMPRESSION });
      const output = createWriteStream(path.join(outputDir, `online-retail-${month}.csv.gz`));
      gzip.pipe(output);
      this.outputs.push(output);
      gzip.write(this.header);
      this.gzips.set(month, gzip);
      this.rows.set(month, 0);
    }
    this.rows.set(month, this.rows.get(month) + 1);
    if (!gzip.write(line)) await once(gzip, 'drain');
  }

  async close() {
    for (const gzip of this.gzips.values()) gzip.end();
    await Promise.all(this.outputs.map((output) => once(output, 'finish')));
  }
}

/** Yields the lines of a gzip file with their line ending kept, so they can be copied unchanged. */
async function* readLines(file) {
  let rest = '';
  for await (const chunk of createReadStream(file).pipe(createGunzip()).setEncoding('utf8')) {
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      yield text.slice(start, end + 1);
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield rest;
}

async function main() {
  mkdirSync(outputDir, { recursive: true });

  let files = null;
  let dateColumn = -1;
  for await (const line of readLines(source)) {
    const text = line.replace(/\r?\n$/, '');
    if (files === null) {
      dateColumn = splitCsvLine(text).indexOf(INVOICE_DATE_COLUMN);
      if (dateColumn === -1) throw new Error(`${source}: the header has no ${INVOICE_DATE_COLUMN} column`);
      files = new MonthFiles(line);
      continue;
    }

    const date = splitCsvLine(text)[dateColumn] ?? '';
    const month = /^(\d{4}-\d{2})-\d{2}/.exec(date)?.[1];
    if (!month) throw new Error(`${source}: unexpected ${INVOICE_DATE_COLUMN} "${date}" in line ${JSON.stringify(text)}`);
    await files.write(month, line);
  }
  if (files === null) throw new Error(`${source} is empty`);
  await files.close();

  for (const [month, rows] of [...files.rows].sort()) process.stdout.write(`${month}\t${rows}\n`);
}

await main();
