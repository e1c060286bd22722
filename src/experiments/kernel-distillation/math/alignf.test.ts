import { describe, expect, it } from 'vitest';
import { alignKernels, alignment, center, crossGram, nonNegativeQp } from './alignf';
import { embed, nystromMap } from './nystrom';

describe('eq. (17): the non-negative QP', () => {
  it('interior optimum: M v = a when that is ≥ 0', () => {
    // [[2,1],[1,2]] v = (1,1) → v = (1/3, 1/3)
    const v = nonNegativeQp(
      [
        [2, 1],
        [1, 2],
      ],
      [1, 1],
    );
    expect(v[0]).toBeCloseTo(1 / 3, 14);
    expect(v[1]).toBeCloseTo(1 / 3, 14);
  });

  it('a bound is active: the free solution (0.55, −0.4)/0.19 has v₂ < 0, so v = (1, 0)', () => {
    const v = nonNegativeQp(
      [
        [1, 0.9],
        [0.9, 1],
      ],
      [1, 0.5],
    );
    expect(v).toEqual([1, 0]);
  });

  it('no positive alignment: v = 0; identical kernels (singular M) still give the optimum', () => {
    expect(nonNegativeQp([[1]], [-1])).toEqual([0]);
    const v = nonNegativeQp(
      [
        [1, 1],
        [1, 1],
      ],
      [1, 1],
    );
    expect(v[0] + v[1]).toBeCloseTo(1, 14);
  });
});

describe('centred alignment and the learned kernel', () => {
  it('K = yyᵀ with balanced labels has alignment 1; centring removes constants', () => {
    const y = [1, -1, 1, -1];
    const K = Float64Array.from({ length: 16 }, (_, ij) => y[Math.floor(ij / 4)] * y[ij % 4] + 3);
    expect(alignment(center(K, 4), y)).toBeCloseTo(1, 14);
  });

  it('two tight clusters: the weights are ≥ 0 with unit norm and the combination aligns best', () => {
    const pts = [
      [1, 0],
      [0.995, 0.0999],
      [0, 1],
      [0.0999, 0.995],
    ].map((p) => p.map((v) => v / Math.hypot(...p)));
    const X = Float64Array.from(pts.flat());
    const y = [1, 1, -1, -1];
    const r = alignKernels(crossGram(X, 4, X, 4, 2), y);
    expect(Math.hypot(...r.mu)).toBeCloseTo(1, 12);
    for (const m of r.mu) expect(m).toBeGreaterThanOrEqual(0);
    expect(r.combined).toBeGreaterThanOrEqual(Math.max(...r.alignments) - 1e-12);
  });
});

describe('Nyström', () => {
  it('with every point a landmark, the embedding reproduces the kernel', () => {
    const X = Float64Array.from([1, 0, 0.6, 0.8, 0, 1]);
    const K = crossGram(X, 3, X, 3, 2).map((g) => Math.exp(-(2 - 2 * g)));
    const map = nystromMap(K, 3);
    expect(map.kept).toBe(3);
    const E = embed(K, 3, map, false);
    const EE = crossGram(E, 3, E, 3, map.kept);
    EE.forEach((v, i) => expect(v).toBeCloseTo(K[i], 12));
    const U = embed(K, 3, map);
    expect(Math.hypot(U[0], U[1], U[2])).toBeCloseTo(1, 14);
  });
});
