/**
 * Decides whether a parse worker would find a core of its own. With no idle core the worker only
 * adds its start-up and the cost of packing batches. At load 2 to 4 a forced worker made the UCI
 * import 0.5 to 1.6 s slower (3.4 to 4.5 s instead of 2.8 s) on a 2-core machine, because the
 * worker and the storing thread shared the busy cores.
 *
 * The 1-minute load average also counts this process's own recent work and processes of low
 * priority. So on 2 cores the second of two files imported together parsed without a worker.
 * When an earlier sample of the CPU counters is recent enough, the decision uses the time other
 * processes of normal priority kept the cores busy since then instead.
 */
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

/**
 * Decides from a window between two samples when one is usable, else from the 1-minute load
 * average (cores minus load must leave one). Windows reports a load of 0, so there it counts as
 * idle without a window.
 */
export function idleCoreFor(earlier: CpuSample | null, later: CpuSample, cores: number, loadAverage: number): boolean {
  const others = earlier ? othersBusyCores(earlier, later) : null;
  if (others === null) return cores - loadAverage >= 1;
  return cores - 1 - others >= MIN_WORKER_CORE;
}

/** The sample the next decision measures from; taken when this module loads, renewed by each decision. */
let lastSample: CpuSample = sampleCpu();

/** Tells whether a parse worker started now would find an idle core. */
export function hasIdleCore(): boolean {
  const now = sampleCpu();
  const idle = idleCoreFor(lastSample, now, os.availableParallelism(), os.loadavg()[0]!);
  // A sample taken a moment ago cannot decide yet, so the older one stays for the next call.
  if (now.at - lastSample.at >= MIN_WINDOW_MS) lastSample = now;
  return idle;
}
