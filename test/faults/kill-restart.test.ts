/**
 * Crash safety: a child process runs a real operation on a workspace seeded from the bundled
 * UCI sample months and is SIGKILLed at seeded random moments spread over the operation's
 * measured duration. After every kill the workspace must be sound, hold no half import, and
 * still serve its last completed training run. Each kill leaves the next child to resume from
 * the interrupted state; the last child runs to the end, and its final state must equal that of
 * one uninterrupted run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importOrderFile } from '../../src-main/core/importing/import-order-file.ts';
import { sampleShopFiles } from '../../src-main/core/importing/sample-shop.ts';
import { Workspace } from '../../src-main/core/workspace.ts';
import { copyWorkspace, runChild, seededRandom } from './fault-helpers.ts';
import { TRAINING, runOperation, type FaultOperation } from './operations.ts';
import { consistencyProblems, lastCompletedRun, openRaw, tableCounts, type CompletedRun } from './workspace-state.ts';

const DRIVER = 'test/faults/fault-driver.ts';
const SEED_MONTH = '2011-02';
const IMPORTED_MONTH = '2011-12';

/** Kill points per operation; 44 in all. */
const KILLS: Record<FaultOperation, number> = { import: 14, knowledge: 10, train: 10, export: 10 };

let root: string;
let trained: string;
let importedRaw: string;
let monthFile: string;
let customerId: string;
let seedRun: CompletedRun;
let killPoints = 0;

function sampleMonth(month: string): string {
  const file = sampleShopFiles().find((name) => name.endsWith(`online-retail-${month}.csv.gz`));
  if (!file) throw new Error(`sample month ${month} is not installed`);
  return file;
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'shoprec-kill-'));
  monthFile = sampleMonth(IMPORTED_MONTH);

  // A trained one-month shop, and the same shop with a second month stored but not yet folded
  // into the knowledge tables (the state a crash right after an import's commit leaves).
  trained = path.join(root, 'trained');
  const workspace = Workspace.open(trained);
  await workspace.importFile(sampleMonth(SEED_MONTH));
  await workspace.train(TRAINING);
  customerId = workspace.searchCustomers('', 1)[0]!.customerId;
  workspace.close();

  importedRaw = path.join(root, 'imported-raw');
  copyWorkspace(trained, importedRaw);
  const raw = Workspace.open(importedRaw);
  await importOrderFile(raw.db, monthFile);
  raw.close();

  const db = openRaw(trained);
  seedRun = lastCompletedRun(db)!;
  db.close();
}, 300_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  console.info(`kill-restart: ${killPoints} kill points`);
});

interface Case {
  operation: FaultOperation;
  template: () => string;
  argument: (dir: string) => string | undefined;
}

const CASES: Case[] = [
  { operation: 'import', template: () => trained, argument: () => monthFile },
  { operation: 'knowledge', template: () => importedRaw, argument: () => undefined },
  { operation: 'train', template: () => trained, argument: () => undefined },
  { operation: 'export', template: () => trained, argument: (dir) => path.join(dir, 'export.csv') },
];

interface FinalState {
  counts: Record<string, number>;
  run: CompletedRun | null;
  exported: string | null;
}

function finalState(dir: string, exportPath: string | undefined, operation: FaultOperation): FinalState {
  const db = openRaw(dir);
  try {
    return {
      counts: tableCounts(db),
      run: lastCompletedRun(db),
      exported: operation === 'export' && exportPath ? readFileSync(exportPath, 'utf8') : null,
    };
  } finally {
    db.close();
  }
}

/** What must hold after any kill: a sound file, whole imports, and a serving trained run. */
function expectSound(dir: string, label: string): void {
  const db = openRaw(dir);
  try {
    expect(consistencyProblems(db), label).toEqual([]);
    const run = lastCompletedRun(db);
    expect(run, label).not.toBeNull();
    expect(run!.metrics.map((m) => m.model), label).toEqual(['item-knn', 'popularity']);
    expect(run!.popularityRows, label).toBeGreaterThan(0);
    expect(run!.neighbourRows, label).toBeGreaterThan(0);
  } finally {
    db.close();
  }

  const workspace = Workspace.open(dir, { create: false });
  try {
    expect(workspace.recommendForCustomer(customerId).items.length, label).toBeGreaterThan(0);
  } finally {
    workspace.close();
  }
}

async function reference(testCase: Case): Promise<{ state: FinalState; durationMs: number }> {
  const dir = path.join(root, `${testCase.operation}-reference`);
  copyWorkspace(testCase.template(), dir);
  const workspace = Workspace.open(dir, { create: false });
  const started = performance.now();
  await runOperation(workspace, testCase.operation, testCase.argument(dir));
  const durationMs = performance.now() - started;
  workspace.close();
  return { state: finalState(dir, testCase.argument(dir), testCase.operation), durationMs };
}

describe('SIGKILL during real operations', () => {
  it.each(CASES)('$operation survives kills and resumes to the clean result', async (testCase) => {
    const { state: expected, durationMs } = await reference(testCase);
    const random = seededRandom(0x5eed + KILLS[testCase.operation] * 31 + testCase.operation.length);
    const dir = path.join(root, `${testCase.operation}-killed`);
    copyWorkspace(testCase.template(), dir);

    let kills = 0;
    while (kills < KILLS[testCase.operation]) {
      // A little past the reference duration, because the child runs alongside the checks' I/O.
      const delay = Math.round(random() * durationMs * 1.15);
      const outcome = await runChild(DRIVER, [dir, testCase.operation, testCase.argument(dir) ?? ''].filter(Boolean), delay);
      if (!outcome.killed) {
        copyWorkspace(testCase.template(), dir);
        continue;
      }
      kills += 1;
      expectSound(dir, `${testCase.operation} killed after ${delay} ms`);
    }
    killPoints += kills;

    await runChild(DRIVER, [dir, testCase.operation, testCase.argument(dir) ?? ''].filter(Boolean), null);
    const resumed = finalState(dir, testCase.argument(dir), testCase.operation);
    expect(resumed.counts).toEqual(expected.counts);
    if (testCase.operation === 'train') expect(resumed.run!.metrics).toEqual(expected.run!.metrics);
    else expect(resumed.run).toEqual(seedRun);
    if (testCase.operation === 'export') expect(resumed.exported).toBe(expected.exported);
  }, 600_000);
});
