import { describe, expect, it } from 'vitest';
import {
  angleFromUniform,
  angleTail,
  corollary1Bound,
  corollary2Bound,
  riskAtAngle,
  theorem3Bound,
  theorem3Bounds,
  type AngularTask,
} from './angularTasks';
import { makeRng } from './angularSampling';
import { taskOf } from './task';

const kappa = (k: number): AngularTask => ({ kind: 'kappa', kappa: k });

describe('Theorem 3’s bound min_β p(β) + p(π/2 − β)^n', () => {
  it('matches SCIENCE.md §4 at d = 1000, n = 20 (κ = 0.5: 0.55, κ = 1: 0.19, κ = 2: 0.020)', () => {
    expect(theorem3Bound(kappa(0.5), 20, 1000).bound).toBeCloseTo(0.5524, 3);
    expect(theorem3Bound(kappa(1), 20, 1000).bound).toBeCloseTo(0.18858, 4);
    expect(theorem3Bound(kappa(2), 20, 1000).bound).toBeCloseTo(0.020375, 5);
  });
  it('κ = 1 in closed form: s = (1/n)^{1/(n−1)}, bound 1 − s + s^n', () => {
    for (const n of [2, 5, 20, 100]) {
      const s = Math.pow(1 / n, 1 / (n - 1));
      expect(Math.abs(theorem3Bound(kappa(1), n, 1000).bound - (1 - s + s ** n))).toBeLessThan(1e-12);
    }
  });
  it('is the minimum of a brute-force grid of 10⁵ β (to 1e-9), and 0 for n ≥ d', () => {
    const t: AngularTask = { kind: 'margin', kappa: 1.7, margin: 0.3 };
    let best = Infinity;
    for (let i = 0; i <= 1e5; i++) {
      const b = (i / 1e5) * (Math.PI / 2);
      best = Math.min(best, angleTail(t, b) + angleTail(t, Math.PI / 2 - b) ** 7);
    }
    const got = theorem3Bound(t, 7, 50).bound;
    expect(got).toBeLessThanOrEqual(best + 1e-12);
    expect(best - got).toBeLessThan(1e-9);
    expect(theorem3Bound(t, 50, 50).bound).toBe(0);
  });
  it('the corollaries are Theorem 3 at a particular β, so never below it', () => {
    const m: AngularTask = { kind: 'margin', kappa: 1, margin: 0.2 };
    for (const n of [1, 3, 10, 40]) {
      const t3 = theorem3Bound(m, n, 100).bound;
      expect(corollary1Bound(m, n, 100)!).toBeGreaterThanOrEqual(t3 - 1e-15);
      expect(corollary1Bound(m, n, 100)).toBeCloseTo((1 - 0.2 / (Math.PI / 2 - 0.2)) ** n, 14);
      expect(corollary2Bound(m, n, 100)!).toBeGreaterThanOrEqual(t3 - 1e-15);
      expect(corollary2Bound(kappa(2), n, 100)!).toBeGreaterThanOrEqual(
        theorem3Bound(kappa(2), n, 100).bound,
      );
    }
    expect(corollary1Bound(kappa(1), 5, 100)).toBeNull();
  });
});

describe('the angle laws p(θ)', () => {
  it('the 2-D Gaussian task: p = 1 − (2/π)·atan(tan θ/ratio); ratio 1 is the κ = 1 law', () => {
    for (const th of [0.1, 0.7, 1.3]) {
      const g = angleTail({ kind: 'gauss', ratio: 3, d: 2 }, th);
      expect(Math.abs(g - (1 - (2 / Math.PI) * Math.atan(Math.tan(th) / 3)))).toBeLessThan(1e-12);
      expect(
        Math.abs(angleTail({ kind: 'gauss', ratio: 1, d: 2 }, th) - angleTail(kappa(1), th)),
      ).toBeLessThan(1e-12);
    }
  });
  it('draws by inversion follow p(θ) (Kolmogorov distance of 20 000 draws < 0.012)', () => {
    const rng = makeRng(3);
    for (const t of [kappa(0.5), { kind: 'margin', kappa: 2, margin: 0.4 } as AngularTask]) {
      const a = Array.from({ length: 20_000 }, () => angleFromUniform(t, rng.uniform())).sort(
        (x, y) => x - y,
      );
      let ks = 0;
      a.forEach((v, i) => (ks = Math.max(ks, Math.abs(1 - angleTail(t, v) - (i + 0.5) / a.length))));
      expect(ks).toBeLessThan(0.012);
    }
  });
});

describe('the exact risk of a classifier at angle φ', () => {
  // References: SciPy quad of the density form ∫ F_τ(−cot φ cot a) f(a) da with betainc (independent).
  it('matches an independent SciPy quadrature to relative 1e-8', () => {
    const ref: [AngularTask, number, number, number][] = [
      [kappa(1), 0.3, 10, 0.026755404191604503],
      [kappa(1), 0.05, 1000, 0.0004022050596307864],
      [kappa(0.5), 0.1, 1000, 0.018483788970462784],
      [kappa(2), 0.2, 100, 8.4041262849405e-5],
      [kappa(0.5), 1.2, 50, 0.19403335520290907],
      [{ kind: 'margin', kappa: 1, margin: 0.2 }, 0.6, 30, 0.0019136580177869943],
    ];
    for (const [t, phi, d, v] of ref) expect(Math.abs(riskAtAngle(t, phi, d) - v) / v).toBeLessThan(1e-8);
  });
  it('agrees with a Monte Carlo of the task (60 000 test points, within 4 standard errors)', () => {
    const rng = makeRng(11);
    const t = kappa(1);
    for (const [phi, d] of [
      [0.3, 3],
      [1.0, 10],
      [0.5, 40],
    ]) {
      let wrong = 0;
      const N = 60_000;
      for (let k = 0; k < N; k++) {
        const a = angleFromUniform(t, rng.uniform());
        // τ: a coordinate of a uniform unit vector of R^{d−1}
        let g0 = rng.normal();
        let ss = g0 * g0;
        for (let j = 1; j < d - 1; j++) ss += rng.normal() ** 2;
        g0 /= Math.sqrt(ss);
        if (Math.cos(phi) * Math.cos(a) + Math.sin(phi) * Math.sin(a) * g0 < 0) wrong++;
      }
      const r = riskAtAngle(t, phi, d);
      expect(Math.abs(wrong / N - r)).toBeLessThan(4 * Math.sqrt((r * (1 - r)) / N));
    }
  });
  it('symmetries and edges: R(0) = 0, R(π/2) = 1/2, R(π − φ) = 1 − R(φ), d = 2 closed form, 0 inside a margin', () => {
    expect(riskAtAngle(kappa(1), 0, 50)).toBe(0);
    expect(riskAtAngle(kappa(1.5), Math.PI / 2, 50)).toBeCloseTo(0.5, 12);
    expect(riskAtAngle(kappa(1), 2.5, 20) + riskAtAngle(kappa(1), Math.PI - 2.5, 20)).toBeCloseTo(1, 12);
    expect(riskAtAngle(kappa(2), 0.4, 2)).toBeCloseTo(angleTail(kappa(2), Math.PI / 2 - 0.4) / 2, 14);
    expect(riskAtAngle({ kind: 'margin', kappa: 1, margin: 0.3 }, 0.29, 100)).toBe(0);
    expect(Number.isNaN(riskAtAngle(kappa(1), NaN, 10))).toBe(true);
  });
});

describe("Theorem 3 at many n (the figure's curve)", () => {
  it('equals the bound at each n, bit for bit, and 0 from n = d on', () => {
    const tasks: AngularTask[] = [
      taskOf({ task: 'kappa', kappa: 1, margin: 10 }),
      taskOf({ task: 'margin', kappa: 1, margin: 10 }),
    ];
    for (const t of tasks) {
      const ns = [1, 2, 3, 5, 8, 13, 21, 34, 55, 99, 100, 120];
      expect(theorem3Bounds(t, ns, 100)).toEqual(ns.map((n) => theorem3Bound(t, n, 100).bound));
      expect(theorem3Bounds(t, [100, 120], 100)).toEqual([0, 0]);
    }
  });
});
