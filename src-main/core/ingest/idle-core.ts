/**
 * Decides whether a parse worker would find a core of its own. With no idle core the worker only
 * adds its start-up and the cost of packing batches. At load 2 to 4 a forced worker made the UCI
 * import 0.5 to 1.6 s slower (3.4 to 4.5 s instead of 2.8 s) on a 2-core machine, because the
 * worker and the storing thread shared the busy cores.
 *
 * The 1-minute load average also counts this process's own recent work and processes of low
 * priority. So on 2 cores the second of two files imported together parsed without a worker.
 * When an earlier sample of the CPU counters is recent enough, the decision uses the time other
 * processes of normal priority kept the cores busy since then instead; without one, the threads
 * of other processes that can run at that moment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** CPU time counters at one moment: all cores together, and this process alone, in ms. */
export interface CpuSample {
  /** performance.now() when the sample was taken. */
  at: number;
  /** User, system and interrupt time of all cores since boot. */
  busyMs: number;
  /** User and system time of this process, all its threads. */
  ownMs: number;
}

/**
 * Shortest window a decision is based on: Linux counts CPU time in 10 ms ticks, so a shorter
 * window is mostly rounding.
 */
const MIN_WINDOW_MS = 250;

/**
 * Maximum window: older samples describe what the machine did then, not now. Two minutes is
 * about what the 1-minute load average, the fallback, still weighs.
 */
const MAX_WINDOW_MS = 120_000;

/**
 * Share of a core that must stay free for the worker, after one core for the storing thread and
 * what other processes used.
 */
const MIN_WORKER_CORE = 0.5;

/**
 * Takes a sample. Time spent by processes with a raised nice value is left out, because the
 * scheduler runs the import first. Beside three benchmarks at nice 19 (load 4.2), the import
 * took 1.83 to 1.97 s with the worker and 2.27 to 2.33 s without.
 */
export function sampleCpu(): CpuSample {
  let busyMs = 0;
  for (const cpu of os.cpus()) busyMs += cpu.times.user + cpu.times.sys + cpu.times.irq;
  const own = process.cpuUsage();
  return { at: performance.now(), busyMs, ownMs: (own.user + own.system) / 1000 };
}

/**
 * Returns the cores other processes kept busy on average between two samples, or null when the
 * window between them is too short or too long to tell.
 */
export function othersBusyCores(earlier: CpuSample, later: CpuSample): number | null {
  const windowMs = later.at - earlier.at;
  if (windowMs < MIN_WINDOW_MS || windowMs > MAX_WINDOW_MS) return null;
  const othersMs = later.busyMs - earlier.busyMs - (later.ownMs - earlier.ownMs);
  return Math.max(0, othersMs) / windowMs;
}

/** Load on the machine at the moment of a decision, used when no CPU window is usable. */
export interface MomentaryLoad {
  /**
   * Threads of other processes waiting for or running on a core right now, or null where the
   * system does not say (all but Linux).
   */
  othersRunnable: number | null;
  /** The 1-minute load average; 0 on Windows. */
  loadAverage: number;
}

/**
 * Decides from the cores other processes kept busy over a window (`othersBusy`, from
 * `othersBusyCores`) when a window was usable. Otherwise it counts the other processes' threads
 * that can run now, and only where the system cannot tell that either, falls back to the
 * 1-minute load average (cores minus load must leave one). Windows reports a load of 0, so there
 * it counts as idle without a window.
 */
export function idleCoreFor(othersBusy: number | null, cores: number, now: MomentaryLoad): boolean {
  const others = othersBusy ?? now.othersRunnable;
  if (others === null) return cores - now.loadAverage >= 1;
  return cores - 1 - others >= MIN_WORKER_CORE;
}

/** Number of times the runnable threads are counted. The median count decides. */
const RUNNABLE_READINGS = 5;

/**
 * Pause between two counts, in ms. Back-to-back readings see the same instant. In one of six
 * fresh benchmark processes they all counted a thread of another process that had already gone
 * when /proc was listed a moment later.
 */
const RUNNABLE_READING_GAP_MS = 2;

/**
 * Counts the threads of other processes that are running or waiting to run, from /proc on
 * Linux, or returns null where /proc cannot be read. The kernel's count of runnable threads
 * includes this process's own, which are left out. Both counts change from moment to moment,
 * and this process's threads can start or stop running between the two reads, so the median of
 * a few readings, a moment apart, decides (about 10 ms in all). Unlike a window, the count cannot leave out processes of low priority.
 *
 * A fresh process (a CLI import) has no earlier CPU sample to measure a window from, and the
 * load average still counts processes that ended up to a minute before. In the import benchmark
 * the reference runs that came before raised it to 1.2 on an idle 2-core machine, and the
 * import parsed without a worker: 2.15 s instead of 1.85 s.
 */
export function countOthersRunnable(): number | null {
  const readings: number[] = [];
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let reading = 0; reading < RUNNABLE_READINGS; reading++) {
    if (reading > 0) Atomics.wait(pause, 0, 0, RUNNABLE_READING_GAP_MS);
    const all = runnableThreads();
    if (all === null) return null;
    // The thread reading the count is one of them, so a count of 1 needs no look at the others.
    const own = all <= 1 ? 1 : ownRunnableThreads();
    if (own === null) return null;
    readings.push(Math.max(0, all - own));
  }
  readings.sort((a, b) => a - b);
  return readings[Math.floor(RUNNABLE_READINGS / 2)]!;
}

/** Reads the runnable threads of the whole system, the numerator of the fourth field of /proc/loadavg. */
function runnableThreads(): number | null {
  try {
    const fields = readFileSync('/proc/loadavg', 'latin1').split(' ');
    const runnable = Number.parseInt(fields[3] ?? '', 10);
    return Number.isNaN(runnable) ? null : runnable;
  } catch {
    return null;
  }
}

/**
 * Counts this process's threads in state R, or returns null where /proc has no list of them.
 * The state letter follows the parenthesised name in each stat file.
 */
function ownRunnableThreads(): number | null {
  let threads: string[];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return null;
  }
  let runnable = 0;
  for (const thread of threads) {
    try {
      const stat = readFileSync(`/proc/self/task/${thread}/stat`, 'latin1');
      if (stat.charAt(stat.lastIndexOf(')') + 2) === 'R') runnable += 1;
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return runnable;
}

/** The sample the next decision measures from; taken when this module loads, renewed by each decision. */
let lastSample: CpuSample = sampleCpu();

/** Tells whether a parse worker started now would find an idle core. */
export function hasIdleCore(): boolean {
  const now = sampleCpu();
  const othersBusy = othersBusyCores(lastSample, now);
  const momentary = { othersRunnable: othersBusy === null ? countOthersRunnable() : null, loadAverage: os.loadavg()[0]! };
  const idle = idleCoreFor(othersBusy, os.availableParallelism(), momentary);
  // A sample taken a moment ago cannot decide yet, so the older one stays for the next call.
  if (now.at - lastSample.at >= MIN_WINDOW_MS) lastSample = now;
  return idle;
}
