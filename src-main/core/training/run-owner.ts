/**
 * The process and thread that train a run, as stored in training_runs, and whether they still
 * run. Workspaces are files on the merchant's own machine, so every process that opens one
 * shares that machine's process ids.
 */
import os from 'node:os';
import { threadId } from 'node:worker_threads';

/**
 * A process id, the start time of that process (which distinguishes it from a later process
 * with the same id) and the thread within it (the app trains in a job worker thread).
 */
export interface RunOwner {
  pid: number;
  startedMs: number;
  thread: number;
}

/** The calling thread. Worker threads share the process's time origin and have their own ids. */
export const THIS_THREAD: RunOwner = { pid: process.pid, startedMs: Math.round(performance.timeOrigin), thread: threadId };

/**
 * Margin for the comparison with the boot time, in ms: the wall clock may have been set since the
 * owner started.
 */
const CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * Tells whether the owner of a run still runs. A run without an owner was recorded before owners
 * were, and counts as ended, as does one whose process started before the machine last booted.
 * In this process a run counts as alive only in the thread that started it: a job worker that
 * crashed is replaced by a new thread, which may then resume the run. For other processes only
 * the id can be checked: when the id was given to a new process, the run counts as alive, so it
 * is neither resumed nor marked as failed, and training starts anew.
 */
export function ownerIsAlive(owner: { pid: number | null; startedMs: number | null; thread: number | null }): boolean {
  if (owner.pid === null) return false;
  if (owner.startedMs !== null && owner.startedMs < bootTimeMs() - CLOCK_MARGIN_MS) return false;
  if (owner.pid === THIS_THREAD.pid) return owner.startedMs === THIS_THREAD.startedMs && owner.thread === THIS_THREAD.thread;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function bootTimeMs(): number {
  return Date.now() - os.uptime() * 1000;
}
