import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ShopRecError } from '../../../src-main/core/errors.ts';
import { DATABASE_FILE, openDatabase, schemaVersion } from '../../../src-main/core/store/database.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src-main/core/store/migrations/index.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-migrations-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Creates the workspace file that a build whose newest migration was `version` would leave. */
function workspaceAtVersion(version: number): Database.Database {
  const raw = new Database(path.join(dir, DATABASE_FILE));
  raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) {
    raw.exec(migration.sql);
    raw.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, '2026-01-01T00:00:00Z');
  }
  return raw;
}

describe('schema migrations', () => {
  it('upgrades version 6, keeping rows', () => {
    const raw = workspaceAtVersion(6);
    raw.exec(`INSERT INTO training_runs (id, started_at, status, params_json, data_watermark) VALUES (1, '2026-01-01', 'cancelled', '{}', 5)`);
    raw.prepare(`INSERT INTO model_checkpoints (run_id, model, epoch, weights, item_ids, loss, created_at) VALUES (1, 'sequential', 3, ?, ?, 1.5, '2026-01-01')`)
      .run(Buffer.from([1, 2, 3]), Buffer.from([4, 0, 0, 0]));
    raw.close();

    const db = openDatabase(dir);
    try {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare('SELECT run_id AS runId, epoch, settings_json AS settings FROM model_checkpoints').all()).toEqual([{ runId: 1, epoch: 3, settings: null }]);
      expect(db.prepare('SELECT status, owner_pid AS pid, owner_started_ms AS startedMs, owner_thread AS thread FROM training_runs').all()).toEqual([
        { status: 'cancelled', pid: null, startedMs: null, thread: null },
      ]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('rejects a workspace from a newer build', () => {
    const raw = workspaceAtVersion(LATEST_SCHEMA_VERSION);
    raw.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'from the future', '2027-01-01T00:00:00Z');
    raw.close();

    let error: unknown;
    try {
      openDatabase(dir).close();
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ShopRecError);
    expect((error as ShopRecError).code).toBe('workspace.newerVersion');
    expect((error as ShopRecError).params).toMatchObject({ found: LATEST_SCHEMA_VERSION + 1, supported: LATEST_SCHEMA_VERSION });
  });
});
