import { describe, expect, it } from 'vitest';
import { logGamma, regularizedBeta } from './incompleteBeta';
import { integrate } from '../../../math/quadrature';

// References: scipy.special.gammaln / betainc (SciPy 1.17), independent of this code.
describe('log Γ and the regularised incomplete beta function against SciPy', () => {
  it('logGamma to 1e-13 (absolute below 1, relative above)', () => {
    const ref: [number, number][] = [
      [0.1, 2.252712651734206],
      [0.5, 0.5723649429247],
      [1, 0],
      [3.7, 1.428072326665388],
      [50, 144.56574394634487],
      [499.5, 2602.0092968128984],
    ];
    for (const [x, v] of ref)
      expect(Math.abs(logGamma(x) - v), `x = ${x}`).toBeLessThan(1e-13 * Math.max(1, v));
  });
  it('I_x(a, b) to relative 1e-12, tails included (1.6e-50 keeps its digits)', () => {
    const ref: [number, number, number, number][] = [
      [0.3, 2, 3, 0.34829999999999994],
      [0.01, 0.5, 49.5, 0.6802515258606986],
      [0.2, 249, 249, 1.6263309135382752e-50],
      [0.45, 499, 499, 0.0007720580537005424],
      [0.999, 0.5, 0.5, 0.9798649583666235],
      [0.7, 10, 0.5, 0.008322504862464206],
    ];
    for (const [x, a, b, v] of ref)
      expect(Math.abs(regularizedBeta(x, a, b) - v) / v, `I_${x}(${a}, ${b})`).toBeLessThan(1e-12);
  });
  it('edges and bad arguments', () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    expect(() => regularizedBeta(0.5, 0, 1)).toThrow(/a, b > 0/);
    expect(() => logGamma(0)).toThrow(/x > 0/);
  });
});

describe('adaptive Gauss–Kronrod', () => {
  it('integrates a sharp logistic edge and a smooth function to 1e-10', () => {
    expect(Math.abs(integrate(Math.sin, 0, Math.PI) - 2)).toBeLessThan(1e-12);
    // ∫₀¹ 1/(1 + e^{(x − 0.3)/1e-3}) dx = 0.3 up to e^{−300}: the edge is 1e-3 wide.
    const edge = (x: number) => 1 / (1 + Math.exp((x - 0.3) / 1e-3));
    expect(Math.abs(integrate(edge, 0, 1) - 0.3)).toBeLessThan(1e-10);
  });
});
