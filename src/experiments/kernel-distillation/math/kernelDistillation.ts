import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/**
 * Rahbar et al., knowledge distillation in the kernel regime, in float64. Student
 * f(x) = Σ_k a_k/√m σ(w_kᵀx) trained on Σ_i (y_i − f(x_i))² + λ Σ_{i,k} (φ_k(x_i) − σ(w_kᵀx_i))².
 *  Theorem 1: f_∞ = (a·y + λ Σ_k a_k φ_k/√m)/(a + λ), a = Σ_k a_k²/m.
 *  Theorem 3: the poles are the eigenvalues of H̄, the nm × nm block matrix with blocks
 *  H_k (a_k a_l/m + λ δ_kl), H_k = diag(σ'(X w_k)) XXᵀ diag(σ'(X w_k)).
 * H̄ = D (A ⊗ I) with D = blockdiag(H_k) and A = aaᵀ/m + λI both PSD, so its eigenvalues are those of
 * the symmetric S D S with S = (A ⊗ I)^{1/2}: real and ≥ 0, computed by a symmetric eigensolver.
 */

export type KdActivation = 'tanh' | 'relu';

const sigma: Record<KdActivation, (z: number) => number> = {
  tanh: Math.tanh,
  relu: (z) => Math.max(z, 0),
};
const dSigma: Record<KdActivation, (z: number) => number> = {
  tanh: (z) => 1 - Math.tanh(z) ** 2,
  // the distributional derivative, taken as 0 at 0 (as tf.step does)
  relu: (z) => (z > 0 ? 1 : 0),
};

type Rows = readonly (readonly number[])[];

/** Pre-activations Z[i][k] = w_kᵀ x_i for X (n × d) and W (m × d, one row per unit). */
function preActivations(X: Rows, W: Rows): number[][] {
  return X.map((x) => W.map((w) => w.reduce((s, v, j) => s + v * x[j], 0)));
}

/** The hidden features φ_k(x_i) = σ(w_kᵀ x_i), n × m. */
export function hiddenFeatures(X: Rows, W: Rows, act: KdActivation): number[][] {
  return preActivations(X, W).map((r) => r.map(sigma[act]));
}

/** Theorem 1's limit of the student's outputs, with the teacher units φ_k = σ(X w_k^teacher). */
export function kdFinalOutputs(y: readonly number[], phi: Rows, a: readonly number[], lam: number): number[] {
  const m = a.length;
  const aBar = a.reduce((s, v) => s + v * v, 0) / m;
  return y.map((yi, i) => {
    const teacher = phi[i].reduce((s, p, k) => s + (a[k] * p) / Math.sqrt(m), 0);
    return (aBar * yi + lam * teacher) / (aBar + lam);
  });
}

/** The symmetric matrix S D S whose eigenvalues are the poles (see the file comment), nm × nm, k-major. */
function kdPoleMatrix(X: Rows, W: Rows, a: readonly number[], lam: number, act: KdActivation): Matrix {
  const n = X.length;
  const m = a.length;
  const G = X.map((xi) => X.map((xj) => xi.reduce((s, v, t) => s + v * xj[t], 0)));
  const Dk = preActivations(X, W).map((r) => r.map(dSigma[act])); // n × m
  // A^{1/2} = √λ I + (√(ā+λ) − √λ) aaᵀ/‖a‖² (A has eigenvalue ā+λ along a, λ across it).
  const norm2 = a.reduce((s, v) => s + v * v, 0);
  const c = norm2 > 0 ? (Math.sqrt(norm2 / m + lam) - Math.sqrt(lam)) / norm2 : 0;
  const R = a.map((ak, k) => a.map((al, l) => (k === l ? Math.sqrt(lam) : 0) + c * ak * al));
  // (S D S)_{kl} = Σ_p R_kp R_pl H_p; H_p[i][j] = d_pi d_pj G_ij.
  const M = new Matrix(n * m, n * m);
  for (let k = 0; k < m; k++)
    for (let l = k; l < m; l++) {
      const coef = a.map((_, p) => R[k][p] * R[p][l]);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < m; p++) s += coef[p] * Dk[i][p] * Dk[j][p];
          const v = s * G[i][j];
          M.set(k * n + i, l * n + j, v);
          M.set(l * n + j, k * n + i, v);
        }
    }
  return M;
}

/** Theorem 3's poles: all n·m eigenvalues of H̄, descending (real: H̄ is similar to a symmetric matrix). */
export function kdPoles(X: Rows, W: Rows, a: readonly number[], lam: number, act: KdActivation): number[] {
  const e = new EigenvalueDecomposition(kdPoleMatrix(X, W, a, lam, act), { assumeSymmetric: true });
  return e.realEigenvalues.slice().sort((u, v) => v - u);
}

/**
 * The slowest rate that moves the outputs: the smallest pole above `rel` × the largest. Poles below it
 * are zero up to rounding — directions the student cannot move along (rank H_k ≤ min(n, d)).
 */
export function slowestPole(poles: readonly number[], rel = 1e-9): number {
  const top = poles.length ? Math.max(...poles) : 0;
  const pos = poles.filter((p) => p > rel * top);
  return pos.length ? Math.min(...pos) : 0;
}

/** How many poles are zero up to rounding (the directions Theorem 1 cannot reach). */
export function zeroPoles(poles: readonly number[], rel = 1e-9): number {
  const top = poles.length ? Math.max(...poles) : 0;
  return poles.filter((p) => p <= rel * top).length;
}

/** ‖u − v‖/‖v‖. */
export function relativeError(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < v.length; i++) {
    num += (u[i] - v[i]) ** 2;
    den += v[i] ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1e-300));
}
