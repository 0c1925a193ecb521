import type { Migration } from './types.ts';

/**
 * Records which process trains a run: its process id, the time that process started (ms since
 * 1970) and the thread (0 for the main thread). Another process, such as the command line
 * beside the app, can then tell a run that is still training from one whose process was
 * killed, and neither marks the live run as failed nor resumes its checkpoints. Runs recorded
 * before have NULL owners and count as ended.
 */
export const runOwner: Migration = {
  version: 8,
  name: 'process that trains each run',
  sql: `
    ALTER TABLE training_runs ADD COLUMN owner_pid INTEGER;
    ALTER TABLE training_runs ADD COLUMN owner_started_ms INTEGER;
    ALTER TABLE training_runs ADD COLUMN owner_thread INTEGER;
  `,
};
