import { describe, expect, it } from 'vitest';

import { invertInPlace, scoreEase, trainEase } from '../../../src-main/core/models/ease.ts';

describe('EASE', () => {
  it('inverts a symmetric positive definite matrix', () => {
    const a = Float64Array.of(4, 1, 2, 1, 3, 0, 2, 0, 5);
    const inverse = Float64Array.from(a);

    invertInPlace(inverse, 3);

    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let product = 0;
        for (let k = 0; k < 3; k++) product += a[i * 3 + k]! * inverse[k * 3 + j]!;
        expect(product).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it('weights two always-together items by n / (n + lambda)', () => {
    // XᵀX + λI = [[3+λ, 3], [3, 3+λ]]; its inverse gives B01 = 3 / (3 + λ) = 0.75 for λ = 1.
    const rows = [Int32Array.of(0, 1), Int32Array.of(1, 0), Int32Array.of(0, 1)];

    const model = trainEase(rows, 2, 1);

    expect(model.weights[0]).toBe(0);
    expect(model.weights[1]).toBeCloseTo(0.75, 6);
    expect(model.weights[2]).toBeCloseTo(0.75, 6);
    expect(model.weights[3]).toBe(0);
  });

  it('scores co-bought items above unrelated ones', () => {
    const rows = [Int32Array.of(0, 1), Int32Array.of(0, 1), Int32Array.of(0, 1, 2), Int32Array.of(2, 3), Int32Array.of(2, 3)];
    const model = trainEase(rows, 4, 0.5);

    const scores = scoreEase(model, [0]);

    expect(scores[1]).toBeGreaterThan(scores[3]!);
    expect(scores[1]).toBeGreaterThan(scores[2]!);
  });

  it('rejects a non-positive lambda', () => {
    expect(() => trainEase([Int32Array.of(0)], 1, 0)).toThrow(/training.invalidParameter/);
  });
});
