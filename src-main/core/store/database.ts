import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { ShopRecError } from '../errors.ts';
import { createLogger } from '../log.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.ts';

export type Db = Database.Database;

const log = createLogger('store');

/** File name of the database inside a workspace folder. */
export const DATABASE_FILE = 'shop.sqlite';

/**
 * Opens (creating if needed) the database of the workspace folder `workspaceDir` and brings its
 * schema up to date. A newer schema than this build knows, or a failed migration, stops with a
 * clear error and leaves the file as it was.
 */
export function openDatabase(workspaceDir: string, options: { create?: boolean } = {}): Db {
  const create = options.create ?? true;
  const file = path.join(workspaceDir, DATABASE_FILE);

  if (!existsSync(file)) {
    if (!create) throw new ShopRecError('workspace.notFound', { path: workspaceDir });
    mkdirSync(workspaceDir, { recursive: true });
  }

  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw new ShopRecError('workspace.corrupt', { path: workspaceDir, reason: errorMessage(error) }, { cause: error });
  }

  try {
    applyPragmas(db);
    migrate(db, workspaceDir);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * WAL lets the UI read while an import writes. synchronous=NORMAL is durable against crashes of
 * the app in WAL mode; a power cut may lose the last committed transaction but never corrupts
 * the file. Foreign keys are off by default in SQLite and we rely on them.
 */
function applyPragmas(db: Db): void {
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
  } catch (error) {
    throw new ShopRecError('workspace.corrupt', { path: db.name, reason: errorMessage(error) }, { cause: error });
  }
}

function migrate(db: Db, workspaceDir: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);

  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new ShopRecError('workspace.newerVersion', {
      path: workspaceDir,
      found: current,
      supported: LATEST_SCHEMA_VERSION,
    });
  }

  // Skips by recorded version, not by the highest one: a workspace created while a lower-numbered
  // step was still unreleased must still get that step.
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;

    const apply = db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    });
    try {
      apply();
      log.info('applied migration', { version: migration.version, name: migration.name });
    } catch (error) {
      throw new ShopRecError(
        'workspace.migrationFailed',
        { path: workspaceDir, version: migration.version, reason: errorMessage(error) },
        { kind: 'bug', cause: error },
      );
    }
  }
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
