/**
 * Section 4.3: learning a kernel by centred alignment (Cortes, Mohri & Rostamizadeh's alignf), float64,
 * no DOM, no tfjs. Base kernels: Gaussians exp(−‖x − x′‖²/(2s²)) on a log grid of bandwidths s.
 * Eq. (17): minimise vᵀMv − 2vᵀa over v ≥ 0, M_kl = ⟨K_k^c, K_l^c⟩_F, a_k = ⟨K_k^c, yyᵀ⟩_F; eq. (18):
 * μ* = v* / ‖v*‖.
 */

/** Seven bandwidths 2⁻³ … 2³: unit-norm inputs are at most 2 apart, so this spans near-identity
 * kernels to near-linear ones. */
export const bandwidths = [0.125, 0.25, 0.5, 1, 2, 4, 8];

/** Inner products of the rows of A (na × d) with those of B (nb × d), row-major. */
export function crossGram(A: Float64Array, na: number, B: Float64Array, nb: number, d: number): Float64Array {
  const G = new Float64Array(na * nb);
  for (let i = 0; i < na; i++)
    for (let j = 0; j < nb; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += A[i * d + t] * B[j * d + t];
      G[i * nb + j] = s;
    }
  return G;
}

/** A Gaussian kernel from inner products of unit-norm rows: ‖x − x′‖² = 2 − 2xᵀx′. */
export const gaussianFromGram = (G: Float64Array, s: number) =>
  G.map((g) => Math.exp(-Math.max(0, 2 - 2 * g) / (2 * s * s)));

/** K^c = HKH, H = I − 11ᵀ/n (n × n, row-major). */
export function center(K: Float64Array, n: number): Float64Array {
  const row = new Float64Array(n);
  let all = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) row[i] += K[i * n + j];
    all += row[i];
    row[i] /= n;
  }
  all /= n * n;
  // K symmetric: column means equal row means
  return K.map((v, ij) => v - row[Math.floor(ij / n)] - row[ij % n] + all);
}

const frob = (A: Float64Array, B: Float64Array) => A.reduce((s, v, i) => s + v * B[i], 0);

/** ⟨K^c, yyᵀ⟩_F = yᵀK^c y. */
function labelProduct(Kc: Float64Array, y: ArrayLike<number>): number {
  const n = y.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += y[i] * Kc[i * n + j] * y[j];
  return s;
}

/** Centred alignment ⟨K^c, yyᵀ⟩_F / (‖K^c‖_F ‖yyᵀ‖_F) of a centred kernel with the labels. */
export function alignment(Kc: Float64Array, y: ArrayLike<number>): number {
  const yy = Array.from(y).reduce((s, v) => s + v * v, 0);
  const kk = Math.sqrt(frob(Kc, Kc));
  return kk > 0 && yy > 0 ? labelProduct(Kc, y) / (kk * yy) : 0;
}

/** Solves A x = b (small, dense) by Gaussian elimination with partial pivoting; null if singular. */
function solve(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  const scale = Math.max(...A.flat().map(Math.abs), 0);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (!(Math.abs(M[p][c]) > 1e-13 * scale)) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

/**
 * Eq. (17) exactly, by the active-set enumeration a handful of variables allows: for every support S,
 * the stationary point of the free variables (M_SS v_S = a_S); among those that are ≥ 0 and satisfy
 * the KKT sign condition (Mv − a)_i ≥ 0 off S, the lowest objective. Nearly collinear kernels (large
 * bandwidths all approach the linear kernel) make M ill-conditioned; comparing objectives stays robust.
 */
export function nonNegativeQp(M: number[][], a: number[]): number[] {
  const P = a.length;
  if (P > 16) throw new Error(`internal: enumeration over ${P} kernels`);
  const scale = Math.max(1e-300, ...M.flat().map(Math.abs), ...a.map(Math.abs));
  let best = new Array<number>(P).fill(0);
  let bestObj = 0;
  for (let mask = 1; mask < 1 << P; mask++) {
    const S = Array.from({ length: P }, (_, i) => i).filter((i) => mask & (1 << i));
    const vs = solve(
      S.map((i) => S.map((j) => M[i][j])),
      S.map((i) => a[i]),
    );
    if (!vs || vs.some((v) => !(v >= 0))) continue;
    const v = new Array<number>(P).fill(0);
    S.forEach((i, k) => (v[i] = vs[k]));
    const g = M.map((r, i) => r.reduce((s, m, j) => s + m * v[j], 0) - a[i]);
    if (g.some((gi, i) => !S.includes(i) && gi < -1e-9 * scale)) continue;
    const obj = v.reduce((s, vi, i) => s + vi * (g[i] - a[i]), 0); // vᵀMv − 2vᵀa
    if (obj < bestObj) [best, bestObj] = [v, obj];
  }
  return best;
}

export interface AlignedKernel {
  /** per base kernel: alignment with the labels */
  alignments: number[];
  /** eq. (18); all zero when no kernel aligns positively (then the page says so) */
  mu: number[];
  /** alignment of Σ μ_k K_k */
  combined: number;
}

/** alignf on the training set: Gram G (n × n) of unit-norm inputs, labels y. */
export function alignKernels(G: Float64Array, y: ArrayLike<number>, s = bandwidths): AlignedKernel {
  const n = y.length;
  const Kc = s.map((b) => center(gaussianFromGram(G, b), n));
  const a = Kc.map((K) => labelProduct(K, y));
  const M = Kc.map((A) => Kc.map((B) => frob(A, B)));
  const v = nonNegativeQp(M, a);
  const norm = Math.hypot(...v);
  const mu = norm > 0 ? v.map((x) => x / norm) : v;
  const comb = new Float64Array(n * n);
  Kc.forEach((K, k) => K.forEach((x, i) => (comb[i] += mu[k] * x)));
  return { alignments: Kc.map((K) => alignment(K, y)), mu, combined: alignment(comb, y) };
}
