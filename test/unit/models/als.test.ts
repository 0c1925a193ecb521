import { describe, expect, it } from 'vitest';

import { scoreAls, trainAls, type SparseRow } from '../../../src-main/core/models/als.ts';

function row(...items: number[]): SparseRow {
  return { indices: Int32Array.from(items), values: new Float32Array(items.length).fill(1) };
}

describe('implicit ALS', () => {
  it('separates two groups of customers', () => {
    const rows = [row(0, 1), row(0, 1, 2), row(1, 0), row(3, 4), row(4, 5), row(3, 4, 5)];

    const model = trainAls(rows, 6, { factors: 4, iterations: 10, regularization: 0.1, alpha: 5 });

    const first = scoreAls(model, 0);
    expect(first[2]).toBeGreaterThan(first[5]!);
    const fourth = scoreAls(model, 3);
    expect(fourth[5]).toBeGreaterThan(fourth[1]!);
  });

  it('item step solves the weighted least-squares system', () => {
    // With as many CG steps as factors, a half-step is an exact solve. The item step runs last, so
    // every item's factors must satisfy (XᵀC_iX + λI) y_i = XᵀC_i p_i for the final user factors X.
    const rows = [row(0, 2), row(1), row(0, 1, 3)];
    const lambda = 0.2;
    const alpha = 3;
    const d = 2;

    const model = trainAls(rows, 4, { factors: d, iterations: 2, cgSteps: d, regularization: lambda, alpha });

    const x = model.userFactors;
    for (let i = 0; i < 4; i++) {
      const a = [lambda, 0, 0, lambda];
      const b = [0, 0];
      rows.forEach((r, u) => {
        const observed = r.indices.includes(i);
        const c = observed ? 1 + alpha : 1;
        for (let m = 0; m < d; m++) {
          if (observed) b[m]! += c * x[u * d + m]!;
          for (let n = 0; n < d; n++) a[m * d + n]! += c * x[u * d + m]! * x[u * d + n]!;
        }
      });
      const y = [model.itemFactors[i * d]!, model.itemFactors[i * d + 1]!];
      expect(a[0]! * y[0]! + a[1]! * y[1]!).toBeCloseTo(b[0]!, 4);
      expect(a[2]! * y[0]! + a[3]! * y[1]!).toBeCloseTo(b[1]!, 4);
    }
  });
});
