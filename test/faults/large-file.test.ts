/**
 * A large export imports in bounded memory: a synthetic UCI-layout file of 1,000,000 rows
 * (about 80 MB) is imported into a fresh workspace in a child process, whose peak RSS belongs
 * to this import alone. The import must count what the generator wrote, store exactly those
 * lines, and keep its peak RSS under 600 MB (about 300 MB was measured at 1,000,000 rows).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ImportSummary } from '../../src-main/api/contract.ts';
import { openDatabase } from '../../src-main/core/store/database.ts';
import { writeUciExport, type GeneratedCounts } from '../bench/uci-generator.ts';
import { REPO_ROOT } from './fault-helpers.ts';

const ROWS = 1_000_000;
const PEAK_RSS_LIMIT_MB = 600;

let dir: string;
let expected: GeneratedCounts;
let run: { seconds: number; peakRssMb: number; summary: ImportSummary };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-large-file-'));
  const csv = path.join(dir, 'orders.csv');
  expected = await writeUciExport(csv, ROWS);

  const child = path.join(REPO_ROOT, 'test/bench/import-child.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', child, csv, path.join(dir, 'workspace')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`import child failed (${result.status}): ${result.stderr}`);
  run = JSON.parse(result.stdout) as typeof run;
  console.info(`large-file: ${ROWS} rows in ${run.seconds.toFixed(1)} s, peak RSS ${Math.round(run.peakRssMb)} MB`);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('large file import', () => {
  it('counts what the generator wrote', () => {
    expect(expected.rows).toBe(ROWS);
    expect(run.summary).toMatchObject(expected);
  });

  it('stores one event per counted line', () => {
    const db = openDatabase(path.join(dir, 'workspace'));
    try {
      const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
      expect(count("SELECT count(*) FROM events WHERE kind = 'purchase'")).toBe(expected.lineItems);
      expect(count("SELECT count(*) FROM events WHERE kind = 'return'")).toBe(expected.returns);
      expect(count('SELECT count(*) FROM events WHERE customer_id IS NULL')).toBe(expected.anonymousLines);
      expect(count('SELECT count(*) FROM orders')).toBe(expected.orders);
      expect(count('SELECT count(*) FROM customers')).toBe(expected.customers);
      expect(count('SELECT count(*) FROM items')).toBe(expected.items);
      expect(count('SELECT count(*) FROM rejected_rows')).toBe(0);
    } finally {
      db.close();
    }
  });

  it('keeps the peak RSS under 600 MB', () => {
    expect(run.peakRssMb).toBeGreaterThan(0);
    expect(run.peakRssMb).toBeLessThan(PEAK_RSS_LIMIT_MB);
  });
});
