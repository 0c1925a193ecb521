/**
 * A disk that fills up during an import, simulated by capping the database's page count just
 * above its current size: the import must fail with workspace.diskFull and leave every table
 * and the imports list exactly as before, and the file must still pass its integrity check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ShopRecError } from '../../src-main/core/errors.ts';
import { importOrderFile } from '../../src-main/core/importing/import-order-file.ts';
import { sampleShopFiles } from '../../src-main/core/importing/sample-shop.ts';
import { Workspace } from '../../src-main/core/workspace.ts';
import { consistencyProblems, importsList, tableCounts } from './workspace-state.ts';

let dir: string;
let workspace: Workspace;

const month = (name: string): string => sampleShopFiles().find((file) => file.endsWith(`online-retail-${name}.csv.gz`))!;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-full-'));
  workspace = Workspace.open(dir);
  await importOrderFile(workspace.db, month('2011-02'));
});

afterAll(() => {
  workspace?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('disk full during an import', () => {
  it('fails with diskFull and leaves the workspace as it was', async () => {
    const db = workspace.db as never;
    const before = { counts: tableCounts(db), imports: importsList(db) };
    const pages = workspace.db.pragma('page_count', { simple: true }) as number;
    workspace.db.pragma(`max_page_count = ${pages + 200}`);

    const failure = await importOrderFile(workspace.db, month('2011-12')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ShopRecError);
    expect((failure as ShopRecError).code).toBe('workspace.diskFull');

    expect({ counts: tableCounts(db), imports: importsList(db) }).toEqual(before);
    expect(consistencyProblems(db)).toEqual([]);
    expect(workspace.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('imports the same file once space is back', async () => {
    workspace.db.pragma('max_page_count = 1073741823');
    const summary = await importOrderFile(workspace.db, month('2011-12'));
    expect(summary.importId).not.toBeNull();
    expect(consistencyProblems(workspace.db as never)).toEqual([]);
  });
});
