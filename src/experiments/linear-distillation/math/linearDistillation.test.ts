import { describe, expect, it } from 'vitest';
import fixture from '../../../../tests/fixtures/linear-n8-d30.json';
import { angleBetween, distillationSolution, norm } from './linearDistillation';

const cloudOf = (X: number[][]) => {
  const d = X[0].length;
  const out = new Float64Array(X.length * d);
  X.forEach((r, i) => out.set(r, i * d));
  return { X: out, rows: X.length, dim: d };
};

describe('Theorem 1’s limit ŵ', () => {
  it('matches the float64 fixture (n = 8, d = 30) to relative 1e-9', () => {
    const s = distillationSolution(cloudOf(fixture.X), fixture.wStar);
    s.wHat.forEach((v, j) =>
      expect(Math.abs(v - fixture.expected.wHat[j]) / Math.abs(fixture.expected.wHat[j])).toBeLessThan(1e-9),
    );
    expect(Math.abs(s.angle - fixture.expected.angle) / fixture.expected.angle).toBeLessThan(1e-9);
    expect(s.rank).toBe(8);
  });
  it('is w* itself when the points span R^d, and the residual is orthogonal to the data otherwise', () => {
    const X = [
      [1, 2, 0],
      [0, 1, 1],
      [3, 0, 1],
      [1, 1, 1],
    ];
    const s = distillationSolution(cloudOf(X), [0.3, -2, 5]);
    expect(Array.from(s.wHat)).toEqual([0.3, -2, 5]);
    expect(s.angle).toBe(0);
    const t = distillationSolution(cloudOf(fixture.X), fixture.wStar);
    for (const row of fixture.X) {
      const r = row.reduce((acc, x, j) => acc + x * (fixture.wStar[j] - t.wHat[j]), 0);
      expect(Math.abs(r)).toBeLessThan(1e-12 * norm(fixture.wStar) * Math.hypot(...row));
    }
  });
  it('handles a rank-deficient X (a repeated point) by projecting on its span', () => {
    const s = distillationSolution(
      cloudOf([
        [1, 1, 0],
        [2, 2, 0],
      ]),
      [1, 0, 0],
    );
    expect(s.rank).toBe(1);
    expect(Array.from(s.wHat).map((v) => Number(v.toFixed(12)))).toEqual([0.5, 0.5, 0]);
  });
  it('angleBetween is accurate near 0 and π (atan2, not acos)', () => {
    expect(angleBetween([1, 1e-9], [1, 0])).toBeCloseTo(1e-9, 20);
    expect(angleBetween([-1, 1e-9], [1, 0])).toBeCloseTo(Math.PI - 1e-9, 15);
    expect(Number.isNaN(angleBetween([0, 0], [1, 0]))).toBe(true);
  });
});
