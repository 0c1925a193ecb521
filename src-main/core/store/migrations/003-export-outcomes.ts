import type { Migration } from './types.ts';

/**
 * What each export recommended to whom, and what later imports showed about it.
 *
 * `data_watermark` is the last order time (Unix seconds) in the workspace when the export was
 * written. Outcome windows start there rather than at `created_at`, so exporting from history
 * and importing the following months afterwards measures the same thing as living through them.
 * `export_recommendations.customer_id` is NULL for per-item exports, whose pairs are
 * (anchor_item_id, item_id). `export_outcomes` holds the latest measurement of each export and
 * is recomputed after every import.
 */
export const exportOutcomes: Migration = {
  version: 3,
  name: 'export outcomes',
  sql: `
    CREATE TABLE exports (
      id             INTEGER PRIMARY KEY,
      format         TEXT    NOT NULL,
      path           TEXT    NOT NULL,
      created_at     TEXT    NOT NULL,
      run_id         INTEGER REFERENCES training_runs(id) ON DELETE SET NULL,
      data_watermark INTEGER NOT NULL
    );

    CREATE TABLE export_recommendations (
      export_id      INTEGER NOT NULL REFERENCES exports(id) ON DELETE CASCADE,
      customer_id    INTEGER REFERENCES customers(id),
      anchor_item_id INTEGER REFERENCES items(id),
      item_id        INTEGER NOT NULL REFERENCES items(id),
      rank           INTEGER NOT NULL,
      CHECK ((customer_id IS NULL) <> (anchor_item_id IS NULL))
    );
    CREATE INDEX export_recommendations_by_export ON export_recommendations(export_id, customer_id, item_id);

    CREATE TABLE export_outcomes (
      export_id         INTEGER PRIMARY KEY REFERENCES exports(id) ON DELETE CASCADE,
      window_days       INTEGER NOT NULL,
      observed_until    INTEGER,
      subjects          INTEGER NOT NULL,
      recommended_pairs INTEGER NOT NULL,
      converted_pairs   INTEGER NOT NULL,
      trials            INTEGER NOT NULL,
      hits              INTEGER NOT NULL,
      base_rate         REAL,
      ctr_recommended   REAL,
      ctr_catalogue     REAL,
      computed_at       TEXT NOT NULL
    );
  `,
};
