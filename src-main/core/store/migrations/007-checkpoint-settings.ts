import type { Migration } from './types.ts';

/**
 * Records the training settings each sequential checkpoint was written under, so that a run
 * resumes only a checkpoint trained the same way (same loss, negatives, learning rate and
 * planned epochs). Checkpoints written before have NULL settings and are never resumed: the
 * next run starts that training again.
 */
export const checkpointSettings: Migration = {
  version: 7,
  name: 'training settings of sequential checkpoints',
  sql: `
    ALTER TABLE model_checkpoints ADD COLUMN settings_json TEXT;
  `,
};
