import type * as tfjs from '@tensorflow/tfjs-core';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { seededNormal } from '../math/rng';

type Tf = typeof tfjs;

const subspaceMaxIterations = 300;
const subspaceTol = 1e-6;

/**
 * Block subspace iteration for the top-m eigenvalues of a symmetric PSD matrix H (n × n tensor):
 * Q ← H Q, re-orthonormalised each step through the p × p Gram matrix (float64 eigendecomposition,
 * Q = Z U S^{-1/2}), with p = min(n, m + 8) columns; Ritz values from the float64 generalised
 * Rayleigh–Ritz problem (QᵀHQ, QᵀQ), so a slightly non-orthonormal Q is harmless. Only p × p matrices
 * are read back.
 */
export async function topEigenvalues(
  tf: Tf,
  H: tfjs.Tensor2D,
  m: number,
  seed: number,
  cancelled: () => boolean,
): Promise<{ values: number[]; iterations: number; converged: boolean } | null> {
  const n = H.shape[0];
  const p = Math.min(n, m + 8);
  const normal = seededNormal(`ntk-subspace:${seed}`);
  const q0 = Float32Array.from({ length: n * p }, () => normal());
  let Q: tfjs.Tensor2D = tf.tensor2d(q0, [n, p]);
  let prev: number[] | null = null;
  let values: number[] = [];
  try {
    for (let it = 1; it <= subspaceMaxIterations; it++) {
      if (cancelled()) return null;
      const Z = tf.tidy(() => tf.matMul(H, Q));
      const small = tf.tidy(() =>
        tf.stack([tf.matMul(Q, Q, true), tf.matMul(Q, Z, true), tf.matMul(Z, Z, true)]),
      );
      let g: Float32Array;
      try {
        g = (await small.data()) as Float32Array;
      } finally {
        small.dispose();
      }
      const block = (b: number) =>
        new Matrix(
          Array.from({ length: p }, (_, i) =>
            Array.from(g.subarray(b * p * p + i * p, b * p * p + (i + 1) * p)),
          ),
        );
      const [M, T, G] = [block(0), block(1), block(2)];
      values = ritzValues(M, T).slice(0, m);
      while (values.length < m) values.push(0);
      const done =
        prev !== null &&
        it >= 3 &&
        values.every((v, i) => Math.abs(v - prev![i]) <= subspaceTol * Math.max(Math.abs(values[0]), 1e-30));
      if (done) {
        Z.dispose();
        return { values, iterations: it, converged: true };
      }
      prev = values;
      // Next basis: Z (ZᵀZ)^{-1/2}, columns ordered by decreasing singular value; tiny ones dropped (zeroed).
      const B = orthonormaliser(G);
      const next = tf.tidy(() => tf.matMul(Z, tf.tensor2d(B, [p, p])) as tfjs.Tensor2D);
      Z.dispose();
      Q.dispose();
      Q = next;
    }
    return { values, iterations: subspaceMaxIterations, converged: false };
  } finally {
    Q.dispose();
  }
}

const symmetric = (A: Matrix) => A.add(A.transpose()).mul(0.5);

/** Eigenvalues (descending) of the pencil (T, M), M = QᵀQ ≻ 0 on its numerically non-null part. */
function ritzValues(M: Matrix, T: Matrix): number[] {
  const e = new EigenvalueDecomposition(symmetric(M), { assumeSymmetric: true });
  const mu = e.realEigenvalues;
  const U = e.eigenvectorMatrix;
  const muMax = Math.max(...mu);
  const keep = mu.map((v, i) => (v > 1e-10 * muMax ? i : -1)).filter((i) => i >= 0);
  const B = new Matrix(M.rows, keep.length);
  keep.forEach((j, c) => {
    for (let r = 0; r < M.rows; r++) B.set(r, c, U.get(r, j) / Math.sqrt(mu[j]));
  });
  const Tt = symmetric(B.transpose().mmul(symmetric(T)).mmul(B));
  const vals = new EigenvalueDecomposition(Tt, { assumeSymmetric: true }).realEigenvalues;
  return [...vals].sort((a, b) => b - a);
}

/** U S^{-1/2} for G = U S Uᵀ (columns by decreasing S; directions with S ≤ 1e-12·S_max get 0). */
function orthonormaliser(G: Matrix): Float32Array {
  const p = G.rows;
  const e = new EigenvalueDecomposition(symmetric(G), { assumeSymmetric: true });
  const s = e.realEigenvalues;
  const U = e.eigenvectorMatrix;
  const order = s.map((_, i) => i).sort((a, b) => s[b] - s[a]);
  const sMax = Math.max(s[order[0]], 0);
  const B = new Float32Array(p * p);
  order.forEach((j, c) => {
    const scale = s[j] > 1e-12 * sMax && s[j] > 0 ? 1 / Math.sqrt(s[j]) : 0;
    for (let r = 0; r < p; r++) B[r * p + c] = U.get(r, j) * scale;
  });
  return B;
}
