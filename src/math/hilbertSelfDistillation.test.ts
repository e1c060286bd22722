import { describe, expect, it } from 'vitest';
import fixture from '../../tests/fixtures/hilbert-mobahi-eps0.04.json';
import { InfeasibleError, fitCurves, prop5Bound, selfDistill } from './hilbertSelfDistillation';
import { splineGreen } from './splineGreen';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const worst = (a: number[], b: number[]) => Math.max(...a.map((v, i) => rel(v, b[i])));

describe('Hilbert-space self-distillation against the float64 fixture', () => {
  const r = selfDistill({ x: fixture.x, y: fixture.y, epsilon: fixture.epsilon });
  const e = fixture.expected;
  it('eigenvalues to relative 1e-8', () => expect(worst(r.eigenvalues, e.eigenvalues)).toBeLessThan(1e-8));
  it('c_t to relative 1e-8', () => {
    expect(r.c).toHaveLength(e.c.length);
    expect(worst(r.c, e.c)).toBeLessThan(1e-8);
  });
  it('B_t to relative 1e-6', () => {
    expect(r.B).toHaveLength(e.B.length);
    r.B.forEach((b, t) => expect(worst(b, e.B[t])).toBeLessThan(1e-6));
  });
  it('predictions and ‖y_t‖²/K', () => {
    r.predictions.forEach((p, t) => expect(worst(p, e.predictions[t])).toBeLessThan(1e-8));
    expect(worst(r.meanSquaredNorm, e.meanSquaredNorm)).toBeLessThan(1e-10);
  });
  it('collapses after rounds 0–3, as the paper says', () => {
    expect(r.roundsBeforeCollapse).toBe(e.roundsBeforeCollapse);
    expect(r.collapsed).toBe(true);
  });
  it('Prop. 4 is vacuous here (κ ≈ 4.5e3) while the true run lasts 4 rounds', () => {
    expect(r.kappa).toBeGreaterThan(1e3);
    expect(r.guaranteedRounds).toBeLessThan(1);
  });
  it('the fitted curve on a grid passes through f_t at the data', () => {
    const curves = fitCurves(r, fixture.x, fixture.x);
    curves.forEach((c, t) => expect(worst(c, r.predictions[t])).toBeLessThan(1e-9));
  });
  it('B_t sparsifies: small directions shrink faster (ratios grow round by round)', () => {
    const K = r.K;
    const ratio = r.B.map((b) => b[0] / b[K - 1]);
    for (let t = 1; t < ratio.length; t++) expect(ratio[t]).toBeGreaterThan(ratio[t - 1]);
    expect(prop5Bound(r, fixture.y, fixture.epsilon, K - 1, 0, 0)).toBeGreaterThan(1);
  });
});

describe('edge cases', () => {
  it("the Green's function vanishes at both ends and is symmetric", () => {
    expect(splineGreen(0, 0.3)).toBe(0);
    expect(Math.abs(splineGreen(1, 0.3))).toBeLessThan(1e-16);
    expect(splineGreen(0.2, 0.7)).toBeCloseTo(splineGreen(0.7, 0.2), 15);
  });
  it('endpoints with ε below their residual are infeasible, with the number', () => {
    const x = [0, ...fixture.x, 1];
    const y = [0.5, ...fixture.y, -0.5];
    expect(() => selfDistill({ x, y, epsilon: 0.04 })).toThrow(InfeasibleError);
    try {
      selfDistill({ x, y, epsilon: 0.04 });
    } catch (err) {
      expect((err as InfeasibleError).residual).toBeCloseTo(0.5 / 11, 10);
      expect((err as Error).message).toMatch(/infeasible.*0\.04545/);
    }
  });
  it('label mixing α > 0 keeps the rounds from collapsing', () => {
    const r = selfDistill({ x: fixture.x, y: fixture.y, epsilon: fixture.epsilon, alpha: 0.5, rounds: 12 });
    expect(r.collapsed).toBe(false);
    expect(r.c).toHaveLength(12);
  });
  it('ε above ‖y‖²/K collapses at once', () => {
    const r = selfDistill({ x: fixture.x, y: fixture.y, epsilon: 1 });
    expect(r.roundsBeforeCollapse).toBe(0);
  });
});
