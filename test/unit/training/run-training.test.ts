import { afterEach, describe, expect, it } from 'vitest';

import { ShopRecError } from '../../../src-main/core/errors.ts';
import { recommendForCustomer } from '../../../src-main/core/recommend/recommend.ts';
import { listTrainingRuns, runTraining } from '../../../src-main/core/training/run-training.ts';
import { createFixtureShop, tasteShopLines, type FixtureShop } from './shop-fixture.ts';

let shop: FixtureShop | null = null;
afterEach(() => shop?.close());

function countRows(table: string, column: string, value: number): number {
  return (shop!.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`).get(value) as { n: number }).n;
}

describe('runTraining', () => {
  it('stores metrics, split and the serving choice', async () => {
    shop = createFixtureShop(tasteShopLines(24));
    const phases: string[] = [];
    const run = await runTraining(shop.db, { onProgress: (phase) => phases.push(phase) });

    expect(run.status).toBe('completed');
    expect(run.split).toEqual({
      rule: 'last-purchase-day-per-customer',
      trainEvents: 24 * 3 + 6,
      testEvents: 24,
      testCustomers: 24,
      catalogItems: 13,
    });
    const byModel = Object.fromEntries(run.models.map((m) => [m.model, m]));
    expect(byModel['item-knn']!.evaluatedCustomers).toBe(24);
    expect(byModel['item-knn']!.ndcg10).toBeGreaterThan(byModel.popularity!.ndcg10);
    const best = Math.max(...run.models.map((m) => m.ndcg10));
    expect(byModel[run.servingModel!]!.ndcg10).toBe(best);
    expect(run.choice?.key).toBe('choice.bestNdcg');
    expect(new Set(phases)).toEqual(
      new Set(['train.load', 'train.split', 'train.item-knn', 'train.popularity', 'train.evaluate', 'train.ease', 'train.als', 'train.store']),
    );
    expect(run.models.map((m) => m.model).sort()).toEqual(['als', 'ease', 'item-knn', 'popularity']);
    expect(run.skipped).toEqual([{ model: 'sequential', key: 'skip.tooFewSequences', params: { customers: 24, needed: 50 } }]);
    expect(countRows('model_versions', 'run_id', run.runId)).toBe(4);
    expect(countRows('item_associations', 'run_id', run.runId)).toBeGreaterThan(0);
  });

  it('stores the data watermark and lists newest first', async () => {
    shop = createFixtureShop(tasteShopLines(24));
    await runTraining(shop.db);
    const second = await runTraining(shop.db);
    expect(listTrainingRuns(shop.db).map((r) => r.runId)).toEqual([second.runId, second.runId - 1]);
    const row = shop.db.prepare('SELECT data_watermark FROM training_runs WHERE id = ?').get(second.runId) as { data_watermark: number };
    expect(row.data_watermark).toBe(1);
  });

  it('rejects a shop with too few repeat customers', async () => {
    shop = createFixtureShop(tasteShopLines(9));
    const error = await runTraining(shop.db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopRecError);
    expect((error as ShopRecError).code).toBe('training.notEnoughData');
    expect((error as ShopRecError).params).toEqual({ customers: 9, needed: 10 });
    expect(listTrainingRuns(shop.db)[0]!.status).toBe('failed');
  });

  it('cancelled run leaves the previous one serving', async () => {
    shop = createFixtureShop(tasteShopLines(24));
    const first = await runTraining(shop.db);
    const controller = new AbortController();
    const onProgress = (phase: string): void => {
      if (phase === 'train.evaluate') controller.abort();
    };

    await expect(runTraining(shop.db, { signal: controller.signal, onProgress })).rejects.toMatchObject({ code: 'cancelled' });

    const [latest] = listTrainingRuns(shop.db);
    expect(latest!.status).toBe('cancelled');
    expect(latest!.models).toEqual([]);
    expect(countRows('model_versions', 'run_id', latest!.runId)).toBe(0);
    expect(countRows('item_associations', 'run_id', latest!.runId)).toBe(0);
    expect(recommendForCustomer(shop.db, 'c00').runId).toBe(first.runId);
  });

  it('failed store writes no partial rows', async () => {
    shop = createFixtureShop(tasteShopLines(24));
    const first = await runTraining(shop.db);
    shop.db.exec(`CREATE TRIGGER fail_associations BEFORE INSERT ON item_associations
                  BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`);

    await expect(runTraining(shop.db)).rejects.toThrow('simulated write failure');

    const [latest] = listTrainingRuns(shop.db);
    expect(latest!.status).toBe('failed');
    expect(countRows('model_metrics', 'run_id', latest!.runId)).toBe(0);
    expect(countRows('model_versions', 'run_id', latest!.runId)).toBe(0);
    const orphans = shop.db
      .prepare('SELECT COUNT(*) AS n FROM item_popularity WHERE model_version_id NOT IN (SELECT id FROM model_versions)')
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    expect(recommendForCustomer(shop.db, 'c00').runId).toBe(first.runId);
  });
});
