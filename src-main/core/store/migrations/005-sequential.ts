import type { Migration } from './types.ts';

/**
 * Storage for the learned candidates beyond popularity and item-kNN.
 *
 * - `model_blobs`: one binary artefact per model version and kind, for models whose state is
 *   dense rather than a neighbour list: ALS item and customer factors, the sequential model's
 *   serialized weights, and the item or customer id maps that give the rows their meaning
 *   (little-endian int32 database ids). EASE is stored as top-K neighbour lists in
 *   `item_neighbours`, like item-kNN.
 * - `model_checkpoints`: the sequential model's weights after each epoch of a run, so a crash
 *   or cancel loses at most one epoch and the next run with the same data resumes from the last
 *   one. `item_ids` is the run's item id map (int32 database ids) that the weight rows follow.
 * - `item_embeddings`: title vectors that seed the sequential model's item table, per encoder.
 */
export const sequentialSchema: Migration = {
  version: 5,
  name: 'sequential model: dense artefacts, epoch checkpoints, title embeddings',
  sql: `
    CREATE TABLE model_blobs (
      model_version_id INTEGER NOT NULL REFERENCES model_versions(id) ON DELETE CASCADE,
      kind        TEXT NOT NULL,
      bytes       BLOB NOT NULL,
      PRIMARY KEY (model_version_id, kind)
    ) WITHOUT ROWID;

    CREATE TABLE model_checkpoints (
      run_id      INTEGER NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
      model       TEXT    NOT NULL,
      epoch       INTEGER NOT NULL,
      weights     BLOB    NOT NULL,
      item_ids    BLOB    NOT NULL,
      loss        REAL    NOT NULL,
      created_at  TEXT    NOT NULL,
      PRIMARY KEY (run_id, model, epoch)
    ) WITHOUT ROWID;

    CREATE TABLE item_embeddings (
      item_id     INTEGER NOT NULL REFERENCES items(id),
      encoder     TEXT    NOT NULL,
      vector      BLOB    NOT NULL,
      PRIMARY KEY (item_id, encoder)
    ) WITHOUT ROWID;
  `,
};
