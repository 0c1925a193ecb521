import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

import { describe, expect, it } from 'vitest';

import { countOthersRunnable, idleCoreFor, othersBusyCores, sampleCpu, type CpuSample } from '../../../src-main/core/ingest/idle-core.ts';

const sample = (at: number, busyMs: number, ownMs: number): CpuSample => ({ at, busyMs, ownMs });

describe('othersBusyCores', () => {
  it('leaves out this process', () => {
    // 1.5 cores busy for a second, one of them this process's own threads.
    expect(othersBusyCores(sample(0, 10_000, 200), sample(1000, 11_500, 1200))).toBeCloseTo(0.5);
  });

  it('needs a window of 250 ms to 2 minutes', () => {
    expect(othersBusyCores(sample(0, 0, 0), sample(100, 50, 0))).toBeNull();
    expect(othersBusyCores(sample(0, 0, 0), sample(150_000, 50, 0))).toBeNull();
    expect(othersBusyCores(sample(0, 0, 0), sample(100_000, 50_000, 0))).toBeCloseTo(0.5);
  });
});

describe('idleCoreFor', () => {
  const window = (earlier: CpuSample, later: CpuSample): number | null => othersBusyCores(earlier, later);
  const noMoment = { othersRunnable: null, loadAverage: 0 };

  it('starts a worker beside light work', () => {
    expect(idleCoreFor(window(sample(0, 0, 0), sample(1000, 400, 0)), 2, { othersRunnable: 2, loadAverage: 3 })).toBe(true);
  });

  it('skips the worker beside a busy core', () => {
    expect(idleCoreFor(window(sample(0, 0, 0), sample(1000, 900, 0)), 2, noMoment)).toBe(false);
  });

  it("ignores the process's own earlier import", () => {
    // Two cores busy for 2 s, all of it this process: the previous import and its worker.
    expect(idleCoreFor(window(sample(0, 0, 0), sample(2000, 4000, 4000)), 2, { othersRunnable: null, loadAverage: 1.2 })).toBe(true);
  });

  it('counts runnable threads without a window', () => {
    const tooShort = window(sample(0, 0, 0), sample(100, 0, 0));
    // A load average of 1.2 left behind by processes that already ended does not count.
    expect(idleCoreFor(tooShort, 2, { othersRunnable: 0, loadAverage: 1.2 })).toBe(true);
    expect(idleCoreFor(tooShort, 2, { othersRunnable: 1, loadAverage: 0 })).toBe(false);
    expect(idleCoreFor(tooShort, 4, { othersRunnable: 2, loadAverage: 2 })).toBe(true);
  });

  it('falls back to the load average', () => {
    expect(idleCoreFor(null, 2, { othersRunnable: null, loadAverage: 0.5 })).toBe(true);
    expect(idleCoreFor(null, 2, { othersRunnable: null, loadAverage: 1.2 })).toBe(false);
  });
});

describe.runIf(existsSync('/proc/loadavg'))('countOthersRunnable', () => {
  /** Returns the median count over `ms` of counting in a loop. */
  function medianCountOver(ms: number): number {
    const counts: number[] = [];
    const until = performance.now() + ms;
    while (performance.now() < until) counts.push(countOthersRunnable() as number);
    counts.sort((a, b) => a - b);
    return counts[Math.floor(counts.length / 2)]!;
  }
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));

  it('sees a busy process', async () => {
    const spinner = spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' });
    try {
      await settle();
      // Other test files may run beside it, so the count is at least the spinner.
      expect(medianCountOver(200)).toBeGreaterThanOrEqual(1);
    } finally {
      spinner.kill();
    }
  });

  it('leaves out own threads', async () => {
    const before = medianCountOver(200);
    // Two spinning threads beside this one: a count that kept them would rise by 2.
    const spinners = [0, 1].map(() => new Worker('for (;;);', { eval: true }));
    try {
      await settle();
      expect(medianCountOver(200)).toBeLessThanOrEqual(before + 1);
    } finally {
      await Promise.all(spinners.map((spinner) => spinner.terminate()));
    }
  });
});

describe('sampleCpu', () => {
  it("counts this process's own CPU time in ms", () => {
    const before = sampleCpu();
    const cpuMicros = (): number => process.cpuUsage().user + process.cpuUsage().system;
    const start = cpuMicros();
    while (cpuMicros() - start < 60_000);
    const after = sampleCpu();

    expect(after.ownMs - before.ownMs).toBeGreaterThanOrEqual(60);
    expect(after.ownMs - before.ownMs).toBeLessThan(60_000);
    expect(after.busyMs).toBeGreaterThanOrEqual(before.busyMs);
  });
});
