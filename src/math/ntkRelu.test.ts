import { describe, expect, it } from 'vitest';
import fixture from '../../tests/fixtures/ntk-relu-clusters-n64.json';
import { normalizeRows, reluNtk, symmetricEigen, topKRatio } from './ntkRelu';

describe('infinite-width ReLU NTK against the float64 fixture', () => {
  const { values, vectors } = symmetricEigen(reluNtk(fixture.X));
  it('top 10 eigenvalues to relative 1e-8', () => {
    for (let i = 0; i < 10; i++)
      expect(
        Math.abs(values[i] - fixture.expected.eigenvalues[i]) / fixture.expected.eigenvalues[i],
      ).toBeLessThan(1e-8);
  });
  it('top-k ratios to absolute 1e-9', () => {
    expect(Math.abs(topKRatio(fixture.y, vectors, fixture.topK) - fixture.expected.topKRatio)).toBeLessThan(
      1e-9,
    );
    expect(
      Math.abs(topKRatio(fixture.yClean, vectors, fixture.topK) - fixture.expected.topKRatioClean),
    ).toBeLessThan(1e-9);
  });
  it('clean labels live in the top eigenspace more than noisy ones', () => {
    expect(topKRatio(fixture.yClean, vectors, 5)).toBeGreaterThan(topKRatio(fixture.y, vectors, 5) + 0.1);
  });
  it('all 64 eigenvalues to 1e-9·λ_max (measured 1.1e-10), the smallest positive: H∞ is positive definite', () => {
    const e = fixture.expected.eigenvalues;
    expect(values).toHaveLength(e.length);
    values.forEach((v, i) => expect(Math.abs(v - e[i]), `eigenvalue ${i}`).toBeLessThan(1e-9 * e[0]));
    // the fixture's smallest is 0.01095: the kernel matrix of distinct unit vectors is strictly PD
    expect(values[values.length - 1]).toBeGreaterThan(0.01);
  });
  it('normalizeRows refuses a zero row', () => {
    expect(() => normalizeRows([[0, 0]])).toThrow(/zero norm/);
  });
});

describe('the arc-cosine form of H∞ at known angles', () => {
  const at = (theta: number) =>
    reluNtk([
      [1, 0],
      [Math.cos(theta), Math.sin(theta)],
    ])[0][1];
  // cos θ (π − θ)/(2π), by hand: 1/2, 1/6, 0, −1/12, 0. Absolute 1e-15 (the arccos rounding).
  it.each([
    ['0', 0, 1 / 2],
    ['π/3', Math.PI / 3, 1 / 6],
    ['π/2', Math.PI / 2, 0],
    ['2π/3', (2 * Math.PI) / 3, -1 / 12],
    ['π', Math.PI, 0],
  ])('θ = %s gives %s', (_name, theta, expected) => {
    expect(Math.abs(at(theta) - expected)).toBeLessThan(1e-15);
  });

  it('equals x·y·P(w·x > 0, w·y > 0) over directions w, counted on a fine circle (2-D, to 2/N)', () => {
    // The definition the closed form comes from (Def. 2): E_w[x·y 1(w·x>0) 1(w·y>0)], w ~ N(0, I); in
    // 2-D the direction of w is uniform, so the probability is the share of N equally spaced angles.
    const N = 200_000;
    for (const theta of [0.3, 1.1, 2, 2.9]) {
      const x = [Math.cos(0.4), Math.sin(0.4)];
      const y = [Math.cos(0.4 + theta), Math.sin(0.4 + theta)];
      let both = 0;
      for (let i = 0; i < N; i++) {
        const phi = (2 * Math.PI * (i + 0.5)) / N;
        const w = [Math.cos(phi), Math.sin(phi)];
        if (w[0] * x[0] + w[1] * x[1] > 0 && w[0] * y[0] + w[1] * y[1] > 0) both++;
      }
      const dot = x[0] * y[0] + x[1] * y[1];
      expect(Math.abs(reluNtk([x, y])[0][1] - (dot * both) / N)).toBeLessThan((2 / N) * Math.abs(dot));
    }
  });

  it('depends on the angle only: the same under a rotation of the inputs in 5-D (1e-14)', () => {
    // a fixed rotation: a product of Givens rotations in coordinate planes
    const rotate = (v: number[]) => {
      const r = [...v];
      [
        [0, 1, 0.7],
        [1, 3, -1.2],
        [2, 4, 2.1],
        [0, 4, 0.4],
      ].forEach(([a, b, t]) => {
        const [u, w] = [r[a], r[b]];
        r[a] = Math.cos(t) * u - Math.sin(t) * w;
        r[b] = Math.sin(t) * u + Math.cos(t) * w;
      });
      return r;
    };
    const X = normalizeRows([
      [1, 2, 0, -1, 0.5],
      [0.3, -1, 2, 0, 1],
      [-2, 0.1, 0.4, 1, -1],
    ]);
    const H = reluNtk(X);
    const R = reluNtk(X.map(rotate));
    H.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(R[i][j] - v)).toBeLessThan(1e-14)));
  });

  it('is positive semi-definite even on nearly parallel inputs (smallest eigenvalue ≥ −1e-12·λ_max)', () => {
    // eight unit vectors within 1e-4 rad of each other: H∞ is close to singular, yet a kernel
    const X = normalizeRows(
      Array.from({ length: 8 }, (_, i) => [1, 1e-4 * Math.sin(i), 1e-4 * Math.cos(3 * i)]),
    );
    const { values } = symmetricEigen(reluNtk(X));
    expect(values[values.length - 1]).toBeGreaterThanOrEqual(-1e-12 * values[0]);
  });
});
