/**
 * Export fuzzing: real order lines (the bundled UCI sample) whose SKUs, titles and customer IDs
 * are replaced by hostile values are imported, trained on, and written in every export format
 * and every encoding. Each file must
 * (a) re-read with a strict RFC 4180 reader into exactly the rows and columns written,
 * (b) hold no cell a spreadsheet would evaluate as a formula (spreadsheet-oracle.ts),
 * (c) give back the stored values once the formula guard is undone, or their documented
 *     transformation (Mailchimp's 255-byte cut, Shopify handles), and
 * (d) keep the target platform's import rules (list separators, known SKUs, unique addresses).
 * GBK files must equal the UTF-8 file re-encoded, or be rejected as a whole when a value does
 * not fit GBK, leaving no file behind.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';

import { EXPORT_ENCODINGS, EXPORT_FORMATS, type ExportEncoding, type ExportFormat, type ExportSummary } from '../../src-main/api/contract.ts';
import { ShopRecError } from '../../src-main/core/errors.ts';
import { MAILCHIMP_FIELD_BYTES } from '../../src-main/core/export/formats/email-mailchimp.ts';
import { FORMAT_WRITERS } from '../../src-main/core/export/formats/index.ts';
import type { ExportContext } from '../../src-main/core/export/formats/types.ts';
import { writeExport } from '../../src-main/core/export/write-export.ts';
import type { Db } from '../../src-main/core/store/database.ts';
import { Workspace } from '../../src-main/core/workspace.ts';
import { readCsv } from '../unit/export/csv-reader.ts';
import { ROW_CHECKS, storedShop, type RowCheckContext, type StoredShop } from './export-row-checks.ts';
import { seededRandom } from './fault-helpers.ts';
import { hostileLines, importHostileLines, storeHostileLines, trainQuickly, type ShopVariant } from './hostile-shop.ts';
import { isGbkEncodable } from './hostile-values.ts';
import { hasFormulaStart, spreadsheetWouldEvaluate, undoFormulaGuard } from './spreadsheet-oracle.ts';

/** Shops per variant; each shop is exported in 9 formats x 3 encodings. */
const SEEDS = Number(process.env.FUZZ_EXPORT_SEEDS ?? 3);
/**
 * How the hostile lines reach the workspace. `imported` goes through the CSV importer.
 * `imported-gbk` does the same with values GBK can hold, so GBK files are written, not only
 * rejected. `stored` writes to the database directly and keeps what the importer trims or
 * rejects (NUL, edge spaces, leading apostrophes).
 */
const VARIANTS: readonly ShopVariant[] = ['imported', 'imported-gbk', 'stored'];
const BASE_URL = 'https://shop.example.com/products/{handle}?sku={sku}';
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Kinds of hostile text that must reach at least one exported cell, so the test cannot pass vacuously. */
const HOSTILE_KINDS: Record<string, (value: string) => boolean> = {
  formulaStart: hasFormulaStart,
  fullWidthFormula: (value) => /^[＝＋－＠]/.test(value),
  formulaAfterSpace: (value) => /^\s+[=+\-@]/.test(value),
  leadingApostrophe: (value) => /^'+[=+\-@]/.test(value),
  quote: (value) => value.includes('"'),
  comma: (value) => value.includes(','),
  semicolon: (value) => value.includes(';'),
  lineBreak: (value) => /[\r\n]/.test(value),
  nul: (value) => value.includes('\u0000'),
  control: (value) => /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value),
  bidi: (value) => /[\u202a-\u202e\u2066-\u2069]/.test(value),
  zeroWidth: (value) => /[\u200b-\u200d\u2060]/.test(value),
  markup: (value) => /<script>|<img /.test(value),
  path: (value) => /\.\.\/|[A-Z]:\\|\/abs\//.test(value),
  trailingBackslash: (value) => value.endsWith('\\'),
  edgeSpace: (value) => /^ |\S $/.test(value),
  emoji: (value) => /\p{Extended_Pictographic}/u.test(value),
  cjk: (value) => /\p{Script=Han}/u.test(value),
  notGbk: (value) => !isGbkEncodable(value),
  long: (value) => value.length > 1000,
};

const totals = { shops: 0, storedHostileValues: 0, files: 0, gbkWritten: 0, gbkRejected: 0, rows: 0, cells: 0, guardedCells: 0 };
const kindsSeen = new Map<string, number>();
const root = mkdtempSync(path.join(os.tmpdir(), 'shoprec-fuzz-export-'));

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  console.info(`fuzz-export: ${JSON.stringify(totals)} kinds ${JSON.stringify(Object.fromEntries(kindsSeen))}`);
});

type Outcome = { ok: true; summary: ExportSummary; bytes: Buffer } | { ok: false; code: string; file: string };

async function exportTo(db: Db, format: ExportFormat, encoding: ExportEncoding, dir: string, locale: 'en' | 'zh-CN'): Promise<Outcome> {
  const file = path.join(dir, `${format}.${encoding}.csv`);
  try {
    const summary = await writeExport(db, format, file, { encoding, baseUrl: BASE_URL, locale, record: false });
    return { ok: true, summary, bytes: readFileSync(file) };
  } catch (error) {
    if (!(error instanceof ShopRecError)) throw error;
    return { ok: false, code: error.code, file };
  }
}

function expectedHeader(format: ExportFormat): string[] {
  const writer = FORMAT_WRITERS[format];
  return writer.header({ limit: writer.defaultLimit, baseUrl: BASE_URL } as ExportContext);
}

/** Stored SKUs, titles and customer IDs that differ from the sample's plain values. */
function countHostileValues(shop: StoredShop): number {
  const plain = /^[A-Za-z0-9 .]*$/;
  const values = [...shop.bySku.values()].flatMap((item) => [item.sku, item.title]).concat([...shop.customers]);
  return values.filter((value) => !plain.test(value)).length;
}

/** Checks (a) to (d) on the UTF-8 text of one file; returns the problems found. */
function checkFile(format: ExportFormat, text: string, summary: ExportSummary, shop: StoredShop): string[] {
  const rows = readCsv(text, FORMAT_WRITERS[format].delimiter);
  const header = expectedHeader(format);
  const context: RowCheckContext = { shop, limit: FORMAT_WRITERS[format].defaultLimit, baseUrl: BASE_URL, problems: [] };
  if (JSON.stringify(rows[0]) !== JSON.stringify(header)) context.problems.push(`header ${JSON.stringify(rows[0])}`);
  if (rows.length !== summary.rows + 1) context.problems.push(`${rows.length - 1} rows read, ${summary.rows} written`);

  rows.slice(1).forEach((cells, index) => {
    if (cells.length !== header.length) context.problems.push(`row ${index + 1} has ${cells.length} cells, not ${header.length}`);
    for (const cell of cells) {
      if (format === 'email-mailchimp' && Buffer.byteLength(cell, 'utf8') > MAILCHIMP_FIELD_BYTES) context.problems.push(`row ${index + 1}: cell over ${MAILCHIMP_FIELD_BYTES} bytes`);
      if (spreadsheetWouldEvaluate(cell)) context.problems.push(`row ${index + 1}: formula cell ${JSON.stringify(cell.slice(0, 60))}`);
      const value = undoFormulaGuard(cell);
      if (value !== cell) totals.guardedCells += 1;
      for (const [kind, test] of Object.entries(HOSTILE_KINDS)) if (test(value)) kindsSeen.set(kind, (kindsSeen.get(kind) ?? 0) + 1);
    }
    ROW_CHECKS[format](cells.map(undoFormulaGuard), context, index + 1);
    totals.cells += cells.length;
  });
  totals.rows += rows.length - 1;

  if (format.startsWith('email-')) {
    const addresses = rows.slice(1).map((cells) => cells[0]!);
    const repeated = addresses.filter((address, index) => addresses.indexOf(address) !== index);
    if (repeated.length > 0) context.problems.push(`addresses listed twice: ${JSON.stringify(repeated.slice(0, 5))}`);
  }
  return context.problems;
}

/** Checks that a GBK file is the UTF-8 file re-encoded, or is rejected as a whole when a value does not fit GBK. */
function checkGbk(utf8Text: string, gbk: Outcome, dir: string): void {
  if (isGbkEncodable(utf8Text)) {
    expect(gbk.ok, gbk.ok ? '' : `GBK export rejected with ${gbk.code}`).toBe(true);
    if (gbk.ok) expect(iconv.decode(gbk.bytes, 'gbk') === utf8Text, 'GBK text differs from the UTF-8 text').toBe(true);
    totals.gbkWritten += 1;
    return;
  }
  expect(gbk.ok ? 'written' : gbk.code).toBe('export.unencodable');
  if (!gbk.ok) expect(existsSync(gbk.file)).toBe(false);
  expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  totals.gbkRejected += 1;
}

async function fuzzShop(seed: number, variant: ShopVariant): Promise<void> {
  const dir = path.join(root, `${variant}-${seed}`);
  const workspace = Workspace.open(path.join(dir, 'workspace'));
  try {
    const random = seededRandom(20_251_205 + seed * 31 + VARIANTS.indexOf(variant));
    const lines = hostileLines(random, variant);
    if (variant === 'stored') storeHostileLines(workspace.db, lines);
    else await importHostileLines(workspace.db, lines, dir, 'orders');
    await trainQuickly(workspace.db);

    const shop = storedShop(workspace.db);
    const hostile = countHostileValues(shop);
    expect(hostile).toBeGreaterThan(100);
    totals.storedHostileValues += hostile;
    totals.shops += 1;

    const locale = seed % 2 === 0 ? 'en' : 'zh-CN';
    for (const format of EXPORT_FORMATS) {
      const [utf8, bom, gbk] = [
        await exportTo(workspace.db, format, 'utf-8', dir, locale),
        await exportTo(workspace.db, format, 'utf-8-bom', dir, locale),
        await exportTo(workspace.db, format, 'gbk', dir, locale),
      ];
      totals.files += EXPORT_ENCODINGS.length;
      if (!utf8!.ok) {
        // Only an e-mail format may be rejected in UTF-8, and only when no customer has a usable address.
        expect([format, utf8!.code, shop.emailCustomers.size]).toEqual([format, 'export.noEmailCustomers', 0]);
        expect([bom!.ok, gbk!.ok]).toEqual([false, false]);
        continue;
      }
      expect(bom!.ok, `${format}: UTF-8 with BOM export failed`).toBe(true);
      expect(bom!.ok && bom!.bytes.equals(Buffer.concat([UTF8_BOM, utf8!.bytes])), `${format}: BOM file is not BOM + UTF-8 file`).toBe(true);
      expect(utf8!.bytes.subarray(0, 3).equals(UTF8_BOM), `${format}: UTF-8 file starts with a BOM`).toBe(false);

      const text = utf8!.bytes.toString('utf8');
      expect(checkFile(format, text, utf8!.summary, shop), `${format} ${variant} seed ${seed}`).toEqual([]);
      checkGbk(text, gbk!, dir);
    }
  } finally {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('export fuzzing', () => {
  for (let seed = 0; seed < SEEDS; seed += 1) {
    for (const variant of VARIANTS) {
      it(`keeps ${variant} hostile shop ${seed} intact in every format`, () => fuzzShop(seed, variant));
    }
  }

  it('reached every kind of hostile value', () => {
    const missing = Object.keys(HOSTILE_KINDS).filter((kind) => !kindsSeen.has(kind));
    expect(missing).toEqual([]);
    expect(totals.gbkWritten).toBeGreaterThan(0);
    expect(totals.gbkRejected).toBeGreaterThan(0);
  });
});
