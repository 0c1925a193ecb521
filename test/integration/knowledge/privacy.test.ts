import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { DATABASE_FILE } from '../../../src-main/core/store/database.ts';
import { Workspace } from '../../../src-main/core/workspace.ts';

const FIXTURES = path.join(__dirname, 'fixtures');
const RAW_IDS = ['ZQVCUSTA77', 'ZQVCUSTB88', 'ZQVCUSTC99', 'ZQVCUSTD11'];
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-privacy-'));
  dirs.push(dir);
  return dir;
}

/** Every byte the workspace keeps on disk: the database file and any WAL or journal beside it. */
function workspaceBytes(dir: string): string {
  return ['', '-wal', '-shm', '-journal']
    .map((suffix) => path.join(dir, DATABASE_FILE + suffix))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('pseudonymised customers', () => {
  it('stores keyed pseudonyms, stable across imports', async () => {
    const dir = tempDir();
    const workspace = Workspace.open(dir);
    workspace.setPseudonymiseCustomers(true);
    await workspace.importFile(path.join(FIXTURES, 'private-january.csv'));
    const afterJanuary = workspace.db.prepare('SELECT external_id FROM customers ORDER BY id').pluck().all() as string[];
    await workspace.importFile(path.join(FIXTURES, 'private-february.csv'));
    const afterFebruary = workspace.db.prepare('SELECT external_id FROM customers ORDER BY id').pluck().all() as string[];

    expect(afterJanuary).toHaveLength(3);
    for (const id of afterFebruary) expect(id).toMatch(/^c_[0-9a-f]{10}$/);
    // A and B bought again in February: still three customers, the same pseudonyms first.
    expect(afterFebruary.slice(0, 3)).toEqual(afterJanuary);
    expect(afterFebruary).toHaveLength(3);
    const repeat = workspace.db
      .prepare('SELECT COUNT(DISTINCT order_id) FROM events WHERE customer_id = (SELECT id FROM customers WHERE external_id = ?)')
      .pluck()
      .get(afterJanuary[0]);
    expect(repeat).toBe(2);
    workspace.close();

    const bytes = workspaceBytes(dir);
    for (const raw of RAW_IDS) expect(bytes.includes(raw), raw).toBe(false);
    expect(bytes.includes(afterJanuary[0]!)).toBe(true);
  });

  it('replaces ids already stored when turned on', async () => {
    const dir = tempDir();
    const workspace = Workspace.open(dir);
    await workspace.importFile(path.join(FIXTURES, 'private-january.csv'));
    expect(workspace.db.prepare('SELECT COUNT(*) FROM customers WHERE external_id = ?').pluck().get('ZQVCUSTA77')).toBe(1);

    workspace.setPseudonymiseCustomers(true);
    await workspace.importFile(path.join(FIXTURES, 'private-february.csv'));
    const ids = workspace.db.prepare('SELECT external_id FROM customers').pluck().all() as string[];
    workspace.close();

    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^c_[0-9a-f]{10}$/);
    const bytes = workspaceBytes(dir);
    for (const raw of RAW_IDS) expect(bytes.includes(raw), raw).toBe(false);
  });

  it('keeps the key out of knowledge packs', async () => {
    const dir = tempDir();
    const workspace = Workspace.open(dir);
    workspace.setPseudonymiseCustomers(true);
    await workspace.importFile(path.join(FIXTURES, 'private-january.csv'));
    const key = workspace.db.prepare(`SELECT value FROM settings WHERE key = 'customerPseudonymKey'`).pluck().get() as string;
    const pack = path.join(tempDir(), 'shop.pack');
    workspace.exportKnowledgePack(pack, { includeCustomers: true });
    workspace.close();

    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const packBytes = readFileSync(pack).toString('latin1');
    expect(packBytes.includes(key)).toBe(false);
    for (const raw of RAW_IDS) expect(packBytes.includes(raw), raw).toBe(false);
  });
});
