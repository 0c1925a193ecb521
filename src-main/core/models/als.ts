/**
 * Implicit-feedback ALS (Hu, Koren and Volinsky, ICDM 2008): customer and item factors that
 * minimise Σ c_ui (p_ui - x_uᵀy_i)² + λ(|x|² + |y|²) over all pairs, with preference p = 1 for
 * observed pairs (0 elsewhere) and confidence c = 1 + alpha·r. Each half-step solves every row's
 * d x d system (YᵀY + Yᵀ(C_u - I)Y + λI) x_u = Yᵀ C_u p_u with a few conjugate-gradient
 * iterations started from the previous factors (Takács et al., RecSys 2011), so only the rows'
 * own items are touched besides the shared Gram matrix YᵀY.
 */
import { ShopRecError, throwIfCancelled } from '../errors.ts';
import type { LongWorkOptions } from '../progress.ts';
import { SeededRandom } from '../sequential/random.ts';

export interface AlsParams {
  factors: number;
  regularization: number;
  alpha: number;
  iterations: number;
  /** Conjugate-gradient steps per row and half-iteration. */
  cgSteps: number;
  seed: number;
}

export const DEFAULT_ALS_PARAMS: AlsParams = { factors: 64, regularization: 0.01, alpha: 10, iterations: 15, cgSteps: 3, seed: 1 };

export interface AlsModel {
  factors: number;
  /** Row-major numUsers x factors. */
  userFactors: Float32Array;
  /** Row-major numItems x factors. */
  itemFactors: Float32Array;
}

/** A sparse row: column indices and their raw interaction strengths (counts or quantities). */
export interface SparseRow {
  indices: Int32Array;
  values: Float32Array;
}

export function trainAls(
  userRows: readonly SparseRow[],
  numItems: number,
  params: Partial<AlsParams> = {},
  options: LongWorkOptions = {},
): AlsModel {
  const p = { ...DEFAULT_ALS_PARAMS, ...params };
  if (!(p.factors >= 1 && p.iterations >= 0 && p.cgSteps >= 1 && p.regularization >= 0 && p.alpha >= 0)) {
    throw new ShopRecError('training.invalidParameter', { name: 'als', value: JSON.stringify(p), expected: 'positive factors and steps, non-negative alpha and regularization' }, { kind: 'bug' });
  }
  const itemRows = transpose(userRows, numItems);
  const random = new SeededRandom(p.seed);
  const userFactors = randomFactors(userRows.length, p.factors, random);
  const itemFactors = randomFactors(numItems, p.factors, random);

  for (let iteration = 0; iteration < p.iterations; iteration++) {
    throwIfCancelled(options.signal);
    solveRows(userFactors, itemFactors, userRows, p);
    solveRows(itemFactors, userFactors, itemRows, p);
    options.onProgress?.('als.train', iteration + 1, p.iterations);
  }
  return { factors: p.factors, userFactors, itemFactors };
}

function randomFactors(rows: number, d: number, random: SeededRandom): Float32Array {
  const values = new Float32Array(rows * d);
  for (let i = 0; i < values.length; i++) values[i] = random.nextNormal() * 0.01;
  return values;
}

function transpose(rows: readonly SparseRow[], columns: number): SparseRow[] {
  const counts = new Int32Array(columns);
  for (const row of rows) for (const c of row.indices) {
    if (c < 0 || c >= columns) throw new ShopRecError('training.invalidParameter', { name: 'item', value: String(c), expected: `an item number in [0, ${columns})` }, { kind: 'bug' });
    counts[c]!++;
  }
  const out = Array.from(counts, (n) => ({ indices: new Int32Array(n), values: new Float32Array(n) }));
  const filled = new Int32Array(columns);
  rows.forEach((row, r) => {
    row.indices.forEach((c, k) => {
      const slot = filled[c]!++;
      out[c]!.indices[slot] = r;
      out[c]!.values[slot] = row.values[k]!;
    });
  });
  return out;
}

/** Updates every row of `target` given the fixed `other` factors. */
function solveRows(target: Float32Array, other: Float32Array, rows: readonly SparseRow[], p: AlsParams): void {
  const d = p.factors;
  const gram = gramOf(other, d);
  const x = new Float64Array(d);
  const r = new Float64Array(d);
  const dir = new Float64Array(d);
  const ap = new Float64Array(d);

  rows.forEach((row, u) => {
    for (let k = 0; k < d; k++) x[k] = target[u * d + k]!;
    // Residual r = b - A x, with b = Σ c_ui y_i and A x = (YᵀY + λI) x + Σ (c_ui - 1) (y_iᵀx) y_i.
    multiply(gram, x, r, d, p.regularization);
    for (let k = 0; k < d; k++) r[k] = -r[k]!;
    row.indices.forEach((i, n) => {
      const confidence = 1 + p.alpha * row.values[n]!;
      const yx = dotRow(other, i, x, d);
      for (let k = 0; k < d; k++) r[k]! += (confidence - (confidence - 1) * yx) * other[i * d + k]!;
    });

    dir.set(r);
    let rsOld = dot(r, r);
    for (let step = 0; step < p.cgSteps && rsOld > 1e-20; step++) {
      multiply(gram, dir, ap, d, p.regularization);
      row.indices.forEach((i, n) => {
        const extra = p.alpha * row.values[n]! * dotRow(other, i, dir, d);
        for (let k = 0; k < d; k++) ap[k]! += extra * other[i * d + k]!;
      });
      const alpha = rsOld / dot(dir, ap);
      for (let k = 0; k < d; k++) {
        x[k]! += alpha * dir[k]!;
        r[k]! -= alpha * ap[k]!;
      }
      const rsNew = dot(r, r);
      for (let k = 0; k < d; k++) dir[k] = r[k]! + (rsNew / rsOld) * dir[k]!;
      rsOld = rsNew;
    }
    for (let k = 0; k < d; k++) target[u * d + k] = x[k]!;
  });
}

function gramOf(factors: Float32Array, d: number): Float64Array {
  const gram = new Float64Array(d * d);
  for (let row = 0; row < factors.length / d; row++) {
    const base = row * d;
    for (let a = 0; a < d; a++) {
      const fa = factors[base + a]!;
      for (let b = 0; b < d; b++) gram[a * d + b]! += fa * factors[base + b]!;
    }
  }
  return gram;
}

/** out = (gram + λI) v */
function multiply(gram: Float64Array, v: Float64Array, out: Float64Array, d: number, lambda: number): void {
  for (let a = 0; a < d; a++) {
    let sum = lambda * v[a]!;
    for (let b = 0; b < d; b++) sum += gram[a * d + b]! * v[b]!;
    out[a] = sum;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k]! * b[k]!;
  return sum;
}

function dotRow(factors: Float32Array, row: number, v: Float64Array, d: number): number {
  let sum = 0;
  for (let k = 0; k < d; k++) sum += factors[row * d + k]! * v[k]!;
  return sum;
}

/** Scores every item for one customer row of a trained model. */
export function scoreAls(model: AlsModel, user: number): Float32Array {
  const d = model.factors;
  const numItems = model.itemFactors.length / d;
  const scores = new Float32Array(numItems);
  for (let i = 0; i < numItems; i++) {
    let sum = 0;
    for (let k = 0; k < d; k++) sum += model.userFactors[user * d + k]! * model.itemFactors[i * d + k]!;
    scores[i] = sum;
  }
  return scores;
}
