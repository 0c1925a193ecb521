/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders", WWW 2019): a dense item-item weight matrix
 * B with a zero diagonal, from the closed form P = (XᵀX + λI)⁻¹, B[i][j] = -P[i][j] / P[j][j].
 * A customer's scores are the sum of the rows of B for the items they interacted with. The
 * inverse is a Gauss-Jordan elimination on Float64Array (no pivoting is needed because XᵀX + λI
 * is symmetric positive definite); it costs n³ multiply-adds and n² doubles, so this dense form
 * suits catalogues up to about 20,000 items.
 */
import { ShopRecError, throwIfCancelled } from '../errors.ts';
import type { LongWorkOptions } from '../progress.ts';

export interface EaseModel {
  numItems: number;
  /** Row-major numItems x numItems weights, B[i * numItems + j] = weight of item i for item j. */
  weights: Float32Array;
}

/** Trains EASE on binary customer-item interactions (each row lists a customer's distinct items). */
export function trainEase(
  rows: readonly Int32Array[],
  numItems: number,
  lambda: number,
  options: LongWorkOptions = {},
): EaseModel {
  if (!(lambda > 0)) {
    throw new ShopRecError('training.invalidParameter', { name: 'lambda', value: String(lambda), expected: 'above 0' }, { kind: 'bug' });
  }
  const gram = gramMatrix(rows, numItems);
  for (let i = 0; i < numItems; i++) gram[i * numItems + i]! += lambda;

  invertInPlace(gram, numItems, options);
  return { numItems, weights: weightsFromInverse(gram, numItems) };
}

/** XᵀX for binary X: co-occurrence counts, with each item's count on the diagonal. */
function gramMatrix(rows: readonly Int32Array[], n: number): Float64Array {
  const gram = new Float64Array(n * n);
  for (const row of rows) {
    const items = [...new Set(row)];
    for (const a of items) {
      checkItem(a, n);
      for (const b of items) gram[a * n + b]! += 1;
    }
  }
  return gram;
}

function checkItem(item: number, n: number): void {
  if (!Number.isInteger(item) || item < 0 || item >= n) {
    throw new ShopRecError('training.invalidParameter', { name: 'item', value: String(item), expected: `an item number in [0, ${n})` }, { kind: 'bug' });
  }
}

/** Replaces a symmetric positive definite matrix by its inverse (Gauss-Jordan, in place). */
export function invertInPlace(a: Float64Array, n: number, options: LongWorkOptions = {}): void {
  const pivotRow = new Float64Array(n);

  for (let k = 0; k < n; k++) {
    if (k % 64 === 0) {
      throwIfCancelled(options.signal);
      options.onProgress?.('ease.invert', k, n);
    }
    const pivot = a[k * n + k]!;
    if (!(pivot > 0)) throw new ShopRecError('internal', { detail: `EASE matrix is not positive definite at row ${k}` });

    // Row k becomes the pivot row divided by the pivot; its own column becomes 1 / pivot.
    for (let j = 0; j < n; j++) pivotRow[j] = a[k * n + j]! / pivot;
    pivotRow[k] = 1 / pivot;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const factor = a[i * n + k]!;
      if (factor === 0) continue;
      const base = i * n;
      a[base + k] = 0;
      for (let j = 0; j < n; j++) a[base + j]! -= factor * pivotRow[j]!;
    }
    a.set(pivotRow, k * n);
  }
  options.onProgress?.('ease.invert', n, n);
}

function weightsFromInverse(p: Float64Array, n: number): Float32Array {
  const weights = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j) weights[i * n + j] = -p[i * n + j]! / p[j * n + j]!;
    }
  }
  return weights;
}

/** Scores every item for a customer who interacted with `items`. */
export function scoreEase(model: EaseModel, items: Iterable<number>): Float32Array {
  const n = model.numItems;
  const scores = new Float32Array(n);
  for (const item of new Set(items)) {
    checkItem(item, n);
    const row = model.weights.subarray(item * n, (item + 1) * n);
    for (let j = 0; j < n; j++) scores[j]! += row[j]!;
  }
  return scores;
}
