/** Reports progress of long work: a stable phase name and done/total in the phase's own unit. */
export type ProgressReporter = (phase: string, done: number, total: number) => void;

/** Options every long-running engine function accepts. */
export interface LongWorkOptions {
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
}
