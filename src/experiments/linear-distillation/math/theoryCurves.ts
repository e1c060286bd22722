/**
 * The exact curves the panel draws over the measurements, computed on the main thread (each well under
 * a frame): p(θ) of the three tasks, Theorem 3's bound and its corollaries against n and against κ,
 * and the 2-D samples of Fig. 1–2.
 */
import {
  angleTail,
  corollary1Bound,
  corollary2Bound,
  theorem3Bound,
  theorem3Bounds,
  type AngularTask,
} from './angularTasks';
import { makeRng, sampleFull } from './angularSampling';
import type { LinearParams } from '../params';
import { taskOf } from './task';

/** The general task of Fig. 1–2 (Task C): a 2-D Gaussian 3× wider along the boundary than across it. */
export const GAUSS_RATIO = 3;

export interface FigureTasks {
  kappa: AngularTask;
  margin: AngularTask;
  gauss: AngularTask;
}

export const figureTasks = (p: Pick<LinearParams, 'kappa' | 'margin'>): FigureTasks => ({
  kappa: { kind: 'kappa', kappa: p.kappa },
  margin: taskOf({ task: 'margin', kappa: p.kappa, margin: p.margin }),
  gauss: { kind: 'gauss', ratio: GAUSS_RATIO, d: 2 },
});

/** θ in degrees 0…90 and p(θ) of each task. */
export function tailCurves(tasks: FigureTasks, points = 181) {
  const deg = Array.from({ length: points }, (_, i) => (90 * i) / (points - 1));
  const rad = deg.map((t) => (t * Math.PI) / 180);
  return {
    deg,
    kappa: rad.map((t) => angleTail(tasks.kappa, t)),
    margin: rad.map((t) => angleTail(tasks.margin, t)),
    gauss: rad.map((t) => angleTail(tasks.gauss, t)),
  };
}

/** n = 1 … top on a log grid (every integer up to 30), and the bounds there. */
export function boundsAgainstN(task: AngularTask, d: number, top: number) {
  const ns: number[] = [];
  for (let n = 1; n <= Math.min(top, 30); n++) ns.push(n);
  for (let k = 0; k <= 60; k++) {
    const n = Math.round(30 * Math.pow(top / 30, k / 60));
    if (n > ns[ns.length - 1]) ns.push(n);
  }
  // n ≥ d: every bound is 0 (Theorem 3, eq. 18): drawn as a step to the floor of the figure.
  const pre = ns.filter((n) => n < d);
  return {
    ns: pre,
    theorem3: theorem3Bounds(task, pre, d),
    corollary1: pre.map((n) => corollary1Bound(task, n, d) ?? NaN),
    corollary2: pre.map((n) => corollary2Bound(task, n, d) ?? NaN),
  };
}

/** Theorem 3 against κ on the κ-task (Fig. 3's dashed curve). */
export function boundAgainstKappa(n: number, d: number, lo = 0.2, hi = 5, points = 80) {
  const kappas = Array.from({ length: points }, (_, i) => lo * Math.pow(hi / lo, i / (points - 1)));
  return { kappas, bound: kappas.map((kappa) => theorem3Bound({ kind: 'kappa', kappa }, n, d).bound) };
}

/**
 * Samples of a task in the plane (w* = e₁) and the student of one transfer point: ŵ is the projection of
 * w* on that point's line, and its risk in 2-D is p(π/2 − φ)/2 (riskAtAngle with d = 2).
 */
export function planeSamples(task: AngularTask, count: number, seed: number) {
  const cloud = sampleFull(task, 2, count, makeRng(`${seed}:plane:${task.kind}`));
  const xy = cloud.X;
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 1; i < count; i++) (xy[2 * i] >= 0 ? pos : neg).push(xy[2 * i], xy[2 * i + 1]);
  const x1: [number, number] = [xy[0], xy[1]];
  const r2 = x1[0] ** 2 + x1[1] ** 2;
  // ŵ = (x₁ᵀw*/‖x₁‖²) x₁ with w* = (1, 0).
  const wHat: [number, number] = [(x1[0] * x1[0]) / r2, (x1[0] * x1[1]) / r2];
  const phi = Math.atan2(Math.abs(wHat[1]), Math.abs(wHat[0]));
  return {
    pos: Float64Array.from(pos),
    neg: Float64Array.from(neg),
    x1,
    wHat,
    phi,
    risk: angleTail(task, Math.PI / 2 - phi) / 2,
  };
}
