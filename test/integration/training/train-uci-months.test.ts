import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TrainingRunSummary } from '../../../src-main/api/contract.ts';
import { sampleShopFiles } from '../../../src-main/core/importing/sample-shop.ts';
import { Workspace } from '../../../src-main/core/workspace.ts';

/** Three months of the UCI Online Retail data (a UK gift wholesaler), as bundled sample files. */
const MONTHS = ['2011-09', '2011-10', '2011-11'];

let dir: string;
let workspace: Workspace;
let run: TrainingRunSummary;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-uci-train-'));
  workspace = Workspace.open(dir);
  const files = sampleShopFiles().filter((file) => MONTHS.some((month) => file.endsWith(`online-retail-${month}.csv.gz`)));
  expect(files).toHaveLength(MONTHS.length);
  for (const file of files) await workspace.importFile(file);
  // Two sequential epochs keep the run near a minute; the benchmarks measure longer training.
  run = await workspace.train({ seed: 7, sequential: { epochs: 2 } });
}, 240_000);

afterAll(() => {
  workspace?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('training on UCI months', () => {
  it('item-kNN beats popularity on NDCG@10', () => {
    const metrics = Object.fromEntries(run.models.map((m) => [m.model, m]));
    const knn = metrics['item-knn']!;
    const popularity = metrics.popularity!;

    expect(run.status).toBe('completed');
    expect(knn.evaluatedCustomers).toBeGreaterThan(1000);
    expect(knn.ndcg10).toBeGreaterThan(popularity.ndcg10 * 1.5);
    expect(knn.coverage).toBeGreaterThan(popularity.coverage * 10);
  });

  it('trains every candidate and serves the best', () => {
    const metrics = Object.fromEntries(run.models.map((m) => [m.model, m]));
    const best = Math.max(...run.models.map((m) => m.ndcg10));

    expect(Object.keys(metrics).sort()).toEqual(['als', 'ease', 'item-knn', 'popularity', 'sequential']);
    expect(metrics[run.servingModel!]!.ndcg10).toBe(best);
    expect(metrics.ease!.ndcg10).toBeGreaterThan(metrics.popularity!.ndcg10);
    expect(metrics.als!.ndcg10).toBeGreaterThan(metrics.popularity!.ndcg10);
    expect(run.backend?.labelKey).toMatch(/^backend\./);
  });

  it('split holds out only repeat customers', () => {
    const lastDays = workspace.db
      .prepare(
        // Purchases of an item the customer returned in full do not count, as in training.
        `SELECT COUNT(*) AS n FROM (
           SELECT e.customer_id FROM events e
           WHERE e.kind = 'purchase' AND e.customer_id IS NOT NULL
             AND (SELECT SUM(CASE WHEN x.kind = 'purchase' THEN x.quantity ELSE -x.quantity END)
                  FROM events x WHERE x.customer_id = e.customer_id AND x.item_id = e.item_id) > 0
           GROUP BY e.customer_id HAVING COUNT(DISTINCT e.occurred_at / 86400) >= 2)`,
      )
      .get() as { n: number };
    expect(run.split!.testCustomers).toBe(lastDays.n);
    expect(run.models.every((m) => m.evaluatedCustomers === lastDays.n)).toBe(true);
  });

  it('serves recommendations and exports', async () => {
    const customer = workspace.searchCustomers('', 1)[0]!;
    const result = workspace.recommendForCustomer(customer.customerId);
    expect(result.items).toHaveLength(10);
    expect(result.runId).toBe(run.runId);

    const summary = await workspace.export('items', path.join(dir, 'items.csv'));
    expect(summary.rows).toBeGreaterThan(2000);
  });
});
