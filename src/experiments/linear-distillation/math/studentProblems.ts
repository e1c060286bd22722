import { reducedProjection, type PointCloud } from './angularSampling';
import { gramTopEigenvalue } from '../../../math/powerIteration';
import { sigmoid } from './linearDistillation';
import type { StudentBatch } from '../batchedStudents';

/** One student to train: the first `rows` points of a cloud (w* = e₁), on soft or hard labels. */
export interface StudentProblem {
  cloud: PointCloud;
  rows: number;
  labels: 'soft' | 'hard';
}

/**
 * Stacks problems into one batch of m rows × D coordinates (zero padding, weight 0 on padded rows).
 * The teacher is w* = e₁, so wᵀx of the teacher is the first coordinate. Step size per problem:
 * 1/L with L = λ_max(XᵀX)/(4n), the largest curvature of the cross-entropy (σ' ≤ 1/4).
 */
export function buildBatch(problems: readonly StudentProblem[], m: number, D: number): StudentBatch {
  const B = problems.length;
  const X = new Float32Array(B * m * D);
  const targets = new Float32Array(B * m);
  const weights = new Float32Array(B * m);
  const eta = new Float32Array(B);
  problems.forEach((pr, b) => {
    const { cloud, rows } = pr;
    const stride = cloud.dim;
    const cols = Math.min(D, stride);
    for (let i = 0; i < rows; i++) {
      const o = (b * m + i) * D;
      for (let j = 0; j < cols; j++) X[o + j] = cloud.X[i * stride + j];
      const z = cloud.X[i * stride];
      targets[b * m + i] = pr.labels === 'soft' ? sigmoid(z) : z >= 0 ? 1 : 0;
      weights[b * m + i] = 1 / rows;
    }
    eta[b] = (4 * rows) / gramTopEigenvalue(cloud.X, rows, cloud.dim);
  });
  return { B, m, D, X, targets, weights, eta };
}

/** Problem b's trained weights from the batch result, widened to `dim` coordinates. */
export function weightsOf(W: Float32Array, b: number, D: number, dim: number): Float64Array {
  const w = new Float64Array(dim);
  for (let j = 0; j < Math.min(D, dim); j++) w[j] = W[b * D + j];
  return w;
}

/** α(w, w*) with w* = e₁: atan2(‖w₂…‖, w₁) ∈ [0, π]. */
export function angleToTeacher(w: ArrayLike<number>): number {
  let s = 0;
  for (let j = 1; j < w.length; j++) s += w[j] * w[j];
  return Math.atan2(Math.sqrt(s), w[0]);
}

/** The unsigned angle ᾱ of eq. (16). */
export const unsigned = (a: number) => Math.min(a, Math.PI - a);

/**
 * The unit vector q/‖q‖ of the reduced-bias learners, q = (I − P_X)g for the reduced cloud's row `gRow`
 * (a Gaussian vector): the same g for X and for X plus one point, so the learner w_δ is one function of
 * its training set (its randomness is g, like a seed). Zero when the rows span everything (n ≥ d).
 */
export function orthogonalDirection(cloud: PointCloud, rows: number, gRow: number): Float64Array {
  const D = cloud.dim;
  const g = cloud.X.slice(gRow * D, (gRow + 1) * D);
  const p = reducedProjection(cloud, rows, g);
  let s = 0;
  for (let j = 0; j < D; j++) {
    g[j] -= p[j];
    s += g[j] * g[j];
  }
  const nq = Math.sqrt(s);
  // Below rounding level there is no direction left: w_δ = ŵ.
  if (!(nq > 1e-12)) return new Float64Array(D);
  for (let j = 0; j < D; j++) g[j] /= nq;
  return g;
}

/** Theorem 1’s limit ŵ = P_X w* (w* = e₁) on a reduced cloud, O(rows²). */
export function limitStudent(cloud: PointCloud, rows: number): Float64Array {
  const e = new Float64Array(cloud.dim);
  e[0] = 1;
  return reducedProjection(cloud, rows, e);
}

/** α(w_δ, w*) for w_δ = w + δ‖w‖q̂ (q̂ ⊥ span ∋ w): cos = (cos α(w) + δ q̂₁)/√(1 + δ²). */
export function deltaAngle(w: ArrayLike<number>, qHat: ArrayLike<number>, delta: number): number {
  let ss = 0;
  for (let j = 0; j < w.length; j++) ss += w[j] * w[j];
  const nw = Math.sqrt(ss);
  const v = new Float64Array(w.length);
  for (let j = 0; j < w.length; j++) v[j] = w[j] + delta * nw * qHat[j];
  return angleToTeacher(v);
}
