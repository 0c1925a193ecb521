import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import os from 'node:os';

import { afterEach, describe, expect, it } from 'vitest';

import { ownerIsAlive, THIS_THREAD } from '../../../src-main/core/training/run-owner.ts';
import { runTraining } from '../../../src-main/core/training/run-training.ts';
import { insertRunningRun, markInterruptedRuns } from '../../../src-main/core/training/store-run.ts';
import { createFixtureShop, tasteShopLines, type FixtureShop } from './shop-fixture.ts';

let shop: FixtureShop | null = null;
const children: ChildProcess[] = [];
afterEach(() => {
  shop?.close();
  children.splice(0).forEach((child) => child.kill());
});

/** Starts a process that waits a minute, as another app or command line training the workspace. */
function liveProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

/** Returns the id of a process that has already exited. */
function endedProcess(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

/** A start time after the machine booted. */
const RECENTLY = Date.now() - 1000;

function setOwner(db: FixtureShop['db'], runId: number, pid: number | null, startedMs: number | null): void {
  db.prepare('UPDATE training_runs SET owner_pid = ?, owner_started_ms = ?, owner_thread = 0 WHERE id = ?').run(pid, startedMs, runId);
}

function statusOf(db: FixtureShop['db'], runId: number): { status: string; finishedAt: string | null } {
  return db.prepare('SELECT status, finished_at AS finishedAt FROM training_runs WHERE id = ?').get(runId) as {
    status: string;
    finishedAt: string | null;
  };
}

describe('markInterruptedRuns', () => {
  it("marks an ended process's run failed", () => {
    shop = createFixtureShop(tasteShopLines(12));
    const runId = insertRunningRun(shop.db, { models: ['popularity'] });
    setOwner(shop.db, runId, endedProcess(), RECENTLY);

    expect(markInterruptedRuns(shop.db)).toBe(1);
    expect(statusOf(shop.db, runId).status).toBe('failed');
    expect(statusOf(shop.db, runId).finishedAt).not.toBeNull();
  });

  it("leaves a live process's run alone", () => {
    shop = createFixtureShop(tasteShopLines(12));
    const ownRun = insertRunningRun(shop.db, {});
    const otherRun = insertRunningRun(shop.db, {});
    setOwner(shop.db, otherRun, liveProcess(), RECENTLY);

    expect(markInterruptedRuns(shop.db)).toBe(0);
    expect(statusOf(shop.db, ownRun).status).toBe('running');
    expect(statusOf(shop.db, otherRun).status).toBe('running');
  });

  it('marks runs from before the boot failed', () => {
    shop = createFixtureShop(tasteShopLines(12));
    const runId = insertRunningRun(shop.db, {});
    // The id now belongs to a live process, but the owner started long before the machine booted.
    setOwner(shop.db, runId, liveProcess(), Date.now() - (os.uptime() + 3600) * 1000);

    expect(markInterruptedRuns(shop.db)).toBe(1);
  });

  it('marks runs without an owner failed', () => {
    shop = createFixtureShop(tasteShopLines(12));
    const runId = insertRunningRun(shop.db, {});
    // Runs recorded before owners were.
    setOwner(shop.db, runId, null, null);

    expect(markInterruptedRuns(shop.db)).toBe(1);
  });

  it('leaves ended runs alone', () => {
    shop = createFixtureShop(tasteShopLines(12));
    const runId = insertRunningRun(shop.db, {});
    setOwner(shop.db, runId, endedProcess(), RECENTLY);
    shop.db.prepare(`UPDATE training_runs SET status = 'completed' WHERE id = ?`).run(runId);

    expect(markInterruptedRuns(shop.db)).toBe(0);
  });
});

describe('runTraining', () => {
  it("marks a killed process's run failed first", async () => {
    shop = createFixtureShop(tasteShopLines(64));
    const killed = insertRunningRun(shop.db, {});
    setOwner(shop.db, killed, endedProcess(), RECENTLY);

    const run = await runTraining(shop.db, { models: ['popularity'] });

    expect(statusOf(shop.db, killed).status).toBe('failed');
    expect(statusOf(shop.db, run.runId).status).toBe('completed');
  });
});

describe('ownerIsAlive', () => {
  it('knows this thread by its start time', () => {
    expect(ownerIsAlive(THIS_THREAD)).toBe(true);
    // An earlier process that was given the same id.
    expect(ownerIsAlive({ ...THIS_THREAD, startedMs: THIS_THREAD.startedMs - 60_000 })).toBe(false);
    // Another thread of this process, such as a job worker that crashed.
    expect(ownerIsAlive({ ...THIS_THREAD, thread: THIS_THREAD.thread + 1 })).toBe(false);
  });

  it('checks other processes by id', () => {
    expect(ownerIsAlive({ pid: liveProcess(), startedMs: RECENTLY, thread: 0 })).toBe(true);
    expect(ownerIsAlive({ pid: endedProcess(), startedMs: RECENTLY, thread: 0 })).toBe(false);
    expect(ownerIsAlive({ pid: null, startedMs: null, thread: null })).toBe(false);
  });
});
