import {
  hiddenFeatures,
  kdFinalOutputs,
  kdPoles,
  relativeError,
  slowestPole,
  zeroPoles,
} from './kernelDistillation';
import type { KdActivation } from './kernelDistillation';

/** The pole solve is a dense symmetric eigenproblem of size n·m: capped so the page stays responsive
 * (ml-matrix in the worker: n·m = 800 took ~8 s on wasm/SwiftShader). */
const maxPoleSize = 1200;

const rows = (A: ArrayLike<number>, r: number, c: number) =>
  Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => A[i * c + j]));

export interface KdTheory {
  fInf: number[];
  poles: number[] | null;
  polesMs: number;
  slowestPole: number;
  zeroPoles: number;
}

/** Theorems 1 and 3 for the student initialised at the sampled teacher units Wk (m × d). */
export function kdTheory(
  X: Float64Array,
  n: number,
  d: number,
  y: ArrayLike<number>,
  Wk: number[][],
  a: number[],
  lam: number,
  activation: KdActivation,
  withPoles: boolean,
): KdTheory {
  const Xr = rows(X, n, d);
  const phi = hiddenFeatures(Xr, Wk, activation);
  const fInf = kdFinalOutputs(Array.from(y), phi, a, lam);
  if (!withPoles || n * a.length > maxPoleSize)
    return { fInf, poles: null, polesMs: 0, slowestPole: NaN, zeroPoles: NaN };
  const t0 = performance.now();
  const poles = kdPoles(Xr, Wk, a, lam, activation);
  return {
    fInf,
    poles,
    polesMs: performance.now() - t0,
    slowestPole: slowestPole(poles),
    zeroPoles: zeroPoles(poles),
  };
}

/** Decay rate per iteration of ‖f − f_∞‖ over the second half of the run (least-squares slope of the log). */
export function tailRate(iter: readonly number[], dist: readonly number[]): number {
  const lo = iter[iter.length - 1] * 0.5;
  const pts = iter.map((t, i) => [t, Math.log(dist[i])]).filter(([t, l]) => t >= lo && Number.isFinite(l));
  if (pts.length < 3) return NaN;
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  const sxy = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const sxx = pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return -sxy / sxx;
}

export { relativeError };
