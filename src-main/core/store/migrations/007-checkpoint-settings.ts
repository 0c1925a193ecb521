import type { Migration } from './types.ts';

/**
 * Records the training settings each sequential checkpoint was written under, so that a run
 * resumes only a checkpoint trained the same way (same loss, negatives and learning rate), and
 * finishes the epochs that checkpoint's run planned. Checkpoints written before have NULL
 * settings and are never resumed, so the next run starts that training again.
 */
export const checkpointSettings: Migration = {
  version: 7,
  name: 'training settings of sequential checkpoints',
  sql: `
    ALTER TABLE model_checkpoints ADD COLUMN settings_json TEXT;
  `,
};
