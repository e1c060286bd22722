/**
 * Gradient descent of linear and deep linear students on the cross-entropy of eq. (1), float64
 * (Theorems 1–2): the trajectory the paper's gradient flow discretises, recorded on a log grid of steps.
 */
import type { PointCloud, Rng } from './angularSampling';
import { gramTopEigenvalue } from '../../../math/powerIteration';
import { angleBetween, crossEntropyGradient, norm, projectOnBasis, sigmoid } from './linearDistillation';

export interface TrajectoryPoint {
  step: number;
  /** α(w, w*) in radians */
  angle: number;
  /** ‖w − ŵ‖/‖ŵ‖ */
  distance: number;
  /** ‖(I − P_X) w‖: the part outside the data span (0 for N = 1 from w = 0) */
  outside: number;
  norm: number;
  loss: number;
  /** w itself, kept only when the caller asks (small d: the picture) */
  w?: Float64Array;
}

/** Steps 0, 1, 2, … then about `perDecade` per decade up to `steps`: a log-x curve without 10⁴ points. */
function logSteps(steps: number, perDecade = 40): number[] {
  const out = new Set<number>([0]);
  for (let i = 0; ; i++) {
    const s = Math.round(Math.pow(10, i / perDecade));
    if (s > steps) break;
    out.add(s);
  }
  out.add(steps);
  return [...out].sort((a, b) => a - b);
}

/** The step 1/L with L = λ_max(XᵀX)/(4n) ≥ the largest curvature of L¹ (σ' ≤ 1/4), scaled by `scale`. */
export function safeStep(cloud: PointCloud, rows = cloud.rows, scale = 1): number {
  return (scale * 4 * rows) / gramTopEigenvalue(cloud.X, rows, cloud.dim);
}

interface RunSetup {
  cloud: PointCloud;
  /** soft or hard targets, one per row */
  y: ArrayLike<number>;
  wStar: ArrayLike<number>;
  /** Theorem 1's limit and an orthonormal basis of the data span */
  wHat: ArrayLike<number>;
  basis: readonly Float64Array[];
  steps: number;
  eta: number;
  keepW?: boolean;
}

function record(s: RunSetup, step: number, w: Float64Array, loss: number): TrajectoryPoint {
  const p = projectOnBasis(s.basis, w);
  let out = 0;
  let dist = 0;
  for (let j = 0; j < w.length; j++) {
    out += (w[j] - p[j]) ** 2;
    dist += (w[j] - s.wHat[j]) ** 2;
  }
  return {
    step,
    angle: angleBetween(w, s.wStar),
    distance: Math.sqrt(dist) / norm(s.wHat),
    outside: Math.sqrt(out),
    norm: norm(w),
    loss,
    w: s.keepW ? w.slice() : undefined,
  };
}

/** N = 1: w ← w − η∇L¹(w) from w = 0 (Theorem 1). */
export function* linearStudentGd(s: RunSetup, chunk = 2000): Generator<TrajectoryPoint[], void, void> {
  const { cloud, y, steps, eta } = s;
  const w = new Float64Array(cloud.dim);
  const g = new Float64Array(cloud.dim);
  const marks = logSteps(steps);
  let next = 0;
  let out: TrajectoryPoint[] = [];
  for (let k = 0; k <= steps; k++) {
    const loss = crossEntropyGradient(cloud, y, w, g);
    if (k === marks[next]) {
      out.push(record(s, k, w, loss));
      next++;
    }
    if (k % chunk === chunk - 1) {
      yield out;
      out = [];
    }
    for (let j = 0; j < w.length; j++) w[j] -= eta * g[j];
  }
  yield out;
}

/**
 * Balanced small initialisation of a deep linear network wᵀ = W_N ⋯ W_1 (eq. 13), hidden width h:
 * W_j = s·u_j u_{j−1}ᵀ with unit u's, so W_{j+1}ᵀW_{j+1} = W_j W_jᵀ = s²u_j u_jᵀ and w(0) = s^N u₀ with
 * ‖w(0)‖ = initNorm. u₀ is `direction`; its sign is flipped if needed so that L¹(w(0)) < L¹(0) (eq. 12).
 */
export function balancedInit(
  N: number,
  h: number,
  direction: ArrayLike<number>,
  initNorm: number,
  rng: Rng,
  lossAt: (w: Float64Array) => number,
): Float64Array[] {
  const d = direction.length;
  const u0 = Float64Array.from(direction);
  const n0 = norm(u0);
  for (let j = 0; j < d; j++) u0[j] /= n0;
  const w0 = u0.map((v) => v * initNorm);
  if (lossAt(w0) >= lossAt(new Float64Array(d))) for (let j = 0; j < d; j++) u0[j] = -u0[j];
  const s = Math.pow(initNorm, 1 / N);
  const unit = () => {
    const v = Float64Array.from({ length: h }, () => rng.normal());
    const nv = norm(v);
    return v.map((x) => x / nv);
  };
  const us: Float64Array[] = [u0];
  for (let j = 1; j < N; j++) us.push(unit());
  us.push(Float64Array.of(1));
  // Layer j (1-based) maps R^{dim(u_{j−1})} → R^{dim(u_j)}: row-major dim(u_j) × dim(u_{j−1}).
  return us.slice(1).map((uj, j) => {
    const prev = us[j];
    const W = new Float64Array(uj.length * prev.length);
    for (let a = 0; a < uj.length; a++)
      for (let b = 0; b < prev.length; b++) W[a * prev.length + b] = s * uj[a] * prev[b];
    return W;
  });
}

/** rowvec · W (W rows × cols row-major): a 1 × cols row. */
function rowTimes(v: Float64Array, W: Float64Array, cols: number): Float64Array {
  const out = new Float64Array(cols);
  for (let a = 0; a < v.length; a++) {
    const va = v[a];
    if (va === 0) continue;
    for (let b = 0; b < cols; b++) out[b] += va * W[a * cols + b];
  }
  return out;
}

/** W · colvec. */
function timesCol(W: Float64Array, v: Float64Array, rows: number): Float64Array {
  const cols = v.length;
  const out = new Float64Array(rows);
  for (let a = 0; a < rows; a++) {
    let s = 0;
    for (let b = 0; b < cols; b++) s += W[a * cols + b] * v[b];
    out[a] = s;
  }
  return out;
}

/**
 * N ≥ 2: gradient descent on every factor of wᵀ = W_N ⋯ W_1 (eq. 2–3) from the given layers.
 * ∂L/∂W_j = (W_N⋯W_{j+1})ᵀ (W_{j−1}⋯W_1 ∇L¹(w))ᵀ, an outer product.
 */
export function* deepStudentGd(
  s: RunSetup,
  layers: Float64Array[],
  chunk = 2000,
): Generator<TrajectoryPoint[], void, void> {
  const { cloud, y, steps, eta } = s;
  const N = layers.length;
  const d = cloud.dim;
  // dims[j]: the output size of layer j (1-based); dims[0] = d.
  const dims = [d];
  for (let j = 0; j < N; j++) dims.push(layers[j].length / dims[j]);
  const g = new Float64Array(d);
  const marks = logSteps(steps);
  let next = 0;
  let out: TrajectoryPoint[] = [];
  for (let k = 0; k <= steps; k++) {
    // Left products A_j = W_N ⋯ W_{j+1} (row vectors), A_N = [1].
    const left: Float64Array[] = new Array(N + 1);
    left[N] = Float64Array.of(1);
    for (let j = N; j >= 1; j--) left[j - 1] = rowTimes(left[j], layers[j - 1], dims[j - 1]);
    const w = left[0];
    const loss = crossEntropyGradient(cloud, y, w, g);
    if (k === marks[next]) {
      out.push(record(s, k, w, loss));
      next++;
    }
    if (k % chunk === chunk - 1) {
      yield out;
      out = [];
    }
    // Right products B_j g = W_{j−1} ⋯ W_1 g (columns), B_1 g = g.
    let right: Float64Array = g;
    for (let j = 1; j <= N; j++) {
      const W = layers[j - 1];
      const next = j < N ? timesCol(W, right, dims[j]) : null;
      const a = left[j];
      for (let r = 0; r < dims[j]; r++) {
        const ar = eta * a[r];
        if (ar === 0) continue;
        for (let c = 0; c < dims[j - 1]; c++) W[r * dims[j - 1] + c] -= ar * right[c];
      }
      if (next) right = next;
    }
  }
  yield out;
}

/** Theorem 2's limit on ‖w(∞) − ŵ‖ for initial norm ‖w(0)‖ < ‖ŵ‖ (eq. 76); NaN when it does not apply. */
export function theorem2DistanceBound(N: number, wHatNorm: number, initNorm: number): number {
  if (N < 2 || !(initNorm < wHatNorm)) return NaN;
  const a = Math.pow(wHatNorm, 2 / N);
  const b = Math.pow(initNorm, 2 / N);
  return Math.sqrt(Math.max(0, Math.pow(wHatNorm, 2 + 2 / N) / (a - b) - wHatNorm ** 2));
}

/**
 * Eq. (66) for balanced gradient flow: ‖(I − P_X)w(t)‖ = ‖(I − P_X)w(0)‖ · (‖w(t)‖/‖w(0)‖)^{(N−1)/N}.
 * The part outside the span grows only with the norm: the exact curve drawn over the measured one.
 */
export function outsideComponentPredicted(N: number, outside0: number, norm0: number, normT: number): number {
  return outside0 * Math.pow(normT / norm0, (N - 1) / N);
}

/**
 * Gradient descent with Nesterov momentum k/(k+3) and adaptive restart (O'Donoghue & Candès 2015:
 * momentum is reset when the step goes against the gradient) from w = 0, on the first `rows` rows and
 * first `dim` coordinates. Every iterate stays in the data span, so on soft labels it converges to the
 * same ŵ as plain gradient descent (Theorem 1), about √(condition number) times faster. The float64
 * reference of the batched tfjs program (the Fig. 5 and risk-vs-n learners).
 */
export function acceleratedGd(
  cloud: PointCloud,
  y: ArrayLike<number>,
  rows: number,
  dim: number,
  steps: number,
  eta: number,
): Float64Array {
  const { X, dim: stride } = cloud;
  const w = new Float64Array(dim);
  const prev = new Float64Array(dim);
  const look = new Float64Array(dim);
  const g = new Float64Array(dim);
  let k = 0;
  for (let it = 0; it < steps; it++) {
    const mu = k / (k + 3);
    for (let j = 0; j < dim; j++) look[j] = w[j] + mu * (w[j] - prev[j]);
    g.fill(0);
    for (let i = 0; i < rows; i++) {
      let z = 0;
      for (let j = 0; j < dim; j++) z += X[i * stride + j] * look[j];
      const r = (sigmoid(z) - y[i]) / rows;
      for (let j = 0; j < dim; j++) g[j] += r * X[i * stride + j];
    }
    let against = 0;
    for (let j = 0; j < dim; j++) {
      const next = look[j] - eta * g[j];
      against += g[j] * (next - w[j]);
      prev[j] = w[j];
      w[j] = next;
    }
    k = against > 0 ? 0 : k + 1;
  }
  return w;
}
