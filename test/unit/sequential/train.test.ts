import { describe, expect, it } from 'vitest';

import { selectBackend } from '../../../src-main/core/compute/backend.ts';
import { CancelledError } from '../../../src-main/core/errors.ts';
import {
  createSequentialScorer,
  deserializeWeights,
  scoreNextItems,
  scoreSequence,
  serializeWeights,
  trainSequentialModel,
} from '../../../src-main/core/sequential/index.ts';

/** Customers walking a fixed cycle 0 -> 1 -> ... -> 11 -> 0 from different starting items. */
function cycleHistories(count: number, numItems: number): Int32Array[] {
  return Array.from({ length: count }, (_, u) => {
    const length = 3 + (u % 6);
    return Int32Array.from({ length }, (_, t) => (u + t) % numItems);
  });
}

const SMALL = { hiddenSize: 16, numBlocks: 1, numHeads: 2, maxLength: 8, feedForwardSize: 16, dropout: 0.1, batchSize: 32, learningRate: 0.01, seed: 7 };

describe('trainSequentialModel', () => {
  it('learns a fixed item cycle', async () => {
    await selectBackend(['wasm']);
    const sequences = cycleHistories(240, 12);

    const { weights, history } = await trainSequentialModel({ sequences, numItems: 12 }, { ...SMALL, epochs: 15 });

    expect(history).toHaveLength(15);
    expect(history.at(-1)!.loss).toBeLessThan(history[0]!.loss / 3);
    for (const start of [0, 5, 10]) {
      const top = await scoreNextItems(weights, Int32Array.of(start, (start + 1) % 12), 1);
      expect(top[0]!.item).toBe((start + 2) % 12);
    }
  });

  it('learns item order', async () => {
    await selectBackend(['wasm']);
    // After 0 then 1 comes 2; after 1 then 0 comes 3: only order and position separate them.
    const sequences = Array.from({ length: 200 }, (_, u) => (u % 2 === 0 ? Int32Array.of(0, 1, 2) : Int32Array.of(1, 0, 3)));

    const { weights } = await trainSequentialModel({ sequences, numItems: 4 }, { ...SMALL, dropout: 0, epochs: 20 });

    expect((await scoreNextItems(weights, Int32Array.of(0, 1), 1))[0]!.item).toBe(2);
    expect((await scoreNextItems(weights, Int32Array.of(1, 0), 1))[0]!.item).toBe(3);
  });

  it('repeats a run for the same seed', async () => {
    await selectBackend(['wasm']);
    const data = { sequences: cycleHistories(60, 12), numItems: 12 };

    const first = await trainSequentialModel(data, { ...SMALL, epochs: 2 });
    const second = await trainSequentialModel(data, { ...SMALL, epochs: 2 });

    expect(second.history.map((h) => h.loss)).toEqual(first.history.map((h) => h.loss));
  });

  it('trains with a sampled softmax on a larger catalogue', async () => {
    await selectBackend(['wasm']);
    const data = { sequences: cycleHistories(120, 300), numItems: 300 };

    const { history } = await trainSequentialModel(data, { ...SMALL, epochs: 3, fullSoftmaxMaxItems: 100, sampledNegatives: 20 });

    expect(history.every((h) => Number.isFinite(h.loss))).toBe(true);
    expect(history[2]!.loss).toBeLessThan(history[0]!.loss);
  });

  it('learns a cycle over a larger catalogue with negatives drawn per history', async () => {
    await selectBackend(['wasm']);
    const data = { sequences: cycleHistories(600, 150), numItems: 150 };

    const { weights, history } = await trainSequentialModel(data, {
      ...SMALL, epochs: 15, fullSoftmaxMaxItems: 50, sampledNegatives: 10, negativeSharing: 'history',
    });

    expect(history.at(-1)!.loss).toBeLessThan(history[0]!.loss / 4);
    const starts = Array.from({ length: 21 }, (_, i) => i * 7);
    let found = 0;
    for (const start of starts) {
      const top = await scoreNextItems(weights, Int32Array.of(start, start + 1, start + 2), 5);
      if (top.some((t) => t.item === start + 3)) found++;
    }
    // Each step of the cycle appears in only a few histories; 19 of 21 were found when written.
    expect(found).toBeGreaterThanOrEqual(15);
  });

  it('warm start keeps known items and adds new rows', async () => {
    await selectBackend(['wasm']);
    const first = await trainSequentialModel({ sequences: cycleHistories(60, 12), numItems: 12 }, { ...SMALL, epochs: 1 });
    const newVector = Float32Array.from({ length: 14 * 16 }, (_, i) => (i >= 12 * 16 ? 1 : 0));

    const second = await trainSequentialModel(
      { sequences: cycleHistories(60, 12), numItems: 14 },
      { ...SMALL, epochs: 0 },
      { initialWeights: first.weights, initialItemVectors: newVector },
    );

    const oldTable = first.weights.tensors.itemEmbedding!;
    const newTable = second.weights.tensors.itemEmbedding!;
    expect(newTable.shape).toEqual([15, 16]);
    expect(Array.from(newTable.values.subarray(0, 13 * 16))).toEqual(Array.from(oldTable.values));
    const row13 = newTable.values.subarray(13 * 16, 14 * 16);
    expect(new Set(row13).size).toBe(1);
    expect(row13[0]).toBeGreaterThan(0);
  });

  it('stops between batches when cancelled', async () => {
    await selectBackend(['wasm']);
    const controller = new AbortController();
    const seen: number[] = [];

    const run = trainSequentialModel({ sequences: cycleHistories(200, 12), numItems: 12 }, { ...SMALL, epochs: 5 }, {
      signal: controller.signal,
      onProgress: (_phase, done) => {
        seen.push(done);
        if (done === 3) controller.abort();
      },
    });

    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('sequential weights', () => {
  it('round-trip through bytes', async () => {
    await selectBackend(['wasm']);
    const { weights } = await trainSequentialModel({ sequences: cycleHistories(40, 12), numItems: 12 }, { ...SMALL, epochs: 1 });

    const restored = deserializeWeights(serializeWeights(weights));

    expect(restored.architecture).toEqual(weights.architecture);
    expect(Object.keys(restored.tensors).sort()).toEqual(Object.keys(weights.tensors).sort());
    for (const [name, tensor] of Object.entries(weights.tensors)) {
      expect(Array.from(restored.tensors[name]!.values)).toEqual(Array.from(tensor.values));
    }
    const scorer = await createSequentialScorer(restored);
    expect(scorer.scoreBatch([Int32Array.of(1, 2), Int32Array.of(3)])).toHaveLength(24);
    scorer.dispose();
  });

  it('score alike in JavaScript and tfjs', async () => {
    await selectBackend(['wasm']);
    const { weights } = await trainSequentialModel({ sequences: cycleHistories(40, 12), numItems: 12 }, { ...SMALL, epochs: 1 });
    const history = Int32Array.of(4, 5, 6);

    const scorer = await createSequentialScorer(weights);
    const onBackend = scorer.scoreBatch([history]);
    scorer.dispose();
    const inJs = scoreSequence(weights, history);

    expect(inJs).toHaveLength(12);
    inJs.forEach((value, i) => expect(value).toBeCloseTo(onBackend[i]!, 4));
  });

  it('rejects bytes in another format', () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setUint32(0, 2, true);
    bytes.set(new TextEncoder().encode('{}'), 4);

    expect(() => deserializeWeights(bytes)).toThrow(/training.incompatibleWeights/);
  });
});
