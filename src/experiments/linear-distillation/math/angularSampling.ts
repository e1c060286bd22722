/**
 * Seeded draws of transfer sets from the angular tasks (angularTasks.ts), in float64.
 *
 * Two representations with w* = e₀ (the first coordinate):
 * - full: points in R^d, as the paper draws them (pictures, gradient descent of deep students);
 * - reduced: the same points up to a rotation that fixes w*, in 1 + min(rows, d − 1) coordinates
 *   (Bartlett's decomposition of the Gram matrix of Gaussian vectors). Every quantity of the paper
 *   (angles to w*, the risk, gradient descent from 0 on a loss of wᵀx) is invariant under such
 *   rotations, so the reduced draw is exact in distribution and costs O(rows²) instead of O(rows·d).
 */
import { angleFromUniform, type AngularTask } from './angularTasks';
import { gaussian, seededUniform } from '../../../math/rng';

export interface Rng {
  uniform: () => number;
  normal: () => number;
}

export function makeRng(seed: number | string): Rng {
  const uniform = seededUniform(seed);
  return { uniform, normal: () => gaussian(uniform) };
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 via Gamma(shape + 1)·U^{1/shape}. */
export function gammaSample(shape: number, rng: Rng): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) return gammaSample(shape + 1, rng) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A χ variable with k > 0 degrees of freedom (the norm of a k-dimensional standard Gaussian). */
export const chiSample = (k: number, rng: Rng) => Math.sqrt(2 * gammaSample(k / 2, rng));

export interface PointCloud {
  /** row-major rows × dim */
  X: Float64Array;
  rows: number;
  dim: number;
}

/** The scale and angle part shared by both representations; the direction u is the caller's. */
function radialPart(task: AngularTask, rng: Rng): { along: number; across: number } {
  if (task.kind === 'gauss') return { along: rng.normal(), across: task.ratio };
  // Fig. 3's recipe: angle from the law, a uniform direction at that angle, scaled by ν ~ N(0, 1).
  const a = angleFromUniform(task, rng.uniform());
  const nu = rng.normal();
  return { along: nu * Math.cos(a), across: nu * Math.sin(a) };
}

/**
 * `rows` points of the task in R^d (w* = e₀), then `gaussianRows` standard Gaussian vectors of R^d
 * (the random directions q of the w_δ learners), as rows of one matrix.
 */
export function sampleFull(
  task: AngularTask,
  d: number,
  rows: number,
  rng: Rng,
  gaussianRows = 0,
): PointCloud {
  const total = rows + gaussianRows;
  const X = new Float64Array(total * d);
  for (let i = 0; i < total; i++) {
    const o = i * d;
    if (i >= rows) {
      for (let j = 0; j < d; j++) X[o + j] = rng.normal();
      continue;
    }
    const { along, across } = radialPart(task, rng);
    let ss = 0;
    for (let j = 1; j < d; j++) {
      const g = rng.normal();
      X[o + j] = g;
      ss += g * g;
    }
    // The Gaussian task scales the raw Gaussian; the angular tasks use its direction.
    const k = task.kind === 'gauss' ? across : across / Math.sqrt(ss);
    for (let j = 1; j < d; j++) X[o + j] *= k;
    X[o] = along;
  }
  return { X, rows: total, dim: d };
}

/**
 * The same draw as sampleFull up to a rotation fixing e₀, in dim = 1 + min(total, d − 1) coordinates:
 * row i's part orthogonal to w* has, in the Gram–Schmidt basis of the rows before it, i standard
 * normal coordinates and a χ_{d−1−i} one (Bartlett), and nothing beyond.
 */
export function sampleReduced(
  task: AngularTask,
  d: number,
  rows: number,
  rng: Rng,
  gaussianRows = 0,
): PointCloud {
  if (!(d >= 2)) throw new RangeError(`d must be ≥ 2, got ${d}`);
  const total = rows + gaussianRows;
  const r = Math.min(total, d - 1);
  const dim = 1 + r;
  const X = new Float64Array(total * dim);
  for (let i = 0; i < total; i++) {
    const o = i * dim;
    let ss = 0;
    const lead = Math.min(i, r);
    for (let j = 0; j < lead; j++) {
      const g = rng.normal();
      X[o + 1 + j] = g;
      ss += g * g;
    }
    if (i < r) {
      const c = chiSample(d - 1 - i, rng);
      X[o + 1 + i] = c;
      ss += c * c;
    }
    if (i >= rows) {
      X[o] = rng.normal();
      continue;
    }
    const { along, across } = radialPart(task, rng);
    const k = task.kind === 'gauss' ? across : across / Math.sqrt(ss);
    for (let j = 1; j < dim; j++) X[o + j] *= k;
    X[o] = along;
  }
  return { X, rows: total, dim };
}

/**
 * P_X v, the projection of v on the span of the first `rows` rows of a reduced cloud, in O(rows² + dim).
 * There X = [c | L] with c the first column and L lower triangular (row i has no coordinate past 1 + i),
 * so XXᵀ = LLᵀ + ccᵀ and Sherman–Morrison needs only triangular solves: with M = LLᵀ,
 * (XXᵀ)⁻¹u = M⁻¹u − M⁻¹c·(cᵀM⁻¹u)/(1 + cᵀM⁻¹c), and P_X v = Xᵀ(XXᵀ)⁻¹Xv.
 * With at least dim rows (n ≥ d) the rows span everything and P_X v = v.
 */
export function reducedProjection(cloud: PointCloud, rows: number, v: ArrayLike<number>): Float64Array {
  const { X, dim } = cloud;
  if (rows >= dim) return Float64Array.from(v);
  const at = (i: number, j: number) => X[i * dim + 1 + j];
  // L⁻¹u (forward) and L⁻ᵀu (backward) for the rows × rows triangle L.
  const forward = (u: Float64Array) => {
    const z = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let t = u[i];
      for (let j = 0; j < i; j++) t -= at(i, j) * z[j];
      z[i] = t / at(i, i);
    }
    return z;
  };
  const backward = (u: Float64Array) => {
    const z = new Float64Array(rows);
    for (let i = rows - 1; i >= 0; i--) {
      let t = u[i];
      for (let j = i + 1; j < rows; j++) t -= at(j, i) * z[j];
      z[i] = t / at(i, i);
    }
    return z;
  };
  const c = new Float64Array(rows);
  const Xv = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    c[i] = X[i * dim];
    let t = 0;
    for (let j = 0; j <= Math.min(i + 1, dim - 1); j++) t += X[i * dim + j] * v[j];
    Xv[i] = t;
  }
  const zc = forward(c);
  const zv = forward(Xv);
  let s = 0;
  let cv = 0;
  for (let i = 0; i < rows; i++) {
    s += zc[i] * zc[i];
    cv += zc[i] * zv[i];
  }
  const mc = backward(zc);
  const mv = backward(zv);
  const out = new Float64Array(dim);
  for (let i = 0; i < rows; i++) {
    const beta = mv[i] - (mc[i] * cv) / (1 + s);
    for (let j = 0; j <= Math.min(i + 1, dim - 1); j++) out[j] += X[i * dim + j] * beta;
  }
  return out;
}

/**
 * α(ŵ, w*) of Theorem 1’s student on the first `rows` rows of a reduced cloud (w* = e₁), in O(rows²):
 * cos²α = cᵀ(XXᵀ)⁻¹c = s/(1 + s) with s = ‖L⁻¹c‖² (Sherman–Morrison as above), so tan α = 1/√s.
 * With at least dim rows (n ≥ d) the points span everything: ŵ = w*, angle 0.
 */
export function reducedStudentAngle(cloud: PointCloud, rows = cloud.rows): number {
  const { X, dim } = cloud;
  if (rows >= dim) return 0;
  const z = new Float64Array(rows);
  let s = 0;
  for (let i = 0; i < rows; i++) {
    let v = X[i * dim];
    for (let j = 0; j < i; j++) v -= X[i * dim + 1 + j] * z[j];
    z[i] = v / X[i * dim + 1 + i];
    s += z[i] * z[i];
  }
  return Math.atan2(1, Math.sqrt(s));
}
