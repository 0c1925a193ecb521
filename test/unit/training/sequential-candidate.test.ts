import { spawn, spawnSync } from 'node:child_process';

import { afterEach, describe, expect, it } from 'vitest';

import { selectBackend } from '../../../src-main/core/compute/backend.ts';
import { CancelledError } from '../../../src-main/core/errors.ts';
import { setServingVersion } from '../../../src-main/core/knowledge/model-registry.ts';
import { recommendForCustomer } from '../../../src-main/core/recommend/recommend.ts';
import { scoreSequence } from '../../../src-main/core/sequential/score-sync.ts';
import { deserializeWeights } from '../../../src-main/core/sequential/weights.ts';
import { runTraining } from '../../../src-main/core/training/run-training.ts';
import { addLines, createFixtureShop, tasteShopLines, type FixtureShop } from './shop-fixture.ts';

const shops: FixtureShop[] = [];
afterEach(() => shops.splice(0).forEach((s) => s.close()));

const SMALL = { hiddenSize: 16, numBlocks: 1, maxLength: 8, feedForwardSize: 16, batchSize: 16, epochs: 4, learningRate: 0.01 };

function shop(customers = 64): FixtureShop {
  const created = createFixtureShop(tasteShopLines(customers));
  shops.push(created);
  return created;
}

function storedWeights(s: FixtureShop, runId: number) {
  const bytes = s.db
    .prepare(`SELECT b.bytes FROM model_blobs b JOIN model_versions v ON v.id = b.model_version_id
              WHERE v.run_id = ? AND v.model = 'sequential' AND b.kind = 'weights'`)
    .pluck()
    .get(runId) as Uint8Array;
  return deserializeWeights(bytes);
}

function runParams(s: FixtureShop, runId: number): { start: string; epochsTrained: number } {
  const row = s.db.prepare(`SELECT params_json FROM model_versions WHERE run_id = ? AND model = 'sequential'`).pluck().get(runId) as string;
  return JSON.parse(row) as { start: string; epochsTrained: number };
}

/** Starts a run and cancels it once `epochs` epochs are checkpointed. */
async function cancelAfter(s: FixtureShop, epochs: number, sequential: object): Promise<void> {
  const controller = new AbortController();
  const checkpointed = (): number => s.db.prepare('SELECT COALESCE(MAX(epoch), 0) FROM model_checkpoints').pluck().get() as number;
  const run = runTraining(s.db, {
    models: ['sequential'],
    sequential,
    signal: controller.signal,
    onProgress: () => {
      if (checkpointed() >= epochs) controller.abort();
    },
  });
  await expect(run).rejects.toBeInstanceOf(CancelledError);
  expect(checkpointed()).toBe(epochs);
}

/** Trains once, then adds 16 new customers' sales a month later, so the next run warm-starts. */
async function trainThenAddSales(s: FixtureShop): Promise<void> {
  await runTraining(s.db, { models: ['sequential'], sequential: SMALL });
  const later = tasteShopLines(80).slice(64 * 4, 80 * 4).map((line) => ({ ...line, at: Number(line.at) + 30 * 86_400 }));
  addLines(s.db, later);
}

const checkpointCount = (s: FixtureShop): number => s.db.prepare('SELECT COUNT(*) FROM model_checkpoints').pluck().get() as number;

describe('sequential candidate', () => {
  it('stores weights and drops checkpoints', async () => {
    await selectBackend(['wasm']);
    const s = shop();
    const run = await runTraining(s.db, { models: ['sequential'], sequential: SMALL });

    expect(run.models.map((m) => m.model).sort()).toEqual(['popularity', 'sequential']);
    expect(run.backend).toEqual({ name: 'wasm', labelKey: 'backend.wasm' });
    expect(storedWeights(s, run.runId).architecture.numItems).toBe(13);
    expect(runParams(s, run.runId)).toMatchObject({ start: 'zero', epochsTrained: 4 });
    expect(s.db.prepare('SELECT COUNT(*) FROM model_checkpoints').pluck().get()).toBe(0);
    expect(s.db.prepare('SELECT COUNT(*) FROM item_embeddings').pluck().get()).toBe(13);
  });

  it('serves from its own scores', async () => {
    await selectBackend(['wasm']);
    const s = shop();
    const run = await runTraining(s.db, { models: ['sequential'], sequential: SMALL });
    const versionId = s.db.prepare(`SELECT id FROM model_versions WHERE run_id = ? AND model = 'sequential'`).pluck().get(run.runId) as number;
    setServingVersion(s.db, versionId);

    const served = recommendForCustomer(s.db, 'c00', { limit: 3 });

    // c00 bought G1 and B1 on day 0, G2 and G3 later. Histories read newest first with same-day
    // ties by item id (G1 before B1), so the model sees B1, G1, G2, G3.
    const weights = storedWeights(s, run.runId);
    const itemIds = s.db.prepare(`SELECT b.bytes FROM model_blobs b WHERE b.model_version_id = ? AND b.kind = 'items'`).pluck().get(versionId) as Uint8Array;
    const ids = Array.from(new Int32Array(Uint8Array.prototype.slice.call(itemIds).buffer));
    const skuOf = s.db.prepare('SELECT sku FROM items WHERE id = ?').pluck();
    const row = (sku: string): number => ids.findIndex((id) => skuOf.get(id) === sku);
    const scores = scoreSequence(weights, ['B1', 'G1', 'G2', 'G3'].map(row));
    const bought = new Set(['B1', 'G1', 'G2', 'G3'].map(row));
    const expected = ids
      .map((id, r) => ({ sku: skuOf.get(id) as string, score: scores[r]!, r }))
      .filter((entry) => !bought.has(entry.r))
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map((entry) => entry.sku);
    expect(served.model).toBe('sequential');
    expect(served.items.map((item) => item.sku)).toEqual(expected);
  });

  it('resumes a cancelled run exactly', async () => {
    await selectBackend(['wasm']);
    const whole = shop();
    const reference = storedWeights(whole, (await runTraining(whole.db, { models: ['sequential'], sequential: SMALL })).runId);

    const s = shop();
    const controller = new AbortController();
    const checkpointed = (): number => s.db.prepare('SELECT COALESCE(MAX(epoch), 0) FROM model_checkpoints').pluck().get() as number;
    const first = runTraining(s.db, {
      models: ['sequential'],
      sequential: SMALL,
      signal: controller.signal,
      onProgress: () => {
        if (checkpointed() >= 2) controller.abort();
      },
    });
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    expect(checkpointed()).toBe(2);

    const resumed = await runTraining(s.db, { models: ['sequential'], sequential: SMALL });
    expect(runParams(s, resumed.runId)).toMatchObject({ start: 'resume', epochsTrained: 2 });
    const weights = storedWeights(s, resumed.runId);
    for (const [name, tensor] of Object.entries(reference.tensors)) {
      const other = weights.tensors[name]!.values;
      const worst = tensor.values.reduce((max, v, i) => Math.max(max, Math.abs(v - other[i]!)), 0);
      expect(worst, name).toBeLessThan(1e-4);
    }
  });

  it('reuses the last epoch when storing failed', async () => {
    await selectBackend(['wasm']);
    const whole = shop();
    const reference = storedWeights(whole, (await runTraining(whole.db, { models: ['sequential'], sequential: SMALL })).runId);
    const s = shop();
    s.db.exec(`CREATE TEMP TRIGGER fail_store BEFORE INSERT ON model_versions BEGIN SELECT RAISE(ABORT, 'disk failed'); END`);
    await expect(runTraining(s.db, { models: ['sequential'], sequential: SMALL })).rejects.toThrow('disk failed');
    s.db.exec('DROP TRIGGER fail_store');

    const next = await runTraining(s.db, { models: ['sequential'], sequential: SMALL });

    expect(runParams(s, next.runId)).toMatchObject({ start: 'resume', epochsTrained: 0 });
    expect(storedWeights(s, next.runId).tensors.itemEmbedding!.values).toEqual(reference.tensors.itemEmbedding!.values);
    expect(checkpointCount(s)).toBe(0);
  });

  it('starts over after a settings change', async () => {
    await selectBackend(['wasm']);
    const s = shop();
    await cancelAfter(s, 2, SMALL);

    const changed = await runTraining(s.db, { models: ['sequential'], sequential: { ...SMALL, dropout: 0.3 } });

    expect(runParams(s, changed.runId)).toMatchObject({ start: 'zero', epochsTrained: 4, dropout: 0.3 });
    expect(checkpointCount(s)).toBe(0);
  });

  it('never resumes checkpoints without settings', async () => {
    await selectBackend(['wasm']);
    const s = shop();
    await cancelAfter(s, 2, SMALL);
    // Checkpoints written before the settings were recorded have none.
    s.db.exec('UPDATE model_checkpoints SET settings_json = NULL');

    const next = await runTraining(s.db, { models: ['sequential'], sequential: SMALL });

    expect(runParams(s, next.runId)).toMatchObject({ start: 'zero', epochsTrained: 4 });
  });

  it("leaves a live process's checkpoints alone", async () => {
    await selectBackend(['wasm']);
    const s = shop();
    await cancelAfter(s, 2, SMALL);
    // As if the app were still training that run while the command line trains too.
    const app = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      s.db.prepare(`UPDATE training_runs SET status = 'running', owner_pid = ?, owner_started_ms = ?, owner_thread = 0`).run(app.pid, Date.now());

      const next = await runTraining(s.db, { models: ['sequential'], sequential: SMALL });

      expect(runParams(s, next.runId)).toMatchObject({ start: 'zero', epochsTrained: 4 });
    } finally {
      app.kill();
    }
  });

  it("resumes a killed process's run", async () => {
    await selectBackend(['wasm']);
    const s = shop();
    await cancelAfter(s, 2, SMALL);
    const ended = spawnSync(process.execPath, ['-e', '']).pid;
    s.db.prepare(`UPDATE training_runs SET status = 'running', owner_pid = ?, owner_started_ms = ?, owner_thread = 0`).run(ended, Date.now());

    const next = await runTraining(s.db, { models: ['sequential'], sequential: SMALL });

    expect(runParams(s, next.runId)).toMatchObject({ start: 'resume', epochsTrained: 2 });
  });

  it('resumes a warm start to its own epochs', async () => {
    await selectBackend(['wasm']);
    const s = shop();
    await trainThenAddSales(s);
    await cancelAfter(s, 1, SMALL);

    const resumed = await runTraining(s.db, { models: ['sequential'], sequential: SMALL });

    // The warm start planned 2 epochs, not the 4 of training from zero.
    expect(runParams(s, resumed.runId)).toMatchObject({ start: 'resume', epochsTrained: 1, epochs: 2 });
  });

  it('warm-starts after new sales', async () => {
    await selectBackend(['wasm']);
    const s = shop();
    await trainThenAddSales(s);

    const second = await runTraining(s.db, { models: ['sequential'], sequential: SMALL });
    expect(runParams(s, second.runId)).toMatchObject({ start: 'warm', epochsTrained: 2 });
  });
});
