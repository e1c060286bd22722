import { describe, expect, it } from 'vitest';
import { seededNormal } from '../../../math/rng';
import {
  hiddenFeatures,
  kdFinalOutputs,
  kdPoles,
  relativeError,
  slowestPole,
  zeroPoles,
} from './kernelDistillation';

const normal = seededNormal('kd-math-test');
const mat = (r: number, c: number, s = 1) =>
  Array.from({ length: r }, () => Array.from({ length: c }, () => s * normal()));

/** H̄ written out as the paper defines it (blocks H_k (a_k a_l/m + λ δ_kl)), for a brute-force check. */
function hBar(X: number[][], W: number[][], a: number[], lam: number) {
  const n = X.length;
  const m = a.length;
  const D = X.map((x) => W.map((w) => 1 - Math.tanh(w.reduce((s, v, j) => s + v * x[j], 0)) ** 2));
  const G = X.map((xi) => X.map((xj) => xi.reduce((s, v, t) => s + v * xj[t], 0)));
  return Array.from({ length: n * m }, (_, r) =>
    Array.from({ length: n * m }, (_, c) => {
      const [k, i, l, j] = [Math.floor(r / n), r % n, Math.floor(c / n), c % n];
      return D[i][k] * D[j][k] * G[i][j] * ((a[k] * a[l]) / m + (k === l ? lam : 0));
    }),
  );
}

describe('kernel-regime distillation theory', () => {
  const X = mat(6, 9);
  const W = mat(3, 9, 0.7);
  const a = [1, -1, 1];

  it('the poles are the eigenvalues of the non-symmetric H̄: trace and trace of H̄² agree', () => {
    const H = hBar(X, W, a, 0.3);
    const p = kdPoles(X, W, a, 0.3, 'tanh');
    const tr = H.reduce((s, r, i) => s + r[i], 0);
    let tr2 = 0;
    for (let i = 0; i < H.length; i++) for (let j = 0; j < H.length; j++) tr2 += H[i][j] * H[j][i];
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(tr, 10);
    expect(p.reduce((s, v) => s + v * v, 0)).toBeCloseTo(tr2, 9);
    expect(p.every((v) => v > -1e-12)).toBe(true);
  });

  it('f_∞: y at λ = 0, the teacher’s Σ a_k φ_k/√m as λ → ∞', () => {
    const y = [1, -1, 1, -1, 1, 1];
    const phi = hiddenFeatures(X, W, 'tanh');
    expect(relativeError(kdFinalOutputs(y, phi, a, 0), y)).toBeLessThan(1e-15);
    const teacher = phi.map((r) => r.reduce((s, v, k) => s + (a[k] * v) / Math.sqrt(3), 0));
    expect(relativeError(kdFinalOutputs(y, phi, a, 1e12), teacher)).toBeLessThan(1e-9);
  });

  it('n > d leaves zero poles: rank H_k ≤ d', () => {
    const Xw = mat(8, 3);
    const p = kdPoles(Xw, mat(2, 3), [1, -1], 0.1, 'tanh');
    expect(zeroPoles(p)).toBe(2 * (8 - 3));
    expect(slowestPole(p)).toBeGreaterThan(0);
  });
});
