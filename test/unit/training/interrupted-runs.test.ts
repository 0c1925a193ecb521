import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

import { afterEach, describe, expect, it } from 'vitest';

import { ownerIsAlive, THIS_PROCESS } from '../../../src-main/core/training/run-owner.ts';
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

function setOwner(db: FixtureShop['db'], runId: number, pid: number | null, startedMs: number | null): void {
  db.prepare('UPDATE training_runs SET owner_pid = ?, owner_started_ms = ? WHERE id = ?').run(pid, startedMs, runId);
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
    setOwner(shop.db, runId, endedProcess(), 1_700_000_000_000);

    expect(markInterruptedRuns(shop.db)).toBe(1);
    expect(statusOf(shop.db, runId).status).toBe('failed');
    expect(statusOf(shop.db, runId).finishedAt).not.toBeNull();
  });

  it("leaves a live process's run alone", () => {
    shop = createFixtureShop(tasteShopLines(12));
    const ownRun = insertRunningRun(shop.db, {});
    const otherRun = insertRunningRun(shop.db, {});
    setOwner(shop.db, otherRun, liveProcess(), 1_700_000_000_000);

    expect(markInterruptedRuns(shop.db)).toBe(0);
    expect(statusOf(shop.db, ownRun).status).toBe('running');
    expect(statusOf(shop.db, otherRun).status).toBe('running');
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
    setOwner(shop.db, runId, endedProcess(), 1_700_000_000_000);
    shop.db.prepare(`UPDATE training_runs SET status = 'completed' WHERE id = ?`).run(runId);

    expect(markInterruptedRuns(shop.db)).toBe(0);
  });
});

describe('ownerIsAlive', () => {
  it('knows this process by its start time', () => {
    expect(ownerIsAlive(THIS_PROCESS.pid, THIS_PROCESS.startedMs)).toBe(true);
    // An earlier process that was given the same id.
    expect(ownerIsAlive(THIS_PROCESS.pid, THIS_PROCESS.startedMs - 60_000)).toBe(false);
  });

  it('checks other processes by id', () => {
    expect(ownerIsAlive(liveProcess(), 0)).toBe(true);
    expect(ownerIsAlive(endedProcess(), 0)).toBe(false);
    expect(ownerIsAlive(null, null)).toBe(false);
  });
});
