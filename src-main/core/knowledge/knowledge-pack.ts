import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { KnowledgePackManifest } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import { schemaVersion, type Db } from '../store/database.ts';
import { LATEST_SCHEMA_VERSION } from '../store/migrations/index.ts';

/**
 * A knowledge pack is one SQLite file: the workspace's learned knowledge (model versions with
 * their artefacts, basket counts, similar items, change reports) and the catalogue, plus on
 * request the customers with their orders, events and profiles. It never contains settings
 * (the pseudonym key lives there) nor rejected rows (their raw text can name a customer).
 */
export const PACK_FORMAT_VERSION = 1;
const MANIFEST_TABLE = 'shoprec_manifest';

/** Tables in an order that satisfies foreign keys when they are copied one after another. */
const CATALOGUE_TABLES = ['imports', 'items'];
const CUSTOMER_TABLES = ['customers', 'orders', 'events', 'customer_profiles'];
const KNOWLEDGE_TABLES = [
  'training_runs',
  'model_versions',
  'model_metrics',
  'item_popularity',
  'item_neighbours',
  'item_associations',
  'serving',
  'knowledge_imports',
  'basket_totals',
  'item_baskets',
  'item_pairs',
  'similar_items',
  'change_reports',
];
/** Stored by migration 002 when present; copied only when both sides have it. */
const OPTIONAL_TABLES = ['column_mappings'];

/**
 * Writes the pack to `outPath`, replacing an existing file only once the new one is complete.
 * Row ids are kept, so a pack imported elsewhere serves the same version with the same ids.
 */
export function exportKnowledgePack(db: Db, outPath: string, options: { includeCustomers: boolean }): KnowledgePackManifest {
  const target = path.resolve(outPath);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const tables = packTables(db, options.includeCustomers);

  const counts: Record<string, number> = {};
  attach(db, temporary, target);
  try {
    db.transaction(() => {
      for (const table of tables) {
        db.exec(`CREATE TABLE pack."${table}" AS SELECT * FROM main."${table}"`);
        counts[table] = db.prepare(`SELECT COUNT(*) FROM pack."${table}"`).pluck().get() as number;
      }
    })();
    const manifest: KnowledgePackManifest = {
      formatVersion: PACK_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      appVersion: appVersion(),
      sourceWorkspaceId: workspaceId(db),
      schemaVersion: schemaVersion(db),
      includesCustomers: options.includeCustomers,
      counts,
    };
    db.exec(`CREATE TABLE pack.${MANIFEST_TABLE} (format_version INTEGER NOT NULL, manifest_json TEXT NOT NULL)`);
    db.prepare(`INSERT INTO pack.${MANIFEST_TABLE} VALUES (?, ?)`).run(PACK_FORMAT_VERSION, JSON.stringify(manifest));
    db.exec('DETACH DATABASE pack');
    renameSync(temporary, target);
    return manifest;
  } catch (error) {
    if (isAttached(db)) db.exec('DETACH DATABASE pack');
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Copies a pack into this workspace, which must be empty (a fresh workspace): ids in the pack
 * would clash with rows already here. Everything is copied in one transaction.
 */
export function importKnowledgePack(db: Db, packPath: string, workspaceDir: string): KnowledgePackManifest {
  const file = path.resolve(packPath);
  if (!isEmptyWorkspace(db)) throw new ShopRecError('knowledge.workspaceNotEmpty', { path: workspaceDir });

  attach(db, file, file);
  try {
    const manifest = readManifest(db, file);
    const tables = [...CATALOGUE_TABLES, ...CUSTOMER_TABLES, ...KNOWLEDGE_TABLES, ...OPTIONAL_TABLES].filter(
      (table) => hasTable(db, 'pack', table) && hasTable(db, 'main', table),
    );
    db.transaction(() => {
      for (const table of tables) {
        const columns = sharedColumns(db, table).map((column) => `"${column}"`).join(', ');
        db.exec(`INSERT OR REPLACE INTO main."${table}" (${columns}) SELECT ${columns} FROM pack."${table}"`);
      }
    })();
    return manifest;
  } finally {
    db.exec('DETACH DATABASE pack');
  }
}

function packTables(db: Db, includeCustomers: boolean): string[] {
  const optional = OPTIONAL_TABLES.filter((table) => hasTable(db, 'main', table));
  return [...CATALOGUE_TABLES, ...(includeCustomers ? CUSTOMER_TABLES : []), ...KNOWLEDGE_TABLES, ...optional];
}

function attach(db: Db, file: string, shownAs: string): void {
  try {
    db.prepare('ATTACH DATABASE ? AS pack').run(file);
  } catch (error) {
    throw new ShopRecError('knowledge.invalidPack', { file: shownAs, reason: String((error as Error).message) }, { cause: error });
  }
}

function readManifest(db: Db, file: string): KnowledgePackManifest {
  let row: { format_version: number; manifest_json: string } | undefined;
  try {
    row = db.prepare(`SELECT format_version, manifest_json FROM pack.${MANIFEST_TABLE}`).get() as typeof row;
  } catch (error) {
    throw new ShopRecError('knowledge.invalidPack', { file, reason: 'no manifest' }, { cause: error });
  }
  if (!row) throw new ShopRecError('knowledge.invalidPack', { file, reason: 'empty manifest' });
  if (row.format_version !== PACK_FORMAT_VERSION) {
    throw new ShopRecError('knowledge.invalidPack', { file, reason: `format version ${row.format_version}` });
  }
  const manifest = JSON.parse(row.manifest_json) as KnowledgePackManifest;
  if (manifest.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new ShopRecError('workspace.newerVersion', { path: file, found: manifest.schemaVersion, supported: LATEST_SCHEMA_VERSION });
  }
  return manifest;
}

function isEmptyWorkspace(db: Db): boolean {
  const row = db
    .prepare('SELECT (SELECT COUNT(*) FROM imports) + (SELECT COUNT(*) FROM items) + (SELECT COUNT(*) FROM training_runs) AS n')
    .get() as { n: number };
  return row.n === 0;
}

function hasTable(db: Db, schema: 'main' | 'pack', table: string): boolean {
  return db.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
}

function isAttached(db: Db): boolean {
  return (db.pragma('database_list') as { name: string }[]).some((entry) => entry.name === 'pack');
}

/** Columns both the pack and this workspace have, so a pack from a slightly older schema still loads. */
function sharedColumns(db: Db, table: string): string[] {
  const inPack = new Set((db.prepare(`PRAGMA pack.table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
  return (db.prepare(`PRAGMA main.table_info("${table}")`).all() as { name: string }[]).map((c) => c.name).filter((name) => inPack.has(name));
}

/** Returns this workspace's random id, created on first use, which names it in packs. */
export function workspaceId(db: Db): string {
  const existing = db.prepare(`SELECT value FROM settings WHERE key = 'workspaceId'`).pluck().get() as string | undefined;
  if (existing) return existing;
  const id = randomUUID();
  db.prepare(`INSERT INTO settings (key, value) VALUES ('workspaceId', ?)`).run(id);
  return id;
}

function appVersion(): string {
  const packageFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../package.json');
  try {
    return (JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
