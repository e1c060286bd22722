import { describe, expect, it } from 'vitest';
import fixture from '../../../../tests/fixtures/ols-paper-20I-s0.25.json';
import { leastSquares, sgdLeastSquaresTheory, transientCovariance } from './sgdLeastSquaresTheory';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('exact SGD least-squares theory against the float64 fixture', () => {
  const t = sgdLeastSquaresTheory({ X: fixture.X, y: fixture.y }, fixture.eta, fixture.batch);
  it('β̂ to relative 1e-9', () => {
    t.betaHat.forEach((b, i) => expect(rel(b, fixture.expected.betaHat[i])).toBeLessThan(1e-9));
  });
  it('stationary covariance to relative 1e-9', () => {
    expect(t.stationaryCov).not.toBeNull();
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++)
        expect(rel(t.stationaryCov![i][j], fixture.expected.stationaryCov[i][j])).toBeLessThan(1e-9);
  });
  it('mean-square contraction to relative 1e-9', () => {
    expect(rel(t.meanSquareContraction, fixture.expected.meanSquareContraction)).toBeLessThan(1e-9);
  });
  it('the continuous-time picture is isotropic ησ²/(2B)·I and differs from the exact one', () => {
    const c = t.continuousTimeCov(0.25);
    expect(c[0][0]).toBeCloseTo((0.01 * 0.25) / 10, 15);
    expect(c[0][1]).toBe(0);
    expect(rel(c[0][0], t.stationaryCov![0][0])).toBeGreaterThan(0.05);
  });
});

describe('stability and transients', () => {
  it('reports divergence (ρ ≥ 1, no covariance) for too large a step', () => {
    const t = sgdLeastSquaresTheory({ X: fixture.X, y: fixture.y }, 0.2, fixture.batch);
    expect(t.meanSquareContraction).toBeGreaterThanOrEqual(1);
    expect(t.stationaryCov).toBeNull();
  });
  it('full-batch GD (B = N) has zero stationary covariance', () => {
    const t = sgdLeastSquaresTheory({ X: fixture.X, y: fixture.y }, 0.01, fixture.X.length);
    expect(Math.abs(t.stationaryCov![0][0])).toBeLessThan(1e-20);
  });
  it('the exact transient converges to the stationary covariance', () => {
    const t = sgdLeastSquaresTheory({ X: fixture.X, y: fixture.y }, fixture.eta, fixture.batch);
    const [last] = transientCovariance(
      { X: fixture.X, y: fixture.y },
      fixture.eta,
      fixture.batch,
      [0, 0],
      [400],
    ).slice(-1);
    expect(rel(last.cov[0], t.stationaryCov![0][0])).toBeLessThan(1e-6);
    expect(rel(last.cov[3], t.stationaryCov![1][1])).toBeLessThan(1e-6);
    expect(rel(last.mean[0], t.betaHat[0])).toBeLessThan(1e-9);
  });
  it('rejects a rank-deficient design', () => {
    expect(() =>
      leastSquares(
        [
          [1, 2],
          [2, 4],
          [3, 6],
        ],
        [1, 2, 3],
      ),
    ).toThrow(/rank deficient/);
  });
});

describe('a tiny step (η = 1e-320): stable, with a finite covariance η·N⁻¹q', () => {
  const problem = {
    X: [
      [1, 0],
      [0, 1],
      [1, 1],
    ],
    y: [1, 2, 2.5],
  };
  it('reports the chain stable with the gap η·min rate, where ρ itself rounds to 1', () => {
    const t = sgdLeastSquaresTheory(problem, 1e-320, 1);
    expect(t.meanSquareContraction).toBe(1);
    expect(t.stable).toBe(true);
    expect(t.contractionGap).toBeGreaterThan(0);
    expect(t.stationaryCov).not.toBeNull();
    t.stationaryCov!.flat().forEach((v) => expect(Number.isFinite(v)).toBe(true));
    expect(t.stationaryCov![0][0]).toBeGreaterThan(0);
  });
  it('the covariance scales with η: the same C/η at 1e-300 as at 1e-12 (to 1e-9), and the plain solve at 1e-5 (to 1e-3, its O(η) term)', () => {
    const per = (eta: number) =>
      sgdLeastSquaresTheory(problem, eta, 1).stationaryCov!.map((r) => r.map((v) => v / eta));
    const a = per(1e-300);
    const b = per(1e-12);
    const c = per(1e-5);
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(a[i][i] / b[i][i] - 1)).toBeLessThan(1e-9);
      expect(Math.abs(b[i][i] / c[i][i] - 1)).toBeLessThan(1e-3);
    }
  });
  it('an unstable step is still refused: gap below 0, no covariance', () => {
    const t = sgdLeastSquaresTheory(problem, 2, 1);
    expect(t.stable).toBe(false);
    expect(t.contractionGap).toBeLessThan(0);
    expect(t.stationaryCov).toBeNull();
  });
});
