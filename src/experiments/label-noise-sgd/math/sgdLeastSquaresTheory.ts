import {
  EigenvalueDecomposition,
  LuDecomposition,
  Matrix,
  QrDecomposition,
  SingularValueDecomposition,
} from 'ml-matrix';

/**
 * Exact second-order theory of mini-batch SGD on least squares with fixed (noisy) labels.
 * Around the least-squares solution β̂ the iteration is linear:
 *   e_{k+1} = (I − ηH_B) e_k − η b_B,  H_B = (1/B)Σ_{i∈B} x_i x_iᵀ,  b_B = (1/B)Σ_{i∈B} x_i r_i,  r = Xβ̂ − y,
 * with B distinct indices drawn uniformly, so P(i∈B) = B/N and P(i,j∈B) = B(B−1)/(N(N−1)).
 * All expectations over batches are closed-form sums over the data; nothing here is sampled.
 */
export interface LeastSquaresProblem {
  /** rows are points, d columns */
  X: number[][];
  y: number[];
}

export interface SgdTheory {
  d: number;
  betaHat: number[];
  /** residuals Xβ̂ − y */
  residuals: number[];
  /** stationary covariance of the iterates around β̂ (null when SGD is not mean-square stable) */
  stationaryCov: number[][] | null;
  /** spectral radius of C ↦ E[(I−ηH_B) C (I−ηH_B)] on symmetric matrices; ≥ 1 means divergence */
  meanSquareContraction: number;
  /**
   * 1 − meanSquareContraction, computed without the cancellation: for a tiny η (1e-320, say) the
   * contraction rounds to 1 in float64 while the gap, η·(smallest rate), is still positive
   */
  contractionGap: number;
  /** mean-square stable: the gap is positive */
  stable: boolean;
  /** spectral radius of the mean map I − ηH̄ (stability of the mean alone) */
  meanContraction: number;
  /** the paper's continuous-time picture: ησ²/(2B)·I (isotropic), for the nominal σ² */
  continuousTimeCov: (sigma2: number) => number[][];
}

interface BatchMoments {
  d: number;
  n: number;
  p1: number;
  p2: number;
  batch: number;
  eta: number;
  X: number[][];
  S: Matrix;
  Hbar: Matrix;
}

function batchMoments(X: number[][], eta: number, batch: number): BatchMoments {
  const n = X.length;
  const d = X[0].length;
  const p1 = batch / n;
  const p2 = n > 1 ? (batch * (batch - 1)) / (n * (n - 1)) : 0;
  const Xm = new Matrix(X);
  const S = Xm.transpose().mmul(Xm);
  return { d, n, p1, p2, batch, eta, X, S, Hbar: S.clone().div(n) };
}

/** Least squares by QR; throws when X is rank deficient (β̂ then is not unique). */
export function leastSquares(X: number[][], y: number[]): number[] {
  return qrOf(X).solve(Matrix.columnVector(y)).getColumn(0);
}

/**
 * The QR factors of X, once per X (a σ² slider changes y only, and the four panels of a grid share X);
 * throws when X is rank deficient. X is read as immutable: every caller builds a new one for new data.
 */
function qrOf(X: number[][]): QrDecomposition {
  const hit = qrCache.get(X);
  if (hit) return hit;
  const Xm = new Matrix(X);
  const sv = new SingularValueDecomposition(Xm, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
  }).diagonal;
  // Relative test: exact zeros never appear in floating point.
  if (Xm.rows < Xm.columns || Math.min(...sv) <= 1e-12 * Math.max(...sv))
    throw new Error('X is rank deficient: the least-squares solution is not unique');
  const qr = new QrDecomposition(Xm);
  qrCache.set(X, qr);
  return qr;
}
const qrCache = new WeakMap<number[][], QrDecomposition>();

/** Index of entry (i,j) in the row-major vectorisation of a d×d matrix. */
const vi = (d: number, i: number, j: number) => i * d + j;

/**
 * The operator M: vec(C) ↦ vec(E[(I−ηH_B) C (I−ηH_B)]) as a d²×d² matrix.
 * E[H_B ⊗ H_B] = (1/B²)[(p1−p2) Σ_i A_i⊗A_i + p2 S⊗S] with A_i = x_i x_iᵀ.
 */
function secondMomentOperator(m: BatchMoments): Matrix {
  const { L, K2 } = operatorParts(m);
  const D = m.d * m.d;
  return Matrix.eye(D)
    .sub(L.mul(m.eta))
    .add(K2.mul(m.eta * m.eta));
}

/**
 * M = I − ηL + η²K₂ with L: C ↦ H̄C + CH̄ and K₂: C ↦ E[H_B C H_B], as d²×d² matrices, so that
 * I − M = η(L − ηK₂) can be formed without subtracting numbers that round to 1.
 */
function operatorParts(m: BatchMoments): { L: Matrix; K2: Matrix } {
  const { d, batch, p1, p2, X, S, Hbar } = m;
  const D = d * d;
  const kron = (
    M: Matrix,
    A: (i: number, j: number) => number,
    Bm: (i: number, j: number) => number,
    w: number,
  ) => {
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++)
        for (let k = 0; k < d; k++)
          for (let l = 0; l < d; l++) {
            // (A C Bᵀ)_{ij} = Σ_kl A_ik C_kl B_jl
            const r = vi(d, i, j);
            const c = vi(d, k, l);
            M.set(r, c, M.get(r, c) + w * A(i, k) * Bm(j, l));
          }
  };
  const I = (i: number, j: number) => (i === j ? 1 : 0);
  const H = (i: number, j: number) => Hbar.get(i, j);
  const L = Matrix.zeros(D, D);
  kron(L, H, I, 1);
  kron(L, I, H, 1);
  const K2 = Matrix.zeros(D, D);
  const w = 1 / (batch * batch);
  // Σ_i A_i⊗A_i, entry (ij, kl) = Σ_i x_i[i]x_i[k]·x_i[j]x_i[l]: summed in plain numbers in one pass over
  // the points (a kron into the Matrix per point was most of this function's time on every slider move).
  const T = new Float64Array(D * D);
  for (const x of X)
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++)
        for (let k = 0; k < d; k++) {
          const xik = x[i] * x[k];
          const row = vi(d, i, j) * D + vi(d, k, 0);
          for (let l = 0; l < d; l++) T[row + l] += xik * (x[j] * x[l]);
        }
  const wT = w * (p1 - p2);
  for (let r = 0; r < D; r++) for (let c = 0; c < D; c++) K2.set(r, c, wT * T[r * D + c]);
  const Sf = (i: number, j: number) => S.get(i, j);
  kron(K2, Sf, Sf, w * p2);
  return { L, K2 };
}

/** Below this η·‖L‖, 1 − ρ is read from the rates of L − ηK₂ (1 − ρ ≈ η·min Re μ), not from ρ. */
const TINY_STEP = 1e-6;

/** Restrict a d²×d² operator that preserves symmetric matrices to the d(d+1)/2 symmetric coordinates. */
function restrictToSymmetric(M: Matrix, d: number): Matrix {
  const pairs: [number, number][] = [];
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) pairs.push([i, j]);
  const R = Matrix.zeros(pairs.length, pairs.length);
  pairs.forEach(([i, j], r) => {
    pairs.forEach(([k, l], c) => {
      // basis element E_kl + E_lk (or E_kk): sum the two columns it occupies
      const v =
        k === l
          ? M.get(vi(d, i, j), vi(d, k, k))
          : M.get(vi(d, i, j), vi(d, k, l)) + M.get(vi(d, i, j), vi(d, l, k));
      R.set(r, c, v);
    });
  });
  return R;
}

function smallestRealPart(A: Matrix): number {
  return Math.min(...new EigenvalueDecomposition(A).realEigenvalues);
}

function spectralRadius(A: Matrix): number {
  // The eigen-solver never returns on Inf/NaN entries: say what overflowed instead of hanging.
  if (!A.to1DArray().every(Number.isFinite))
    throw new Error(
      'η·xxᵀ overflows float64: the SGD operator has non-finite entries (lower η or rescale X)',
    );
  const e = new EigenvalueDecomposition(A);
  let r = 0;
  e.realEigenvalues.forEach((re, i) => {
    r = Math.max(r, Math.hypot(re, e.imaginaryEigenvalues[i]));
  });
  return r;
}

/** E[b_B b_Bᵀ] = (p1−p2)/B² Σ r_i² x_i x_iᵀ (+ p2/B² (Σ x_i r_i)(Σ x_i r_i)ᵀ, which is 0 at β̂). */
function noiseMoment(m: BatchMoments, r: number[]): Matrix {
  const { d, X, batch, p1, p2 } = m;
  // plain arrays: Matrix.get/set per point and entry was most of the per-σ² theory
  const q = new Float64Array(d * d);
  const g = new Float64Array(d);
  const w1 = (p1 - p2) / (batch * batch);
  X.forEach((x, n) => {
    const rn = r[n];
    for (let i = 0; i < d; i++) {
      g[i] += x[i] * rn;
      const s = w1 * rn * rn * x[i];
      for (let j = 0; j < d; j++) q[i * d + j] += s * x[j];
    }
  });
  const w2 = p2 / (batch * batch);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) q[i * d + j] += w2 * g[i] * g[j];
  return Matrix.from1DArray(d, d, q);
}

/** What the theory needs that depends on X, η and B only, not on the labels. */
interface Design {
  m: BatchMoments;
  meanSquareContraction: number;
  contractionGap: number;
  meanContraction: number;
  /** factors of (I − M)/η (tiny η) or I − M, for the stationary covariance; null when unstable */
  lu: LuDecomposition | null;
  tiny: boolean;
  /** M as a plain row-major d²×d² array (the transient recursion) */
  M: number[];
}

/** Designs by X (its identity: read as immutable), then η and B: a σ² slider reuses them. */
const designCache = new WeakMap<number[][], Map<string, Design>>();

function designOf(X: number[][], eta: number, batch: number): Design {
  const byStep = designCache.get(X) ?? new Map<string, Design>();
  designCache.set(X, byStep);
  const key = `${eta}|${batch}`;
  const hit = byStep.get(key);
  if (hit) return hit;
  const m = batchMoments(X, eta, batch);
  const d = m.d;
  const M = secondMomentOperator(m);
  const meanSquareContraction = spectralRadius(restrictToSymmetric(M, d));
  const meanContraction = spectralRadius(Matrix.eye(d).sub(m.Hbar.clone().mul(eta)));
  const { L, K2 } = operatorParts(m);
  const tiny = eta * L.norm('frobenius') < TINY_STEP;
  // M = I − ηN: for a tiny step its eigenvalues are 1 − ημ, and 1 − |1 − ημ| ≈ η·Re μ
  const N = tiny ? L.clone().sub(K2.clone().mul(eta)) : null;
  const contractionGap = N ? eta * smallestRealPart(restrictToSymmetric(N, d)) : 1 - meanSquareContraction;
  const lu = contractionGap > 0 ? new LuDecomposition(N ?? Matrix.eye(d * d).sub(M)) : null;
  const design = { m, meanSquareContraction, contractionGap, meanContraction, lu, tiny, M: M.to1DArray() };
  // a few η, B per X: a drag over η makes new ones, the old are not coming back
  if (byStep.size >= 8) byStep.clear();
  byStep.set(key, design);
  return design;
}

export function sgdLeastSquaresTheory(problem: LeastSquaresProblem, eta: number, batch: number): SgdTheory {
  const { X, y } = problem;
  const betaHat = leastSquares(X, y);
  const residuals = X.map((x, i) => x.reduce((s, xi, j) => s + xi * betaHat[j], 0) - y[i]);
  const { m, meanSquareContraction, contractionGap, meanContraction, lu, tiny } = designOf(X, eta, batch);
  const d = m.d;
  const stable = contractionGap > 0;
  let stationaryCov: number[][] | null = null;
  if (stable && lu) {
    const Q = noiseMoment(m, residuals);
    // (I − M) v = η²q; with I − M = ηN: v = η·N⁻¹q, no η² that underflows
    const v = tiny
      ? lu
          .solve(Matrix.columnVector(Q.to1DArray()))
          .getColumn(0)
          .map((u) => eta * u)
      : lu.solve(Matrix.columnVector(Q.to1DArray().map((q) => eta * eta * q))).getColumn(0);
    stationaryCov = Array.from({ length: d }, (_, i) =>
      Array.from({ length: d }, (_, j) => 0.5 * (v[vi(d, i, j)] + v[vi(d, j, i)])),
    );
  }
  return {
    d,
    betaHat,
    residuals,
    stationaryCov,
    meanSquareContraction,
    contractionGap,
    stable,
    meanContraction,
    continuousTimeCov: (sigma2: number) =>
      Array.from({ length: d }, (_, i) =>
        Array.from({ length: d }, (_, j) => (i === j ? (eta * sigma2) / (2 * batch) : 0)),
      ),
  };
}

/**
 * Exact transient covariance of chains that all start at β0: with m_t = E[e_t] and P_t = E[e_t e_tᵀ],
 *   m_{t+1} = (I − ηH̄) m_t,
 *   P_{t+1} = M(P_t) + η²(E[b bᵀ] + K(m_t) + K(m_t)ᵀ),  K(m) = E[H_B m b_Bᵀ],
 * and Cov_t = P_t − m_t m_tᵀ. Returns the covariance (row-major, d²) at each of `times` (ascending).
 */
export function transientCovariance(
  problem: LeastSquaresProblem,
  eta: number,
  batch: number,
  beta0: number[],
  times: number[],
): { time: number; cov: number[]; mean: number[] }[] {
  const { X, y } = problem;
  const betaHat = leastSquares(X, y);
  const r = X.map((x, i) => x.reduce((s, xi, j) => s + xi * betaHat[j], 0) - y[i]);
  const { m, M } = designOf(X, eta, batch);
  const d = m.d;
  const D = d * d;
  // Everything the recursion needs is precomputed, so each step is O(d⁴) on plain arrays: the whole
  // curve follows a slider within a frame.
  const Q = noiseMoment(m, r).to1DArray();
  const A = Matrix.eye(d).sub(m.Hbar.clone().mul(eta)).to1DArray();
  // K(m) = E[H_B m b_Bᵀ] = Σ_k m_k K_k with K_k = w Σ_i x_ik r_i x_i x_iᵀ (linear in m; the p2 part
  // vanishes because Σ x_i r_i = 0 at β̂).
  const w = (m.p1 - m.p2) / (batch * batch);
  const Kk = Array.from({ length: d }, () => new Float64Array(D));
  X.forEach((x, n) => {
    for (let k = 0; k < d; k++) {
      const s = w * r[n] * x[k];
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) Kk[k][vi(d, i, j)] += s * x[i] * x[j];
    }
  });
  let mean = Float64Array.from(beta0, (b, i) => b - betaHat[i]);
  let P = new Float64Array(D);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) P[vi(d, i, j)] = mean[i] * mean[j];
  const eta2 = eta * eta;
  const out: { time: number; cov: number[]; mean: number[] }[] = [];
  let t = 0;
  // Two buffers each, swapped: the recursion allocates nothing per step (a slider drag redoes it).
  let next = new Float64Array(D);
  let nm = new Float64Array(d);
  for (const target of times) {
    while (t < target) {
      for (let a = 0; a < D; a++) {
        let acc = eta2 * Q[a];
        for (let b = 0; b < D; b++) acc += M[a * D + b] * P[b];
        next[a] = acc;
      }
      for (let k = 0; k < d; k++) {
        const mk = eta2 * mean[k];
        if (mk === 0) continue;
        for (let i = 0; i < d; i++)
          for (let j = 0; j < d; j++) next[vi(d, i, j)] += mk * (Kk[k][vi(d, i, j)] + Kk[k][vi(d, j, i)]);
      }
      for (let i = 0; i < d; i++) {
        let acc = 0;
        for (let j = 0; j < d; j++) acc += A[i * d + j] * mean[j];
        nm[i] = acc;
      }
      [P, next] = [next, P];
      [mean, nm] = [nm, mean];
      t++;
    }
    out.push({
      time: t,
      mean: Array.from(mean, (e, i) => e + betaHat[i]),
      cov: Array.from(P, (v, k) => v - mean[Math.floor(k / d)] * mean[k % d]),
    });
  }
  return out;
}
