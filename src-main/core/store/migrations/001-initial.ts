import type { Migration } from './types.ts';

/**
 * Raw facts (imports, rejected rows, customers, items, orders, events) and what training
 * learns (runs, metrics, model versions, item neighbours, item associations).
 * Times are Unix seconds. Exports without a time zone (UCI, Chinese platforms) are stored as
 * their wall-clock time read as UTC, so that day boundaries match what the merchant sees.
 *
 * Event fingerprints are unique through a named index rather than a column constraint, so that
 * a bulk import can drop it with the other events indexes and rebuild it once at the end (it
 * de-duplicates in memory meanwhile). Events have no index on import_id or order_id: no query
 * filters on them, and imports and orders are never deleted, so foreign keys need none either.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  sql: `
    CREATE TABLE imports (
      id            INTEGER PRIMARY KEY,
      file_name     TEXT    NOT NULL,
      file_sha256   TEXT    NOT NULL UNIQUE,
      file_bytes    INTEGER NOT NULL,
      format        TEXT    NOT NULL,
      encoding      TEXT    NOT NULL,
      delimiter     TEXT    NOT NULL,
      mapping_json  TEXT    NOT NULL,
      counts_json   TEXT    NOT NULL,
      first_order_at INTEGER,
      last_order_at  INTEGER,
      imported_at   TEXT    NOT NULL,
      duration_ms   INTEGER NOT NULL
    );

    CREATE TABLE rejected_rows (
      import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
      line_number INTEGER NOT NULL,
      reason      TEXT    NOT NULL,
      params_json TEXT    NOT NULL,
      raw         TEXT    NOT NULL,
      PRIMARY KEY (import_id, line_number)
    ) WITHOUT ROWID;

    CREATE TABLE customers (
      id           INTEGER PRIMARY KEY,
      external_id  TEXT NOT NULL UNIQUE,
      country      TEXT,
      first_import_id INTEGER NOT NULL REFERENCES imports(id)
    );

    CREATE TABLE items (
      id          INTEGER PRIMARY KEY,
      sku         TEXT NOT NULL UNIQUE,
      title       TEXT NOT NULL DEFAULT '',
      title_from_sale INTEGER NOT NULL DEFAULT 0,
      unit_price  REAL,
      currency    TEXT,
      first_import_id INTEGER NOT NULL REFERENCES imports(id)
    );

    CREATE TABLE orders (
      id          INTEGER PRIMARY KEY,
      source      TEXT    NOT NULL,
      order_ref   TEXT    NOT NULL,
      customer_id INTEGER REFERENCES customers(id),
      ordered_at  INTEGER NOT NULL,
      is_cancellation INTEGER NOT NULL DEFAULT 0,
      import_id   INTEGER NOT NULL REFERENCES imports(id),
      UNIQUE (source, order_ref)
    );

    CREATE TABLE events (
      id          INTEGER PRIMARY KEY,
      import_id   INTEGER NOT NULL REFERENCES imports(id),
      kind        TEXT    NOT NULL CHECK (kind IN ('purchase', 'return')),
      order_id    INTEGER NOT NULL REFERENCES orders(id),
      customer_id INTEGER REFERENCES customers(id),
      item_id     INTEGER NOT NULL REFERENCES items(id),
      quantity    REAL    NOT NULL,
      unit_price  REAL,
      occurred_at INTEGER NOT NULL,
      line_number INTEGER NOT NULL,
      fingerprint INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX events_fingerprint ON events(fingerprint);
    CREATE INDEX events_by_customer ON events(customer_id, occurred_at) WHERE customer_id IS NOT NULL;
    CREATE INDEX events_by_item ON events(item_id);

    CREATE TABLE training_runs (
      id            INTEGER PRIMARY KEY,
      started_at    TEXT NOT NULL,
      finished_at   TEXT,
      status        TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
      params_json   TEXT NOT NULL,
      data_watermark INTEGER NOT NULL,
      split_json    TEXT,
      serving_model TEXT,
      choice_json   TEXT,
      duration_ms   INTEGER
    );

    CREATE TABLE model_metrics (
      run_id      INTEGER NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
      model       TEXT    NOT NULL,
      hr10        REAL    NOT NULL,
      ndcg10      REAL    NOT NULL,
      recall20    REAL    NOT NULL,
      coverage    REAL    NOT NULL,
      evaluated_customers INTEGER NOT NULL,
      PRIMARY KEY (run_id, model)
    ) WITHOUT ROWID;

    CREATE TABLE model_versions (
      id          INTEGER PRIMARY KEY,
      run_id      INTEGER NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
      model       TEXT    NOT NULL,
      params_json TEXT    NOT NULL,
      parent_id   INTEGER REFERENCES model_versions(id),
      artifact    BLOB,
      created_at  TEXT    NOT NULL,
      UNIQUE (run_id, model)
    );

    CREATE TABLE item_neighbours (
      model_version_id INTEGER NOT NULL REFERENCES model_versions(id) ON DELETE CASCADE,
      item_id     INTEGER NOT NULL REFERENCES items(id),
      rank        INTEGER NOT NULL,
      neighbour_id INTEGER NOT NULL REFERENCES items(id),
      score       REAL    NOT NULL,
      support     INTEGER NOT NULL,
      PRIMARY KEY (model_version_id, item_id, rank)
    ) WITHOUT ROWID;

    CREATE TABLE item_popularity (
      model_version_id INTEGER NOT NULL REFERENCES model_versions(id) ON DELETE CASCADE,
      item_id     INTEGER NOT NULL REFERENCES items(id),
      customers   INTEGER NOT NULL,
      score       REAL    NOT NULL,
      rebuy_rate  REAL    NOT NULL,
      PRIMARY KEY (model_version_id, item_id)
    ) WITHOUT ROWID;

    CREATE TABLE item_associations (
      run_id      INTEGER NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
      item_id     INTEGER NOT NULL REFERENCES items(id),
      other_item_id INTEGER NOT NULL REFERENCES items(id),
      orders_together INTEGER NOT NULL,
      support     REAL NOT NULL,
      confidence  REAL NOT NULL,
      lift        REAL NOT NULL,
      PRIMARY KEY (run_id, item_id, other_item_id)
    ) WITHOUT ROWID;

    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
