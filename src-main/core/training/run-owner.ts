/**
 * The process that trains a run, as stored in training_runs, and whether it is still alive.
 * Workspaces are files on the merchant's own machine, so every process that opens one shares
 * that machine's process ids.
 */

/** A process id and the start time of that process, which distinguishes it from a later process with the same id. */
export interface RunOwner {
  pid: number;
  startedMs: number;
}

/** This process. Worker threads share the process's time origin, so the job worker is the same owner. */
export const THIS_PROCESS: RunOwner = { pid: process.pid, startedMs: Math.round(performance.timeOrigin) };

/**
 * Tells whether the process that owns a run still runs. A run without an owner was recorded
 * before owners were, and counts as ended. This process is recognised by its start time as
 * well, so a run left by an earlier process that had the same id counts as ended. For other
 * processes only the id can be checked: when the id was given to a new process, the run
 * counts as alive, so it is neither resumed nor marked as failed, and training starts anew.
 */
export function ownerIsAlive(pid: number | null, startedMs: number | null): boolean {
  if (pid === null) return false;
  if (pid === THIS_PROCESS.pid) return startedMs === THIS_PROCESS.startedMs;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
