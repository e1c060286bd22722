import { describe, expect, it } from 'vitest';
import { gramTopEigenvalue } from './powerIteration';
import { symmetricEigen } from './ntkRelu';
import { seededNormal } from './rng';

/** XXᵀ of the first `rows` rows, as a dense matrix. */
const gram = (X: Float64Array, rows: number, dim: number, stride: number) =>
  Array.from({ length: rows }, (_, i) =>
    Array.from({ length: rows }, (_, k) => {
      let s = 0;
      for (let j = 0; j < dim; j++) s += X[i * stride + j] * X[k * stride + j];
      return s;
    }),
  );

describe('gramTopEigenvalue', () => {
  it('equals the top eigenvalue of XXᵀ from a full eigensolve (tall, wide, strided)', () => {
    const normal = seededNormal('power-iteration');
    for (const [rows, dim, stride] of [
      [30, 5, 5],
      [6, 40, 40],
      [12, 7, 9],
    ]) {
      const X = Float64Array.from({ length: rows * stride }, () => normal());
      const exact = symmetricEigen(gram(X, rows, dim, stride)).values[0];
      expect(Math.abs(gramTopEigenvalue(X, rows, dim, stride) - exact) / exact).toBeLessThan(1e-9);
    }
  });

  it('is exact on a diagonal matrix and 0 on a zero one', () => {
    expect(gramTopEigenvalue([3, 0, 0, 2], 2, 2)).toBeCloseTo(9, 10);
    expect(gramTopEigenvalue(new Float64Array(6), 2, 3)).toBe(0);
  });
});
