import type { Migration } from './types.ts';

/**
 * Knowledge that outlives one training run and grows with every import.
 *
 * - `serving`: history of the merchant's choices of which model version serves (roll back or
 *   forward). The newest row is the pointer; a training run completed after it takes over again.
 * - `item_pairs`, `item_baskets`, `basket_totals`: counts of order baskets, kept up to date by
 *   each import (support, confidence and lift are derived from them when read). A pair is stored
 *   once, with the smaller item id first. `customers` counts distinct known customers with at
 *   least one counted basket that contains both items.
 * - `knowledge_imports`: the imports already folded into the counts, so each is applied once.
 * - `customer_profiles`: recency, frequency, monetary value, price band and favourite items.
 * - `similar_items`: neighbours by product title (text) or by co-occurrence.
 * - `change_reports`: what changed after each import and each training run.
 */
export const knowledgeSchema: Migration = {
  version: 4,
  name: 'knowledge: serving pointer, basket counts, profiles, similar items, change reports',
  sql: `
    CREATE TABLE serving (
      id               INTEGER PRIMARY KEY,
      model_version_id INTEGER NOT NULL REFERENCES model_versions(id) ON DELETE CASCADE,
      since            TEXT    NOT NULL,
      reason           TEXT    NOT NULL CHECK (reason IN ('rollback', 'rollforward', 'manual')),
      latest_run_id    INTEGER REFERENCES training_runs(id) ON DELETE SET NULL
    );

    CREATE TABLE knowledge_imports (
      import_id    INTEGER PRIMARY KEY REFERENCES imports(id),
      applied_at   TEXT    NOT NULL,
      baskets      INTEGER NOT NULL,
      pairs_changed INTEGER NOT NULL,
      profiles_updated INTEGER NOT NULL
    );

    CREATE TABLE basket_totals (
      id      INTEGER PRIMARY KEY CHECK (id = 1),
      baskets INTEGER NOT NULL
    );
    INSERT INTO basket_totals (id, baskets) VALUES (1, 0);

    CREATE TABLE item_baskets (
      item_id INTEGER PRIMARY KEY REFERENCES items(id),
      orders  INTEGER NOT NULL
    );

    CREATE TABLE item_pairs (
      item_id       INTEGER NOT NULL REFERENCES items(id),
      other_item_id INTEGER NOT NULL REFERENCES items(id),
      orders        INTEGER NOT NULL,
      customers     INTEGER NOT NULL,
      PRIMARY KEY (item_id, other_item_id),
      CHECK (item_id < other_item_id)
    ) WITHOUT ROWID;
    CREATE INDEX item_pairs_by_other ON item_pairs(other_item_id);

    CREATE TABLE customer_profiles (
      customer_id      INTEGER PRIMARY KEY REFERENCES customers(id),
      orders           INTEGER NOT NULL,
      distinct_days    INTEGER NOT NULL,
      first_order_at   INTEGER,
      last_order_at    INTEGER,
      monetary         REAL    NOT NULL,
      distinct_items   INTEGER NOT NULL,
      median_unit_price REAL,
      price_band       TEXT CHECK (price_band IN ('low', 'mid', 'high')),
      favourite_items_json TEXT NOT NULL,
      keywords_json    TEXT    NOT NULL,
      updated_import_id INTEGER NOT NULL REFERENCES imports(id)
    );

    CREATE TABLE similar_items (
      item_id       INTEGER NOT NULL REFERENCES items(id),
      source        TEXT    NOT NULL CHECK (source IN ('text', 'co-occurrence')),
      other_item_id INTEGER NOT NULL REFERENCES items(id),
      score         REAL    NOT NULL,
      PRIMARY KEY (item_id, source, other_item_id)
    ) WITHOUT ROWID;

    CREATE TABLE change_reports (
      id          INTEGER PRIMARY KEY,
      created_at  TEXT NOT NULL,
      trigger     TEXT NOT NULL CHECK (trigger IN ('import', 'training')),
      import_id   INTEGER REFERENCES imports(id),
      run_id      INTEGER REFERENCES training_runs(id) ON DELETE SET NULL,
      report_json TEXT NOT NULL
    );
  `,
};
