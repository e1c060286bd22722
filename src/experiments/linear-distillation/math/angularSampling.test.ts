import { describe, expect, it } from 'vitest';
import { angleTail, type AngularTask } from './angularTasks';
import {
  chiSample,
  gammaSample,
  makeRng,
  reducedProjection,
  reducedStudentAngle,
  sampleFull,
  sampleReduced,
} from './angularSampling';
import { distillationSolution, projectOnBasis, rowSpanBasis } from './linearDistillation';

const meanSd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { m, se: Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) / xs.length) };
};

describe('seeded draws of the angular tasks', () => {
  it('Gamma(k) has mean k and variance k (Marsaglia–Tsang, also k < 1); χ_k² has mean k', () => {
    const rng = makeRng(5);
    for (const k of [0.4, 3, 250]) {
      const xs = Array.from({ length: 40_000 }, () => gammaSample(k, rng));
      const { m, se } = meanSd(xs);
      expect(Math.abs(m - k)).toBeLessThan(4 * se);
    }
    const chi2 = Array.from({ length: 20_000 }, () => chiSample(7, rng) ** 2);
    expect(Math.abs(meanSd(chi2).m - 7)).toBeLessThan(4 * meanSd(chi2).se);
  });

  it('full draws: the unsigned angle to w* = e₁ follows p(θ) (Kolmogorov distance < 0.015)', () => {
    const t: AngularTask = { kind: 'kappa', kappa: 0.7 };
    const c = sampleFull(t, 8, 10_000, makeRng(2));
    const ang: number[] = [];
    for (let i = 0; i < c.rows; i++) {
      const row = c.X.subarray(i * 8, (i + 1) * 8);
      const nrm = Math.hypot(...row);
      ang.push(Math.acos(Math.abs(row[0]) / nrm));
    }
    ang.sort((a, b) => a - b);
    let ks = 0;
    ang.forEach((v, i) => (ks = Math.max(ks, Math.abs(1 - angleTail(t, v) - (i + 0.5) / ang.length))));
    expect(ks).toBeLessThan(0.015);
  });

  it('reduced draws (Bartlett) give the same law of the student’s angle as full ones (means within 4 SE)', () => {
    const t: AngularTask = { kind: 'kappa', kappa: 1 };
    const angles = (reduced: boolean, seed: number) => {
      const rng = makeRng(seed);
      return Array.from({ length: 4000 }, () => {
        const c = reduced ? sampleReduced(t, 50, 10, rng) : sampleFull(t, 50, 10, rng);
        const w = new Float64Array(c.dim);
        w[0] = 1;
        return distillationSolution(c, w).angle;
      });
    };
    const a = meanSd(angles(true, 1));
    const b = meanSd(angles(false, 2));
    expect(Math.abs(a.m - b.m)).toBeLessThan(4 * Math.hypot(a.se, b.se));
    // and the reduced cloud is small: 1 + min(rows, d − 1) coordinates
    expect(sampleReduced(t, 1000, 20, makeRng(1), 1).dim).toBe(22);
    expect(sampleReduced(t, 5, 20, makeRng(1)).dim).toBe(5);
  });

  it('is reproducible from its seed', () => {
    const t: AngularTask = { kind: 'margin', kappa: 2, margin: 0.2 };
    expect(sampleReduced(t, 30, 6, makeRng(9)).X).toEqual(sampleReduced(t, 30, 6, makeRng(9)).X);
  });

  it('the O(n²) angle and projection on a reduced cloud equal Gram–Schmidt’s (to 1e-12 and 1e-10·‖g‖)', () => {
    const rng = makeRng(21);
    for (const [d, n] of [
      [1000, 20],
      [30, 29],
      [30, 30],
      [30, 45],
      [5, 1],
    ]) {
      const c = sampleReduced({ kind: 'kappa', kappa: 0.8 }, d, n, rng, 1);
      const w = new Float64Array(c.dim);
      w[0] = 1;
      expect(
        Math.abs(reducedStudentAngle(c, n) - distillationSolution(c, w, n).angle),
        `d=${d} n=${n}`,
      ).toBeLessThan(1e-12);
      // and the O(n²) projection of any vector (here the cloud's Gaussian row) equals Gram–Schmidt's
      const g = c.X.slice(c.rows * c.dim - c.dim);
      const a = reducedProjection(c, n, g);
      const b = projectOnBasis(rowSpanBasis(c, n), g);
      a.forEach((v, j) =>
        expect(Math.abs(v - b[j]), `d=${d} n=${n} coordinate ${j}`).toBeLessThan(1e-10 * Math.hypot(...g)),
      );
    }
  });
});
