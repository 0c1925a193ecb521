import type { Migration } from './types.ts';

/**
 * Column mappings the merchant confirmed, keyed by the signature of the header they were made
 * for, and traffic rows from product-performance reports.
 *
 * A traffic row holds one item's metrics for one report period starting at `day` and lasting
 * `days` days (reports without a per-day column cover a whole range). Metrics a report does not
 * have stay NULL rather than 0, so rates are only computed from what a report measured. The
 * key includes `source` (the report format) because two reports measure the same day
 * differently; re-importing an overlapping report of one source replaces its rows.
 */
export const mappingsAndTraffic: Migration = {
  version: 2,
  name: 'column mappings and traffic',
  sql: `
    CREATE TABLE column_mappings (
      header_signature TEXT PRIMARY KEY,
      header_json  TEXT NOT NULL,
      mapping_json TEXT NOT NULL,
      confirmed_at TEXT NOT NULL,
      used_count   INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;

    CREATE TABLE traffic_daily (
      item_id      INTEGER NOT NULL REFERENCES items(id),
      day          TEXT    NOT NULL,
      source       TEXT    NOT NULL,
      days         INTEGER NOT NULL DEFAULT 1,
      impressions  REAL,
      clicks       REAL,
      visitors     REAL,
      page_views   REAL,
      add_to_carts REAL,
      orders       REAL,
      units        REAL,
      revenue      REAL,
      import_id    INTEGER NOT NULL REFERENCES imports(id),
      PRIMARY KEY (item_id, day, source)
    ) WITHOUT ROWID;
    CREATE INDEX traffic_by_day ON traffic_daily(day);
  `,
};
