import { symmetricEigen } from '../../../math/ntkRelu';

/**
 * Section 4.4's simplified overlap α: H∞ = E_w[H(0)] for w ~ N(0, κ² I), i.e.
 * H∞_ij = x_iᵀx_j · E[σ'(w·x_i) σ'(w·x_j)], and per hidden unit the mean |⟨φ_k/‖φ_k‖, v_j⟩| over
 * the top eigenvectors v_j (eigenvectors have no sign, hence |·|). Float64, no DOM, no tfjs.
 * Inputs are unit norm here (raw rows and Nyström embeddings alike), so the expectation depends on
 * c = x_iᵀx_j only and is tabulated once.
 */

export type Activation = 'tanh' | 'relu';

// Trapezoid rule against the Gaussian weight: spectrally accurate for the analytic sech² (its poles
// sit at ±iπ/(2κ), ≥ 1.57 from the real axis for κ ≤ 1).
const h = 0.2;
const nodes = Array.from({ length: 81 }, (_, i) => -8 + i * h);
const weights = nodes.map((z) => (h * Math.exp((-z * z) / 2)) / Math.sqrt(2 * Math.PI));

const sech2 = (z: number) => {
  const c = Math.cosh(z);
  return Number.isFinite(c) ? 1 / (c * c) : 0;
};

/** E[σ'(u)σ'(v)], (u, v) ~ N(0, κ²[[1, c], [c, 1]]). */
export function derivativeCorrelation(act: Activation, kappa: number, c: number): number {
  const cc = Math.min(1, Math.max(-1, c));
  // ReLU: P(u > 0, v > 0), the orthant probability.
  if (act === 'relu') return (Math.PI - Math.acos(cc)) / (2 * Math.PI);
  const s = Math.sqrt(1 - cc * cc);
  let e = 0;
  for (let a = 0; a < nodes.length; a++) {
    const z1 = nodes[a];
    let inner = 0;
    for (let b = 0; b < nodes.length; b++) inner += weights[b] * sech2(kappa * (cc * z1 + s * nodes[b]));
    e += weights[a] * sech2(kappa * z1) * inner;
  }
  return e;
}

/** H∞ of unit-norm rows X (n × d, row-major): linear interpolation in a 401-point table of c. */
export function ntkGram(X: Float64Array, n: number, d: number, act: Activation, kappa: number): number[][] {
  const steps = 400;
  const table = Array.from({ length: steps + 1 }, (_, i) =>
    derivativeCorrelation(act, kappa, -1 + (2 * i) / steps),
  );
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let g = 0;
      for (let t = 0; t < d; t++) g += X[i * d + t] * X[j * d + t];
      const pos = ((Math.min(1, Math.max(-1, g)) + 1) / 2) * steps;
      const k = Math.min(steps - 1, Math.floor(pos));
      const e = table[k] + (pos - k) * (table[k + 1] - table[k]);
      H[i][j] = H[j][i] = g * e;
    }
  return H;
}

/** The top `k` eigenpairs of a symmetric matrix (eigenvectors as rows). */
export function topEigen(H: number[][], k: number): { values: number[]; vectors: number[][] } {
  const e = symmetricEigen(H);
  return { values: e.values.slice(0, k), vectors: e.vectors.slice(0, k) };
}

/**
 * Per column k of Φ (n × m, row-major): mean over `vectors` of |⟨φ_k/‖φ_k‖, v_j⟩|. A zero column
 * (a dead ReLU unit) has no direction: NaN, which the histogram leaves out and the page counts.
 */
export function featureOverlaps(phi: Float64Array, n: number, m: number, vectors: number[][]): number[] {
  return Array.from({ length: m }, (_, k) => {
    let norm = 0;
    for (let i = 0; i < n; i++) norm += phi[i * m + k] ** 2;
    if (!(norm > 0)) return NaN;
    const r = 1 / Math.sqrt(norm);
    let s = 0;
    for (const v of vectors) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += v[i] * phi[i * m + k];
      s += Math.abs(dot * r);
    }
    return s / vectors.length;
  });
}
