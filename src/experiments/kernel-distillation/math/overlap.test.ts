import { describe, expect, it } from 'vitest';
import { integrate } from '../../../math/quadrature';
import { derivativeCorrelation, featureOverlaps, ntkGram, topEigen } from './overlap';

const gauss = (f: (z: number) => number) =>
  integrate((z) => (f(z) * Math.exp((-z * z) / 2)) / Math.sqrt(2 * Math.PI), -12, 12, { absTol: 1e-14 });
const sech2 = (z: number) => 1 / Math.cosh(z) ** 2;

describe('H∞ and the overlap of Fig. 5', () => {
  it('tanh: E[σ′σ′] matches 1-D quadrature at c = 0 (independent) and c = 1 (equal)', () => {
    const k = 0.7;
    const m1 = gauss((z) => sech2(k * z));
    expect(derivativeCorrelation('tanh', k, 0)).toBeCloseTo(m1 * m1, 12);
    expect(derivativeCorrelation('tanh', k, 1)).toBeCloseTo(
      gauss((z) => sech2(k * z) ** 2),
      12,
    );
    // small init: σ′ ≈ 1, so H∞ ≈ XXᵀ (the kernel regime of the paper's κ = 0.01)
    expect(derivativeCorrelation('tanh', 0.01, 0.3)).toBeCloseTo(1, 3);
  });

  it('ReLU: the orthant probability (π − arccos c)/(2π)', () => {
    expect(derivativeCorrelation('relu', 1, 0)).toBeCloseTo(0.25, 15);
    expect(derivativeCorrelation('relu', 1, 1)).toBeCloseTo(0.5, 15);
    expect(derivativeCorrelation('relu', 1, -1)).toBeCloseTo(0, 15);
  });

  it('orthonormal inputs give a diagonal H∞; the overlap of an eigenvector with itself is 1/K', () => {
    const X = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const H = ntkGram(X, 3, 3, 'tanh', 0.5);
    expect(H[0][1]).toBe(0);
    expect(H[2][2]).toBeCloseTo(derivativeCorrelation('tanh', 0.5, 1), 6);
    const { vectors } = topEigen(
      [
        [3, 0, 0],
        [0, 2, 0],
        [0, 0, 1],
      ],
      2,
    );
    // columns: e₁ scaled (overlap (1 + 0)/2), (e₁ + e₂) (overlap √½), and a dead unit
    const phi = Float64Array.from([2, 1, 0, 0, 1, 0, 0, 0, 0]);
    const o = featureOverlaps(phi, 3, 3, vectors);
    expect(o[0]).toBeCloseTo(0.5, 12);
    expect(o[1]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(o[2]).toBeNaN();
  });
});
