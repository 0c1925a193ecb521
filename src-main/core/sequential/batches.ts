/**
 * Training batches for next-item prediction. Each customer contributes the last maxLength + 1
 * items of their history: inputs are all but the last, targets all but the first. Batches group
 * histories of similar length so that little compute goes to padding, which matters because
 * most shop customers have only a handful of purchases.
 */
import type { SeededRandom } from './random.ts';

export interface TrainingBatch {
  /** Left-padded input ids [size, length], items shifted to start at 1 (0 = padding). */
  inputs: Int32Array;
  /** Next-item ids aligned with `inputs`, 0 where there is nothing to predict. */
  targets: Int32Array;
  size: number;
  length: number;
  /** Number of non-zero targets. */
  predictions: number;
}

/** Histories with at least two items, cut to the training window. */
export function trainingWindows(sequences: readonly Int32Array[], maxLength: number): Int32Array[] {
  const windows: Int32Array[] = [];
  for (const sequence of sequences) {
    if (sequence.length < 2) continue;
    windows.push(sequence.subarray(Math.max(0, sequence.length - maxLength - 1)));
  }
  return windows;
}

/** Splits windows into length-bucketed batches in a seeded random order. */
export function planBatches(windows: readonly Int32Array[], batchSize: number, random: SeededRandom): TrainingBatch[] {
  const order = random.shuffle(windows.map((_, i) => i));
  order.sort((a, b) => windows[a]!.length - windows[b]!.length);

  const batches: TrainingBatch[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const members = order.slice(start, start + batchSize).map((i) => windows[i]!);
    batches.push(buildBatch(members));
  }
  return random.shuffle(batches);
}

function buildBatch(members: Int32Array[]): TrainingBatch {
  const length = Math.max(...members.map((w) => w.length)) - 1;
  const inputs = new Int32Array(members.length * length);
  const targets = new Int32Array(members.length * length);
  let predictions = 0;

  members.forEach((window, row) => {
    const pad = length - (window.length - 1);
    for (let t = 0; t < window.length - 1; t++) {
      inputs[row * length + pad + t] = window[t]! + 1;
      targets[row * length + pad + t] = window[t + 1]! + 1;
      predictions++;
    }
  });
  return { inputs, targets, size: members.length, length, predictions };
}

/**
 * Returns each batch's weight in the epoch's loss: its predictions over the mean per batch, so
 * that every target counts the same. Batches group histories of similar length, so their sizes
 * differ: 256 to 5,939 targets on Amazon Beauty, median 384. A plain mean per batch would weigh a
 * target of the shortest histories 23 times as much as one of the longest.
 */
export function predictionWeights(batches: readonly TrainingBatch[]): number[] {
  const mean = batches.reduce((sum, batch) => sum + batch.predictions, 0) / batches.length;
  return batches.map((batch) => batch.predictions / mean);
}
