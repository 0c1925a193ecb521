import path from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { FIXTURES, parseJson, runCli, tempDir } from './run-cli.ts';

const SMALL_SHOP = path.join(FIXTURES, 'small-shop.csv');

function customerIds(workspace: string): string[] {
  const db = new Database(path.join(workspace, 'shop.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT external_id AS id FROM customers ORDER BY id').all() as { id: string }[]).map((row) => row.id);
  } finally {
    db.close();
  }
}

describe('shoprec privacy', () => {
  it('pseudonymises stored customer ids', async () => {
    const workspace = path.join(tempDir(), 'ws');
    await runCli(['import', SMALL_SHOP, '--workspace', workspace]);
    expect(customerIds(workspace).some((id) => /^\d+$/.test(id))).toBe(true);

    const result = await runCli(['privacy', '--pseudonymise', 'on', '--workspace', workspace, '--json']);

    expect(result.code).toBe(0);
    expect(parseJson(result).pseudonymiseCustomers).toBe(true);
    for (const id of customerIds(workspace)) expect(id).toMatch(/^c_[0-9a-f]{10}$/);
  });

  it('reports the setting in Chinese', async () => {
    const workspace = path.join(tempDir(), 'ws');
    await runCli(['privacy', '--pseudonymise', 'off', '--workspace', workspace]);

    const result = await runCli(['privacy', '--workspace', workspace, '--lang', 'zh-CN']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('顾客编号按导出文件原样保存');
  });

  it('rejects a value other than on or off', async () => {
    const result = await runCli(['privacy', '--pseudonymise', 'maybe', '--workspace', tempDir()]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid value "maybe" for --pseudonymise; use on or off.');
  });
});
