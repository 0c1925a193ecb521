import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { collect, DATASETS, FIXTURES, parseJson, runCli, startCli, tempDir } from './run-cli.ts';

const SMALL_SHOP = path.join(FIXTURES, 'small-shop.csv');
const LATER_MONTH = path.join(FIXTURES, 'later-month.csv');
const NO_USABLE_ROWS = path.join(FIXTURES, 'no-usable-rows.csv');
const EMPTY = path.join(FIXTURES, 'empty.csv');

const TABLES = ['imports', 'rejected_rows', 'customers', 'items', 'orders', 'events'] as const;

/** Row count of every table that an import writes to, read straight from the workspace file. */
function tableCounts(workspace: string): Record<string, number> {
  const db = new Database(path.join(workspace, 'shop.sqlite'), { readonly: true });
  try {
    return Object.fromEntries(
      TABLES.map((table) => [table, (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n]),
    );
  } finally {
    db.close();
  }
}

describe('shoprec import', () => {
  it('reports the counts of the small shop at top level', async () => {
    const workspace = tempDir();
    const result = await runCli(['import', SMALL_SHOP, '--workspace', workspace, '--json']);
    expect(result.code).toBe(0);

    // Counted by hand from the fixture's 13 data rows. POST, "abc" and "not a date" are rejected,
    // line 13 repeats line 2 exactly, and the cancelled invoice C536370 is a return.
    const json = parseJson(result);
    expect(json.format).toBe('online-retail');
    expect(json.encoding).toBe('utf-8');
    expect(json.delimiter).toBe(',');
    expect(json.rows).toBe(13);
    expect(json.rejected).toBe(3);
    expect(json.duplicates).toBe(1);
    expect(json.returns).toBe(1);
    expect(json.lineItems).toBe(8);
    expect(json.orders).toBe(7);
    expect(json.customers).toBe(3);
    expect(json.items).toBe(7);
    expect(json.alreadyImported).toBe(false);
    expect(json.imports).toHaveLength(1);
    expect(json.imports[0].importId).toBe(json.importId);
  });

  it('shows rejected rows with line and reason', async () => {
    const workspace = tempDir();
    const result = await runCli(['import', SMALL_SHOP, '--workspace', workspace]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Format online-retail, encoding utf-8, delimiter ",".');
    expect(result.stdout).toContain('line 10: Not a product (POST)');
    expect(result.stdout).toContain('line 11: Quantity "abc" is not a number');
    expect(result.stdout).toContain('line 12: Order date "not a date" could not be read');
  });

  it('adds nothing when a file is imported twice', async () => {
    const workspace = tempDir();
    await runCli(['import', SMALL_SHOP, '--workspace', workspace]);
    const before = tableCounts(workspace);

    const again = await runCli(['import', SMALL_SHOP, '--workspace', workspace]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('small-shop.csv was already imported (import #1); nothing was added.');
    expect(tableCounts(workspace)).toEqual(before);

    const json = parseJson(await runCli(['import', SMALL_SHOP, '--workspace', workspace, '--json']));
    expect(json.alreadyImported).toBe(true);
    expect(json.importId).toBeNull();
  });

  it('leaves the workspace unchanged after a failed import', async () => {
    const workspace = tempDir();
    await runCli(['import', SMALL_SHOP, '--workspace', workspace]);
    const before = tableCounts(workspace);
    expect(before.events).toBe(9);

    const failed = await runCli(['import', NO_USABLE_ROWS, '--workspace', workspace]);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toBe(
      'None of the 3 rows in no-usable-rows.csv could be used, so nothing was stored. ' +
        'The first rejected row is line 2: Quantity "many" is not a number.',
    );
    expect(tableCounts(workspace)).toEqual(before);
  });

  it('imports the other files when one fails', async () => {
    const workspace = tempDir();
    const result = await runCli(['import', SMALL_SHOP, NO_USABLE_ROWS, LATER_MONTH, '--workspace', workspace, '--json']);
    expect(result.code).toBe(1);

    const json = parseJson(result);
    expect(json.imports.map((entry: { file: string }) => entry.file)).toEqual([SMALL_SHOP, LATER_MONTH]);
    expect(json.failed).toHaveLength(1);
    expect(json.failed[0].file).toBe(NO_USABLE_ROWS);
    expect(json.failed[0].error.code).toBe('file.noUsableRows');
    expect(json.rows).toBeUndefined();
    expect(result.stderr).toContain(`1 of 3 files were not imported: ${NO_USABLE_ROWS}.`);
    expect(tableCounts(workspace).imports).toBe(2);
  });

  it('fails on an empty file in English', async () => {
    const result = await runCli(['import', EMPTY, '--workspace', tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('The file empty.csv is empty. Export the orders again from your shop and import the new file.');
  });

  it('fails on an empty file in Chinese', async () => {
    const result = await runCli(['import', EMPTY, '--workspace', tempDir(), '--lang', 'zh-CN']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('文件 empty.csv 是空的。请从店铺后台重新导出订单，再导入新文件。');
  });

  it('takes Chinese from LANG without --lang', async () => {
    const result = await runCli(['import', EMPTY, '--workspace', tempDir()], { LANG: 'zh_CN.UTF-8' });
    expect(result.stderr.trim()).toBe('文件 empty.csv 是空的。请从店铺后台重新导出订单，再导入新文件。');
  });

  it('uses SHOPREC_WORKSPACE when --workspace is absent', async () => {
    const workspace = path.join(tempDir(), 'from-env');
    const result = await runCli(['import', SMALL_SHOP, '--json'], { SHOPREC_WORKSPACE: workspace });
    expect(result.code).toBe(0);
    expect(tableCounts(workspace).imports).toBe(1);
  });

  it('rolls back and exits 130 on Ctrl-C', async () => {
    const workspace = tempDir();
    const child = startCli(['import', path.join(DATASETS, 'online-retail', 'online_retail.csv.gz'), '--workspace', workspace, '--progress']);

    // Interrupt once the import reports progress, so the signal lands in the middle of the work.
    child.stderr?.once('data', () => child.kill('SIGINT'));
    const result = await collect(child);

    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Cancelled. Nothing was changed.');
    expect(tableCounts(workspace)).toEqual({ imports: 0, rejected_rows: 0, customers: 0, items: 0, orders: 0, events: 0 });
  });
});
