import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { formatMessage } from '../../../src-main/api/messages/index.ts';
import { ShopRecError } from '../../../src-main/core/errors.ts';
import { importOrderFile } from '../../../src-main/core/importing/import-order-file.ts';
import { openDatabase, type Db } from '../../../src-main/core/store/database.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FEBRUARY = path.join(root, 'resources/sample-shop/online-retail-2011-02.csv.gz');
// The sample's first 64 KiB, which encoding detection reads, end long before this line.
const CHANGED_INDEX = 3000;

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-late-encoding-'));
  db = openDatabase(path.join(dir, 'workspace'));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Returns the February sample with line CHANGED_INDEX + 1 rewritten to SKU 77777 and the given title bytes. */
function februaryWithTitle(title: Buffer, changeFirstTitle?: Buffer): Buffer {
  const lines = gunzipSync(readFileSync(FEBRUARY)).toString('latin1').split('\n');
  const fields = lines[CHANGED_INDEX]!.split(',');
  fields[1] = '77777';
  fields[2] = title.toString('latin1');
  lines[CHANGED_INDEX] = fields.join(',');
  if (changeFirstTitle) {
    const first = lines[1]!.split(',');
    first[2] = changeFirstTitle.toString('latin1');
    lines[1] = first.join(',');
  }
  return Buffer.from(lines.join('\n'), 'latin1');
}

function writeExport(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

function storedTitle(sku: string): string | undefined {
  return (db.prepare('SELECT title FROM items WHERE sku = ?').get(sku) as { title: string } | undefined)?.title;
}

function count(table: 'imports' | 'events' | 'items'): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('importOrderFile with a legacy encoding after an ASCII start', () => {
  const cp1252Title = Buffer.from('CAF\xc9 CHAIR \xa35', 'latin1');

  it('imports Windows-1252 bytes at line 3001', async () => {
    const file = writeExport('late-cp1252.csv', februaryWithTitle(cp1252Title));

    const summary = await importOrderFile(db, file);

    expect(summary.encoding).toBe('windows-1252');
    expect(storedTitle('77777')).toBe('CAFÉ CHAIR £5');
    expect(count('imports')).toBe(1);
  });

  it('imports the same bytes from gzip', async () => {
    const file = writeExport('late-cp1252.csv.gz', gzipSync(februaryWithTitle(cp1252Title)));

    const summary = await importOrderFile(db, file);

    expect(summary.encoding).toBe('windows-1252');
    expect(storedTitle('77777')).toBe('CAFÉ CHAIR £5');
  });

  it('imports GB18030 bytes at line 3001', async () => {
    const file = writeExport('late-gbk.csv', februaryWithTitle(iconv.encode('红色椅子 RED CHAIR', 'gb18030')));

    const summary = await importOrderFile(db, file);

    expect(summary.encoding).toBe('gb18030');
    expect(storedTitle('77777')).toBe('红色椅子 RED CHAIR');
  });

  it('rejects UTF-8 text mixed with Windows-1252', async () => {
    const first = await importOrderFile(db, path.join(root, 'resources/sample-shop/online-retail-2011-03.csv.gz'));
    const before = { imports: count('imports'), events: count('events'), items: count('items') };
    const mixed = februaryWithTitle(cp1252Title, Buffer.from('CAFÉ UTF-8', 'utf8'));
    const file = writeExport('mixed.csv', mixed);

    const error = await importOrderFile(db, file).then(
      () => null,
      (thrown: unknown) => thrown,
    );

    expect(first.importId).not.toBeNull();
    expect(error).toBeInstanceOf(ShopRecError);
    expect((error as ShopRecError).code).toBe('file.invalidUtf8');
    expect((error as ShopRecError).params).toEqual({ file: 'mixed.csv', line: CHANGED_INDEX + 1 });
    expect({ imports: count('imports'), events: count('events'), items: count('items') }).toEqual(before);
    const params = (error as ShopRecError).params;
    expect(formatMessage('en', 'error.file.invalidUtf8', params)).toContain('Line 3001 of mixed.csv');
    expect(formatMessage('en', 'error.file.invalidUtf8', params)).toContain('CSV UTF-8');
    expect(formatMessage('zh-CN', 'error.file.invalidUtf8', params)).toContain('mixed.csv 的第 3001 行');
  });
});
