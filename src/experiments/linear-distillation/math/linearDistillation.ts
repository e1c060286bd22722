/**
 * What the linear student learns (Phuong & Lampert 2019, Theorems 1–2), in float64: the projection of
 * w* on the span of the transfer set, the angle to w*, and the gradient-descent runs that converge to it.
 * Points are the rows of a row-major matrix (the paper's X is d × n with points as columns).
 */
import type { PointCloud } from './angularSampling';

const dot = (a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, d: number) => {
  let s = 0;
  for (let j = 0; j < d; j++) s += a[ao + j] * b[bo + j];
  return s;
};
export const norm = (v: ArrayLike<number>) => Math.sqrt(dot(v, 0, v, 0, v.length));

/**
 * An orthonormal basis of the span of the first `rows` rows (modified Gram–Schmidt, applied twice
 * for float64 orthogonality), skipping rows that add less than 1e-12 of their norm: the rank.
 */
export function rowSpanBasis(cloud: PointCloud, rows = cloud.rows): Float64Array[] {
  const { X, dim } = cloud;
  const basis: Float64Array[] = [];
  for (let i = 0; i < rows && basis.length < dim; i++) {
    const v = X.slice(i * dim, (i + 1) * dim);
    // Scaling a row does not change the span: bring it to max |x| = 1 so that norms of rows near
    // 1e±308 neither overflow nor underflow.
    let big = 0;
    for (let j = 0; j < dim; j++) big = Math.max(big, Math.abs(v[j]));
    if (!(big > 0)) continue;
    for (let j = 0; j < dim; j++) v[j] /= big;
    const n0 = norm(v);
    for (let pass = 0; pass < 2; pass++)
      for (const q of basis) {
        const c = dot(q, 0, v, 0, dim);
        for (let j = 0; j < dim; j++) v[j] -= c * q[j];
      }
    const n1 = norm(v);
    if (n1 <= 1e-12 * n0) continue;
    for (let j = 0; j < dim; j++) v[j] /= n1;
    basis.push(v);
  }
  return basis;
}

/** P w: the orthogonal projection of w on the span of an orthonormal basis. */
export function projectOnBasis(basis: readonly Float64Array[], w: ArrayLike<number>): Float64Array {
  const out = new Float64Array(w.length);
  for (const q of basis) {
    const c = dot(q, 0, w, 0, w.length);
    for (let j = 0; j < w.length; j++) out[j] += c * q[j];
  }
  return out;
}

/** The angle α(u, v) ∈ [0, π] (eq. 28), as atan2(|u − (u·v̂)v̂|, u·v̂): accurate near 0 and π. */
export function angleBetween(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const nv = norm(v);
  const nu = norm(u);
  if (!(nu > 0 && nv > 0)) return NaN;
  const c = dot(u, 0, v, 0, u.length) / nv;
  let s = 0;
  for (let j = 0; j < u.length; j++) s += (u[j] - (c * v[j]) / nv) ** 2;
  return Math.atan2(Math.sqrt(s), c);
}

/**
 * Theorem 1's limit ŵ: w* itself when the points span R^d (n ≥ d, full rank), else the projection of w*
 * on their span, X(XᵀX)⁻¹Xᵀw*. A rank-deficient X still has a well-defined projection (the limit of
 * gradient descent from 0 stays in the span).
 */
export function distillationSolution(cloud: PointCloud, wStar: ArrayLike<number>, rows = cloud.rows) {
  const basis = rowSpanBasis(cloud, rows);
  const fullRank = basis.length === cloud.dim;
  // The projection is linear: project w*/max|w*| and scale back (no overflow near 1e308).
  let big = 0;
  for (let j = 0; j < wStar.length; j++) big = Math.max(big, Math.abs(wStar[j]));
  const scaled = Array.from(wStar, (v) => v / (big || 1));
  const wHat = fullRank ? Float64Array.from(wStar) : projectOnBasis(basis, scaled).map((v) => v * (big || 1));
  const angle = fullRank ? 0 : angleBetween(projectOnBasis(basis, scaled), scaled);
  return { wHat, rank: basis.length, angle, basis };
}

/** The logistic σ(z) = 1/(1 + e^(−z)), without overflow for large |z|. */
export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Targets of the two learners: the teacher's soft labels σ(w*ᵀx) or its hard labels 1{w*ᵀx ≥ 0}. */
export function teacherTargets(
  cloud: PointCloud,
  wStar: ArrayLike<number>,
  kind: 'soft' | 'hard',
  rows = cloud.rows,
) {
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const z = dot(cloud.X, i * cloud.dim, wStar, 0, cloud.dim);
    y[i] = kind === 'soft' ? sigmoid(z) : z >= 0 ? 1 : 0;
  }
  return y;
}

/**
 * The gradient of the normalised cross-entropy (eq. 1, 38) at w: (1/n) Σ (σ(wᵀxᵢ) − yᵢ) xᵢ, written
 * into `grad`; returns the loss minus its minimum (the ℓᵢ* of eq. 36), 0 at a global minimiser.
 */
export function crossEntropyGradient(
  cloud: PointCloud,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  grad: Float64Array,
  rows = cloud.rows,
): number {
  const { X, dim } = cloud;
  grad.fill(0);
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    const z = dot(X, i * dim, w, 0, dim);
    const r = (sigmoid(z) - y[i]) / rows;
    for (let j = 0; j < dim; j++) grad[j] += r * X[i * dim + j];
    // −y log σ(z) − (1 − y) log(1 − σ(z)) = softplus(z) − y z, minus its minimum at σ(z) = y.
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    const yi = y[i];
    const floor = yi > 0 && yi < 1 ? -yi * Math.log(yi) - (1 - yi) * Math.log(1 - yi) : 0;
    loss += (softplus - yi * z - floor) / rows;
  }
  return loss;
}
