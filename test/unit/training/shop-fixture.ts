import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { openDatabase, type Db } from '../../../src-main/core/store/database.ts';

/** One order line for a test shop; `at` is an ISO date or Unix seconds. */
export interface FixtureLine {
  customer: string | null;
  order: string;
  sku: string;
  at: string | number;
  title?: string;
  quantity?: number;
  kind?: 'purchase' | 'return';
}

export interface FixtureShop {
  db: Db;
  dir: string;
  close(): void;
}

/** Opens a workspace database in a temporary folder and fills it with `lines` as one import. */
export function createFixtureShop(lines: FixtureLine[]): FixtureShop {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-train-'));
  const db = openDatabase(dir);
  addLines(db, lines);
  return {
    db,
    dir,
    close() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Adds `lines` to the workspace as a new import, creating customers, items and orders as needed. */
export function addLines(db: Db, lines: FixtureLine[]): number {
  const importId = Number(
    db
      .prepare(
        `INSERT INTO imports (file_name, file_sha256, file_bytes, format, encoding, delimiter, mapping_json,
           counts_json, imported_at, duration_ms)
         VALUES ('fixture.csv', ?, 0, 'generic', 'utf-8', ',', '{}', '{}', ?, 0)`,
      )
      .run(`sha-${Math.random()}`, new Date().toISOString()).lastInsertRowid,
  );
  const customerId = idLookup(db, 'customers', 'external_id', (ref) =>
    db.prepare('INSERT INTO customers (external_id, first_import_id) VALUES (?, ?)').run(ref, importId),
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (import_id, kind, order_id, customer_id, item_id, quantity, occurred_at, line_number, fingerprint)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const nextFingerprint = (db.prepare('SELECT COALESCE(MAX(fingerprint), 0) + 1 AS f FROM events').get() as { f: number }).f;

  db.transaction(() => {
    lines.forEach((line, index) => {
      const at = typeof line.at === 'number' ? line.at : Math.floor(Date.parse(line.at) / 1000);
      const customer = line.customer === null ? null : customerId(line.customer);
      const item = itemId(db, line.sku, line.title ?? `Item ${line.sku}`, importId);
      const order = orderId(db, line.order, customer, at, importId, line.kind === 'return');
      insertEvent.run(importId, line.kind ?? 'purchase', order, customer, item, line.quantity ?? 1, at, index + 2, nextFingerprint + index);
    });
  })();
  return importId;
}

function idLookup(db: Db, table: string, column: string, insert: (ref: string) => { lastInsertRowid: number | bigint }) {
  const find = db.prepare(`SELECT id FROM ${table} WHERE ${column} = ?`);
  return (ref: string): number => {
    const row = find.get(ref) as { id: number } | undefined;
    return row ? row.id : Number(insert(ref).lastInsertRowid);
  };
}

function itemId(db: Db, sku: string, title: string, importId: number): number {
  const row = db.prepare('SELECT id FROM items WHERE sku = ?').get(sku) as { id: number } | undefined;
  if (row) return row.id;
  return Number(db.prepare('INSERT INTO items (sku, title, first_import_id) VALUES (?, ?, ?)').run(sku, title, importId).lastInsertRowid);
}

function orderId(db: Db, ref: string, customer: number | null, at: number, importId: number, cancellation: boolean): number {
  const row = db.prepare(`SELECT id FROM orders WHERE source = 'fixture' AND order_ref = ?`).get(ref) as { id: number } | undefined;
  if (row) return row.id;
  return Number(
    db
      .prepare(
        `INSERT INTO orders (source, order_ref, customer_id, ordered_at, is_cancellation, import_id)
         VALUES ('fixture', ?, ?, ?, ?, ?)`,
      )
      .run(ref, customer, at, cancellation ? 1 : 0, importId).lastInsertRowid,
  );
}

const DAY = 86_400;
/** 2024-01-01T10:00:00Z, a fixed start for synthetic shops. */
const START = Date.UTC(2024, 0, 1, 10) / 1000;

/**
 * A synthetic shop with two tastes: customers c00..c(n-1) alternate between the "garden"
 * items G1..G6 and the "kitchen" items K1..K6. Each customer buys on three days. On the last
 * day they buy the next item of their own group, so item-kNN can find it and plain popularity
 * cannot. B1 is a best seller everyone buys on the first day, and three anonymous orders buy
 * G1 with G2.
 */
export function tasteShopLines(customers = 24): FixtureLine[] {
  const lines: FixtureLine[] = [];
  for (let c = 0; c < customers; c++) {
    const group = c % 2 === 0 ? 'G' : 'K';
    const id = `c${String(c).padStart(2, '0')}`;
    const first = (c % 5) + 1;
    const second = (first % 6) + 1;
    const third = (second % 6) + 1;
    const at = (day: number): number => START + (day + c) * DAY;
    lines.push({ customer: id, order: `${id}-1`, sku: `${group}${first}`, at: at(0), title: `${group} item ${first}` });
    lines.push({ customer: id, order: `${id}-1`, sku: 'B1', at: at(0), title: 'Best seller' });
    lines.push({ customer: id, order: `${id}-2`, sku: `${group}${second}`, at: at(3), title: `${group} item ${second}` });
    lines.push({ customer: id, order: `${id}-3`, sku: `${group}${third}`, at: at(7), title: `${group} item ${third}` });
  }
  for (let o = 0; o < 3; o++) {
    lines.push({ customer: null, order: `anon-${o}`, sku: 'G1', at: START + o * DAY, title: 'G item 1' });
    lines.push({ customer: null, order: `anon-${o}`, sku: 'G2', at: START + o * DAY, title: 'G item 2' });
  }
  return lines;
}
