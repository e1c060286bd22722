import type { KdProblem } from './data';
import type { OverlapSet } from './frames';
import { ntkTopOff } from './kdMathTask';
import { featureOverlaps } from './math/overlap';
import type { KdParams } from './params';
import { features, units } from './teacher';

/** Fig. 5's overlaps of every unit of each named network (weights d × width), against H∞'s top vectors. */
export function overlapSets(
  pr: KdProblem,
  act: KdParams['activation'],
  vectors: number[][],
  nets: { id: string; label: string; W: Float32Array; width: number }[],
): OverlapSet[] {
  return nets.map(({ id, label, W, width }) => {
    const Wk = units(
      W,
      pr.d,
      width,
      Array.from({ length: width }, (_, k) => k),
    );
    return { id, label, values: featureOverlaps(features(pr.X, pr.n, pr.d, Wk, act), pr.n, width, vectors) };
  });
}

/** H∞ of the problem's inputs and its top eigenpairs (float64, off this thread); null if cancelled first. */
export const ntkTop = (pr: KdProblem, p: KdParams, cancelled: () => boolean) =>
  ntkTopOff(
    {
      X: pr.X,
      n: pr.n,
      d: pr.d,
      activation: p.activation,
      kappa: p.initScale,
      k: Math.min(p.overlapTop, pr.n),
    },
    cancelled,
  );
