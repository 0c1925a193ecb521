import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { KnowledgeSummary, TrainingRunSummary } from '../../../src-main/api/contract.ts';
import { sampleShopFiles } from '../../../src-main/core/importing/sample-shop.ts';
import type { Db } from '../../../src-main/core/store/database.ts';
import { Workspace } from '../../../src-main/core/workspace.ts';

/** Two months of the UCI Online Retail sample shop, imported one after the other. */
const MONTHS = ['2011-01', '2011-02'];

let root: string;
let workspace: Workspace;
let beforeSecond: KnowledgeSummary;
let afterSecond: KnowledgeSummary;
let firstRun: TrainingRunSummary;
let secondRun: TrainingRunSummary;
let itemBeforeSecond: string[];

const monthFile = (month: string): string => {
  const file = sampleShopFiles().find((candidate) => candidate.endsWith(`online-retail-${month}.csv.gz`));
  expect(file).toBeDefined();
  return file!;
};

/**
 * Counts every item pair from scratch in SQL, the way the incremental counts define them:
 * orders with 1 to 200 distinct purchased items, distinct known customers per pair.
 */
function recountPairs(db: Db): void {
  db.exec(`
    DROP TABLE IF EXISTS temp.recount;
    CREATE TEMP TABLE recount AS
    WITH basket AS (SELECT order_id, item_id FROM events WHERE kind = 'purchase' GROUP BY order_id, item_id),
         counted AS (SELECT order_id FROM basket GROUP BY order_id HAVING COUNT(*) BETWEEN 1 AND 200),
         line AS (SELECT b.order_id, b.item_id FROM basket b JOIN counted USING (order_id))
    SELECT x.item_id AS item_id, y.item_id AS other_item_id, COUNT(*) AS orders, COUNT(DISTINCT o.customer_id) AS customers
    FROM line x JOIN line y ON y.order_id = x.order_id AND y.item_id > x.item_id
    JOIN orders o ON o.id = x.order_id
    GROUP BY x.item_id, y.item_id`);
}

function differingPairs(db: Db): number {
  recountPairs(db);
  const missing = db.prepare('SELECT COUNT(*) FROM (SELECT * FROM temp.recount EXCEPT SELECT * FROM item_pairs)').pluck().get() as number;
  const extra = db.prepare('SELECT COUNT(*) FROM (SELECT * FROM item_pairs EXCEPT SELECT * FROM temp.recount)').pluck().get() as number;
  return missing + extra;
}

function countedBaskets(db: Db): number {
  return db
    .prepare(
      `SELECT COUNT(*) FROM (SELECT order_id FROM events WHERE kind = 'purchase'
       GROUP BY order_id HAVING COUNT(DISTINCT item_id) BETWEEN 1 AND 200)`,
    )
    .pluck()
    .get() as number;
}

function sampleCustomers(db: Db, count: number): string[] {
  return db
    .prepare(
      `SELECT external_id FROM customers c
       WHERE EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.id AND e.kind = 'purchase')
       ORDER BY c.id LIMIT ?`,
    )
    .pluck()
    .all(count) as string[];
}

function sampleSkus(db: Db, count: number): string[] {
  return db.prepare('SELECT i.sku FROM items i JOIN item_baskets b ON b.item_id = i.id ORDER BY b.orders DESC, i.id LIMIT ?').pluck().all(count) as string[];
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'shoprec-knowledge-'));
  workspace = Workspace.open(path.join(root, 'shop'));

  await workspace.importFile(monthFile(MONTHS[0]!));
  firstRun = await workspace.train({ seed: 3, models: ['popularity', 'item-knn'] });
  beforeSecond = workspace.knowledgeSummary();
  itemBeforeSecond = workspace.recommendForItem('85123A').boughtTogether.map((item) => `${item.sku}:${item.score}`);

  await workspace.importFile(monthFile(MONTHS[1]!));
  afterSecond = workspace.knowledgeSummary();
}, 240_000);

afterAll(() => {
  workspace?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('knowledge after imports', () => {
  it('second import updates rules without training', () => {
    expect(workspace.trainingRuns()).toHaveLength(1);
    expect(beforeSecond.importsApplied).toBe(1);
    expect(afterSecond.importsApplied).toBe(2);
    expect(afterSecond.baskets).toBe(countedBaskets(workspace.db));
    expect(afterSecond.baskets).toBeGreaterThan(beforeSecond.baskets);
    expect(afterSecond.associationRules).toBeGreaterThan(beforeSecond.associationRules);
    expect(afterSecond.profiles).toBeGreaterThan(beforeSecond.profiles);

    const itemAfter = workspace.recommendForItem('85123A').boughtTogether.map((item) => `${item.sku}:${item.score}`);
    expect(itemAfter).not.toEqual(itemBeforeSecond);
  });

  it('incremental pair counts equal a full recount', () => {
    expect(differingPairs(workspace.db)).toBe(0);
  });

  it('profiles match the customer events', () => {
    const check = workspace.db
      .prepare(
        `SELECT p.orders, p.distinct_days AS days, p.last_order_at AS last,
                (SELECT COUNT(DISTINCT order_id) FROM events e WHERE e.customer_id = p.customer_id AND e.kind = 'purchase') AS orders2,
                (SELECT COUNT(DISTINCT occurred_at / 86400) FROM events e WHERE e.customer_id = p.customer_id AND e.kind = 'purchase') AS days2,
                (SELECT MAX(occurred_at) FROM events e WHERE e.customer_id = p.customer_id AND e.kind = 'purchase') AS last2
         FROM customer_profiles p`,
      )
      .all() as { orders: number; days: number; last: number; orders2: number; days2: number; last2: number }[];
    expect(check.length).toBe(afterSecond.profiles);
    expect(check.filter((row) => row.orders !== row.orders2 || row.days !== row.days2 || row.last !== row.last2)).toEqual([]);
  });

  it('update is idempotent per import', async () => {
    const again = await workspace.updateKnowledge();
    expect(again.importIds).toEqual([]);
    expect(workspace.knowledgeSummary().associationRules).toBe(afterSecond.associationRules);
    expect(differingPairs(workspace.db)).toBe(0);
  });

  it('import report names period and trends', () => {
    const report = afterSecond.latestChange!;
    expect(report.trigger).toBe('import');
    expect(report.period).toEqual({ from: '2011-02-01', to: '2011-03-01', previousFrom: '2011-01-04' });
    expect(report.rising.length).toBeGreaterThan(0);
    expect(report.falling.length).toBeGreaterThan(0);
    for (const trend of report.rising) expect(trend.orders).toBeGreaterThan(trend.previousOrders);
    for (const association of report.newAssociations) expect(association.lift).toBeGreaterThanOrEqual(3);
  });
});

describe('model registry', () => {
  beforeAll(async () => {
    secondRun = await workspace.train({ seed: 3, models: ['popularity', 'item-knn'] });
  }, 120_000);

  it('rollback makes the older version serve', () => {
    const versions = workspace.listModelVersions();
    const oldKnn = versions.find((v) => v.runId === firstRun.runId && v.model === 'item-knn')!;
    const newKnn = versions.find((v) => v.runId === secondRun.runId && v.model === 'item-knn')!;
    expect(versions.filter((v) => v.serving).map((v) => v.versionId)).toEqual([newKnn.versionId]);
    expect(oldKnn.dataWatermarkImportId).toBe(1);
    expect(newKnn.dataWatermarkImportId).toBe(2);

    const customers = sampleCustomers(workspace.db, 40);
    const before = customers.map((id) => workspace.recommendForCustomer(id).items.map((item) => item.sku));
    workspace.setServingVersion(oldKnn.versionId);
    const rolledBack = customers.map((id) => workspace.recommendForCustomer(id));

    expect(rolledBack.every((result) => result.runId === firstRun.runId)).toBe(true);
    expect(workspace.knowledgeSummary().pointer).toMatchObject({ versionId: oldKnn.versionId, reason: 'rollback' });
    const changed = rolledBack.filter((result, index) => result.items.map((item) => item.sku).join() !== before[index]!.join());
    expect(changed.length).toBeGreaterThan(0);

    const comparison = workspace.compareVersions(oldKnn.versionId, newKnn.versionId);
    expect(comparison.overlap.customers).toBeGreaterThan(100);
    expect(comparison.overlap.meanShared).toBeLessThan(10);
    expect(comparison.metricDelta!.ndcg10).toBeCloseTo(newKnn.metrics!.ndcg10 - oldKnn.metrics!.ndcg10, 12);

    workspace.setServingVersion(newKnn.versionId);
    expect(workspace.recommendForCustomer(customers[0]!).runId).toBe(secondRun.runId);
  });

  it('training report compares serving metrics', () => {
    const report = workspace.db.prepare(`SELECT report_json FROM change_reports WHERE run_id = ?`).pluck().get(secondRun.runId) as string;
    const metrics = (JSON.parse(report) as { metrics: { previousRunId: number; ndcg10: number } }).metrics;
    expect(metrics.previousRunId).toBe(firstRun.runId);
    expect(metrics.ndcg10).toBe(secondRun.models.find((m) => m.model === secondRun.servingModel)!.ndcg10);
  });
});

describe('knowledge pack', () => {
  it('reproduces recommendations in a fresh workspace', () => {
    const pack = path.join(root, 'with-customers.pack');
    const manifest = workspace.exportKnowledgePack(pack, { includeCustomers: true });
    const fresh = Workspace.open(path.join(root, 'fresh-full'));
    try {
      fresh.importKnowledgePack(pack);
      expect(manifest.includesCustomers).toBe(true);
      expect(manifest.counts.events).toBe(workspace.db.prepare('SELECT COUNT(*) FROM events').pluck().get());

      for (const sku of sampleSkus(workspace.db, 40)) expect(fresh.recommendForItem(sku)).toEqual(workspace.recommendForItem(sku));
      for (const id of sampleCustomers(workspace.db, 60)) expect(fresh.recommendForCustomer(id)).toEqual(workspace.recommendForCustomer(id));
    } finally {
      fresh.close();
    }
  });

  it('leaves customers out on request', () => {
    const pack = path.join(root, 'items-only.pack');
    const manifest = workspace.exportKnowledgePack(pack, { includeCustomers: false });
    const fresh = Workspace.open(path.join(root, 'fresh-items'));
    try {
      fresh.importKnowledgePack(pack);
      expect(manifest.counts.customers).toBeUndefined();
      expect(fresh.db.prepare('SELECT COUNT(*) FROM customers').pluck().get()).toBe(0);
      for (const sku of sampleSkus(workspace.db, 40)) expect(fresh.recommendForItem(sku)).toEqual(workspace.recommendForItem(sku));
      expect(() => fresh.importKnowledgePack(pack)).toThrow(expect.objectContaining({ code: 'knowledge.workspaceNotEmpty' }));
    } finally {
      fresh.close();
    }
  });
});
