import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { planBatches, predictionWeights, trainingWindows } from '../../../src-main/core/sequential/batches.ts';
import { SeededRandom } from '../../../src-main/core/sequential/random.ts';

const BEAUTY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets/s3rec-amazon/Beauty.txt');

/** Training histories of Amazon Beauty as the quality benchmark makes them: the last two items held out. */
function beautyHistories(): Int32Array[] {
  return readFileSync(BEAUTY, 'utf8').trim().split('\n').map((line) => Int32Array.from(line.split(' ').slice(1, -2).map(Number)));
}

describe('training batches', () => {
  const batches = planBatches(trainingWindows(beautyHistories(), 50), 128, new SeededRandom(1));

  it('group Beauty histories into batches of unequal size', () => {
    const sizes = batches.map((batch) => batch.predictions);

    expect(Math.max(...sizes) / Math.min(...sizes)).toBeGreaterThan(10);
  });

  it('weigh every target of an epoch the same', () => {
    const weights = predictionWeights(batches);
    const perTarget = batches.map((batch, i) => weights[i]! / batch.predictions);

    expect(weights.reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(batches.length, 6);
    for (const value of perTarget) expect(value).toBeCloseTo(perTarget[0]!, 12);
  });
});
