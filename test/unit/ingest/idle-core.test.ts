import { describe, expect, it } from 'vitest';

import { idleCoreFor, othersBusyCores, sampleCpu, type CpuSample } from '../../../src-main/core/ingest/idle-core.ts';

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
  it('starts a worker beside light work', () => {
    expect(idleCoreFor(sample(0, 0, 0), sample(1000, 400, 0), 2, 3)).toBe(true);
  });

  it('skips the worker beside a busy core', () => {
    expect(idleCoreFor(sample(0, 0, 0), sample(1000, 900, 0), 2, 0)).toBe(false);
  });

  it("ignores the process's own earlier import", () => {
    // Two cores busy for 2 s, all of it this process: the previous import and its worker.
    expect(idleCoreFor(sample(0, 0, 0), sample(2000, 4000, 4000), 2, 1.2)).toBe(true);
  });

  it('falls back to the load average', () => {
    expect(idleCoreFor(null, sample(0, 0, 0), 2, 0.5)).toBe(true);
    expect(idleCoreFor(null, sample(0, 0, 0), 2, 1.2)).toBe(false);
    expect(idleCoreFor(sample(0, 0, 0), sample(100, 0, 0), 2, 1.2)).toBe(false);
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
