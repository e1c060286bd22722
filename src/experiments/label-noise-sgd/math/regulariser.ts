import { sgdLeastSquaresTheory } from './sgdLeastSquaresTheory';

/**
 * Eq. (16) of Xiong et al. for least squares, in float64 (no DOM, no tfjs): the implicit-regulariser
 * strength (ησ²/(BN)) Σᵢ ‖∇_β f(xᵢ, β)‖² and the quantities SGD's chains can measure, swept along σ², η
 * or B. For f(x, β) = xᵀβ the gradient ∇_β f = x does not depend on β, so the strength is one number
 * per (σ², η, B, X); what varies with β is the loss gradient ∇_β ℓᵢ = xᵢ(xᵢᵀβ − yᵢ), ℓᵢ = ½(xᵢᵀβ − yᵢ)²
 * (the loss the app's SGD steps on).
 */

export type SweepAxis = 'sigma2' | 'eta' | 'batch';

/** A problem whose label noise can be rescaled: y(σ²) = yClean + √σ²·z with the unit draws z fixed. */
export interface ScalableProblem {
  X: number[][];
  yClean: number[];
  /** standard-normal label noise, drawn once */
  z: number[];
}

export interface Setting {
  sigma2: number;
  eta: number;
  batch: number;
}

/** (1/N) Σᵢ ‖∇_β f(xᵢ)‖² = (1/N) Σᵢ ‖xᵢ‖² — the same at every β. */
export function meanGradFSq(X: readonly (readonly number[])[]): number {
  let s = 0;
  for (const x of X) for (const v of x) s += v * v;
  return s / X.length;
}

/** Eq. (16): (ησ²/(BN)) Σᵢ ‖∇_β f(xᵢ)‖². */
export const eq16Strength = (X: readonly (readonly number[])[], s: Setting) =>
  ((s.eta * s.sigma2) / s.batch) * meanGradFSq(X);

/**
 * E_β (1/N) Σᵢ ‖∇_β ℓᵢ(β)‖² over β with mean m and covariance C (row-major d×d):
 * ‖xᵢ‖²·((xᵢᵀm − yᵢ)² + xᵢᵀCxᵢ), since E(xᵀβ − y)² = (xᵀm − y)² + xᵀCx. Exact for any law with these
 * two moments, so the chains' empirical mean and covariance give the chains' average.
 */
export function meanLossGradSq(
  X: readonly (readonly number[])[],
  y: readonly number[],
  m: readonly number[],
  C: readonly (readonly number[])[],
): number {
  let s = 0;
  X.forEach((x, i) => {
    let r = -y[i];
    let q = 0;
    let xx = 0;
    for (let a = 0; a < x.length; a++) {
      r += x[a] * m[a];
      xx += x[a] * x[a];
      for (let b = 0; b < x.length; b++) q += x[a] * C[a][b] * x[b];
    }
    s += xx * (r * r + q);
  });
  return s / X.length;
}

export interface SweepPoint {
  x: number;
  strength: number;
  /** exact stationary tr C (NaN where SGD is not mean-square stable) */
  traceExact: number;
  /** the paper's continuous-time picture: tr(ησ²/(2B)·I) = d·ησ²/(2B) */
  traceContinuous: number;
  /** (1/N) Σᵢ ‖∇ℓᵢ‖² averaged over the stationary law (NaN where unstable) */
  lossGradSq: number;
}

export const labelsAt = (p: ScalableProblem, sigma2: number) =>
  p.yClean.map((v, i) => v + Math.sqrt(sigma2) * p.z[i]);

/** Every quantity of the sweep at one setting. */
export function sweepPoint(p: ScalableProblem, s: Setting, x: number): SweepPoint {
  const y = labelsAt(p, s.sigma2);
  const d = p.X[0].length;
  const base = {
    x,
    strength: eq16Strength(p.X, s),
    traceContinuous: (d * s.eta * s.sigma2) / (2 * s.batch),
  };
  const t = sgdLeastSquaresTheory({ X: p.X, y }, s.eta, s.batch);
  const C = t.stationaryCov;
  if (!C) return { ...base, traceExact: NaN, lossGradSq: NaN };
  let tr = 0;
  for (let i = 0; i < d; i++) tr += C[i][i];
  return { ...base, traceExact: tr, lossGradSq: meanLossGradSq(p.X, y, t.betaHat, C) };
}

/** The axis' grid: the slider's range (log-spaced; integers for B, at most N). */
export function axisGrid(axis: SweepAxis, n: number, points = 41): number[] {
  const [lo, hi] = axis === 'sigma2' ? [0.01, 10] : axis === 'eta' ? [1e-4, 1] : [1, Math.min(100, n)];
  const g = Array.from({ length: points }, (_, i) => lo * (hi / lo) ** (i / (points - 1)));
  return axis === 'batch' ? [...new Set(g.map((v) => Math.round(v)))] : g;
}

/** The sweep along one axis, the other two held at `s`. */
export function sweep(p: ScalableProblem, axis: SweepAxis, s: Setting, grid: number[]): SweepPoint[] {
  return grid.map((v) => sweepPoint(p, { ...s, [axis]: v }, v));
}
