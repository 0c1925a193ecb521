import { afterEach, describe, expect, it } from 'vitest';

import { insertRunningRun, markInterruptedRuns } from '../../../src-main/core/training/store-run.ts';
import { createFixtureShop, tasteShopLines, type FixtureShop } from './shop-fixture.ts';

let shop: FixtureShop | null = null;
afterEach(() => shop?.close());

describe('markInterruptedRuns', () => {
  it('marks runs left running as failed', () => {
    shop = createFixtureShop(tasteShopLines(12));
    const runId = insertRunningRun(shop.db, { models: ['popularity'] });

    expect(markInterruptedRuns(shop.db)).toBe(1);
    const row = shop.db.prepare('SELECT status, finished_at AS finishedAt FROM training_runs WHERE id = ?').get(runId) as {
      status: string;
      finishedAt: string | null;
    };
    expect(row.status).toBe('failed');
    expect(row.finishedAt).not.toBeNull();
  });

  it('leaves ended runs alone', () => {
    shop = createFixtureShop(tasteShopLines(12));
    const runId = insertRunningRun(shop.db, {});
    shop.db.prepare(`UPDATE training_runs SET status = 'completed' WHERE id = ?`).run(runId);

    expect(markInterruptedRuns(shop.db)).toBe(0);
  });
});
