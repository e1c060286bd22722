import { describe, expect, it } from 'vitest';
import fixture from '../../../../tests/fixtures/ols-paper-20I-s0.25.json';
import {
  axisGrid,
  eq16Strength,
  labelsAt,
  meanGradFSq,
  meanLossGradSq,
  sweep,
  sweepPoint,
  type ScalableProblem,
} from './regulariser';

// The fixture's labels are Xβ* + 0.5·z with β* = (1, 1): recover z to rescale the noise.
const X = fixture.X;
const yClean = X.map((x) => x[0] + x[1]);
const problem: ScalableProblem = { X, yClean, z: fixture.y.map((v, i) => (v - yClean[i]) / 0.5) };
const paper = { sigma2: 0.25, eta: fixture.eta, batch: fixture.batch };

describe('eq. (16) for least squares (float64)', () => {
  it('the strength is (ησ²/(BN)) Σ‖xᵢ‖², by hand', () => {
    const tiny = [
      [1, 0],
      [0, 2],
    ];
    expect(meanGradFSq(tiny)).toBe(2.5);
    expect(eq16Strength(tiny, { eta: 0.1, sigma2: 2, batch: 1 })).toBeCloseTo(0.5, 15);
  });

  it('the mean squared loss gradient over a law is exact from its mean and covariance', () => {
    // Two equally likely points m ± v: mean m, covariance v vᵀ.
    const tiny = [
      [1, 2],
      [-3, 0.5],
      [0.25, 4],
    ];
    const y = [1, -2, 0.5];
    const m = [0.3, -0.7];
    const v = [0.2, 0.1];
    const direct = [1, -1].reduce((acc, sgn) => {
      const b = [m[0] + sgn * v[0], m[1] + sgn * v[1]];
      const g = tiny.reduce((s, x, i) => {
        const r = x[0] * b[0] + x[1] * b[1] - y[i];
        return s + (x[0] * x[0] + x[1] * x[1]) * r * r;
      }, 0);
      return acc + g / tiny.length / 2;
    }, 0);
    const C = [
      [v[0] * v[0], v[0] * v[1]],
      [v[1] * v[0], v[1] * v[1]],
    ];
    expect(meanLossGradSq(tiny, y, m, C)).toBeCloseTo(direct, 12);
  });

  it('at the paper’s setting the exact trace is the fixture’s stationary covariance', () => {
    expect(labelsAt(problem, 0.25).every((v, i) => Math.abs(v - fixture.y[i]) < 1e-12)).toBe(true);
    const pt = sweepPoint(problem, paper, 0.25);
    const C = fixture.expected.stationaryCov;
    expect(pt.traceExact).toBeCloseTo(C[0][0] + C[1][1], 12);
    expect(pt.traceContinuous).toBeCloseTo((2 * 0.01 * 0.25) / (2 * 5), 15);
    expect(pt.strength).toBeCloseTo(0.01 * 0.05 * meanGradFSq(X), 12);
  });

  it('along σ² everything is linear: strength, exact spread and loss gradient ∝ σ²; ‖∇f‖² is flat', () => {
    const grid = axisGrid('sigma2', X.length, 9);
    expect(grid[0]).toBeCloseTo(0.01, 12);
    expect(grid[8]).toBeCloseTo(10, 12);
    const pts = sweep(problem, 'sigma2', paper, grid);
    for (const p of pts) {
      // labels y = Xβ* + σz: β̂ − β* and the residuals scale with σ, so C and E‖∇ℓ‖² with σ²
      expect(p.strength / p.x).toBeCloseTo(pts[0].strength / pts[0].x, 10);
      expect(p.traceExact / p.x / (pts[0].traceExact / pts[0].x)).toBeCloseTo(1, 9);
      expect(p.lossGradSq / p.x / (pts[0].lossGradSq / pts[0].x)).toBeCloseTo(1, 9);
    }
    // noiseless labels: β̂ = β*, zero residuals, no spread
    const clean = sweepPoint(problem, { ...paper, sigma2: 0 }, 0);
    expect(clean.traceExact).toBeCloseTo(0, 15);
    expect(clean.lossGradSq).toBeCloseTo(0, 12);
  });

  it('along η the exact spread leaves the continuous-time line and ends where SGD diverges (NaN, no throw)', () => {
    const pts = sweep(problem, 'eta', paper, axisGrid('eta', X.length));
    const stable = pts.filter((p) => Number.isFinite(p.traceExact));
    const unstable = pts.filter((p) => !Number.isFinite(p.traceExact));
    expect(stable.length).toBeGreaterThan(10);
    expect(unstable.length).toBeGreaterThan(0);
    expect(Math.max(...stable.map((p) => p.x))).toBeLessThan(Math.min(...unstable.map((p) => p.x)));
    // small η: within 40% of the continuous-time trace; near the edge of stability far above it
    expect(stable[0].traceExact / stable[0].traceContinuous).toBeGreaterThan(0.6);
    expect(stable[0].traceExact / stable[0].traceContinuous).toBeLessThan(1.4);
    const edge = stable[stable.length - 1];
    expect(edge.traceExact / edge.traceContinuous).toBeGreaterThan(2);
    for (const p of pts) expect(Number.isFinite(p.strength)).toBe(true);
  });

  it('the B grid is whole numbers up to N', () => {
    expect(axisGrid('batch', 100)).toContain(1);
    expect(axisGrid('batch', 100).at(-1)).toBe(100);
    expect(axisGrid('batch', 7).at(-1)).toBe(7);
    expect(axisGrid('batch', 7).every(Number.isInteger)).toBe(true);
  });
});
