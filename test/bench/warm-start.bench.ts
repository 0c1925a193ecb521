/**
 * Time to quality of the sequential model on the sample shop: trained from zero on months
 * 1..N, then month N+1 is imported and the model is trained again from zero and, separately,
 * fine-tuned from the first model (the product's warm start). After every epoch the held-out
 * NDCG@10 (each customer's last purchase day, the product's rule) is printed. Usage:
 *   npm run bench -- warm-start [--months N] [--epochs E] [--warm-epochs W]
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { selectBackend } from '../../src-main/core/compute/backend.ts';
import { evaluateRanker } from '../../src-main/core/evaluate/evaluate-ranker.ts';
import { Ranker } from '../../src-main/core/models/ranker.ts';
import { tieBreakKeys } from '../../src-main/core/models/tie-break.ts';
import { sampleShopFiles } from '../../src-main/core/importing/sample-shop.ts';
import { resolveSequentialParams } from '../../src-main/core/sequential/config.ts';
import { trainSequentialModel, type SequentialTrainingOptions } from '../../src-main/core/sequential/train.ts';
import type { SerializedWeights } from '../../src-main/core/sequential/weights.ts';
import { sequencesOf, sequentialRankingModel } from '../../src-main/core/training/candidates.ts';
import { fitModels, popularityRankingModel } from '../../src-main/core/training/fit.ts';
import { buildHistories } from '../../src-main/core/training/histories.ts';
import { loadInteractions } from '../../src-main/core/training/interactions.ts';
import { alignedWeights, PRODUCT_SEQUENTIAL_PARAMS, titleVectors } from '../../src-main/core/training/sequential-candidate.ts';
import { splitByLastDay } from '../../src-main/core/training/split.ts';
import { Workspace } from '../../src-main/core/workspace.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const months = option('--months', 10);
const epochs = option('--epochs', 8);
const warmEpochs = option('--warm-epochs', 4);
const params = resolveSequentialParams({ ...PRODUCT_SEQUENTIAL_PARAMS, epochs });

/** Trains and prints the held-out NDCG@10 after each epoch; returns the weights and item ids. */
async function trainAndTrack(workspace: Workspace, label: string, start?: { weights: SerializedWeights; itemIds: number[] }, rounds = epochs) {
  const db = workspace.db;
  const interactions = loadInteractions(db);
  const tieKeys = tieBreakKeys(interactions.itemIds, 1);
  const split = splitByLastDay(interactions);
  const trained = fitModels(interactions, split.train, null, tieKeys);
  const heldOut = buildHistories(interactions, split.test);
  const base = popularityRankingModel(trained, tieKeys);
  const text = await titleVectors(db, interactions.itemIds, params.hiddenSize, params.seed);

  const started = performance.now();
  let evaluating = 0;
  const options: SequentialTrainingOptions = {
    onEpoch: (epoch, loss, weights) => {
      const before = performance.now();
      const metrics = evaluateRanker('sequential', new Ranker(sequentialRankingModel(base, weights)), trained.histories, heldOut, trained.popularity.order.length);
      evaluating += performance.now() - before;
      const seconds = (performance.now() - started - evaluating) / 1000;
      process.stdout.write(`${label.padEnd(28)} epoch ${String(epoch).padStart(2)}  loss ${loss.toFixed(3)}  NDCG@10 ${metrics.ndcg10.toFixed(4)}  HR@10 ${metrics.hr10.toFixed(4)}  ${seconds.toFixed(0)} s training\n`);
    },
  };
  if (start) options.initialWeights = alignedWeights(start.weights, start.itemIds, interactions.itemIds, text.vectors, params.seed);
  else options.initialItemVectors = text.vectors;

  const result = await trainSequentialModel({ sequences: sequencesOf(trained.histories), numItems: interactions.itemIds.length }, { ...params, epochs: rounds }, options);
  return { weights: result.weights, itemIds: interactions.itemIds };
}

async function main(): Promise<void> {
  const backend = await selectBackend();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shoprec-bench-warm-'));
  const workspace = Workspace.open(dir, { create: true });
  const files = sampleShopFiles();
  process.stdout.write(`backend ${backend.name}; ${months} months, then month ${months + 1}; ${epochs} epochs from zero, ${warmEpochs} warm\n`);
  try {
    for (const file of files.slice(0, months)) await workspace.importFile(file);
    const first = await trainAndTrack(workspace, `months 1-${months}, from zero`);

    await workspace.importFile(files[months]!);
    await trainAndTrack(workspace, `months 1-${months + 1}, warm start`, first, warmEpochs);
    await trainAndTrack(workspace, `months 1-${months + 1}, from zero`);
  } finally {
    workspace.close();
  }
}

await main();
