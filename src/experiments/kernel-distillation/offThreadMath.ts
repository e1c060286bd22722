import type { KdActivation } from './math/kernelDistillation';
import { ntkGram, topEigen } from './math/overlap';
import { kdTheory, type KdTheory } from './math/theory';

/**
 * The job's dense float64 solves, run on a worker of their own (engine/offThread) so that a slider
 * that restarts the run is heard at once: the poles are an n·m-square eigensolve (seconds at n·m = 800),
 * H∞'s top eigenpairs a quadrature and an n-square one. Both are pure functions of these arguments.
 */
export type KdMathArgs =
  | {
      op: 'theory';
      X: Float64Array;
      n: number;
      d: number;
      y: number[];
      Wk: number[][];
      a: number[];
      lam: number;
      activation: KdActivation;
    }
  | {
      op: 'ntkTop';
      X: Float64Array;
      n: number;
      d: number;
      activation: KdActivation;
      kappa: number;
      k: number;
    };

export type NtkTop = { values: number[]; vectors: number[][] };

export function runKdMath(q: KdMathArgs): KdTheory | NtkTop {
  if (q.op === 'ntkTop') return topEigen(ntkGram(q.X, q.n, q.d, q.activation, q.kappa), q.k);
  return kdTheory(q.X, q.n, q.d, q.y, q.Wk, q.a, q.lam, q.activation, true);
}
