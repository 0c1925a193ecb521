import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DeferredIndexes } from '../../../src-main/core/store/deferred-indexes.ts';
import { openDatabase, type Db } from '../../../src-main/core/store/database.ts';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-indexes-'));
  db = openDatabase(dir);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const eventIndexes = (): string[] =>
  db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name`).pluck().all() as string[];

describe('DeferredIndexes', () => {
  it('rebuilds dropped events indexes', () => {
    db.exec(`INSERT INTO imports (id, file_name, file_sha256, file_bytes, format, encoding, delimiter, mapping_json, counts_json, imported_at, duration_ms)
             VALUES (1, 'a.csv', 'sha', 1, 'generic', 'utf-8', ',', '{}', '{}', '2026-01-01', 0)`);
    db.exec(`INSERT INTO items (id, sku, first_import_id) VALUES (1, 'A', 1), (2, 'B', 1)`);
    db.exec(`INSERT INTO orders (id, source, order_ref, ordered_at, import_id) VALUES (1, 'generic', 'o1', 0, 1)`);

    const deferred = DeferredIndexes.drop(db, 'events');
    expect(eventIndexes()).toEqual([]);
    const insert = db.prepare(`INSERT INTO events (import_id, kind, order_id, item_id, quantity, occurred_at, line_number, fingerprint)
                               VALUES (1, 'purchase', 1, ?, 1, 0, ?, ?)`);
    for (let line = 0; line < 3000; line++) insert.run(1 + (line % 2), line + 2, line);
    db.pragma('cache_size = -4321');

    deferred.rebuild();

    expect(eventIndexes()).toEqual(['events_by_customer', 'events_by_item']);
    expect(db.prepare('SELECT COUNT(*) FROM events INDEXED BY events_by_item WHERE item_id = 2').pluck().get()).toBe(1500);
    // The rebuild sorts with a small page cache and then restores the connection's own size.
    expect(db.pragma('cache_size', { simple: true })).toBe(-4321);
  });
});
