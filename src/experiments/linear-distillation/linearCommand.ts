import { distillationSolution } from './math/linearDistillation';
import type { LinearInput } from './linearInput';

/**
 * Theorem 1's limit of gradient descent from 0 on the teacher's soft labels: wHat = wStar when the points
 * span R^d, else the projection of wStar on their span; `angle` = α(wHat, wStar) in radians.
 */
export function linearCommand(v: LinearInput) {
  const n = v.X.length;
  const d = v.wStar.length;
  const X = new Float64Array(n * d);
  v.X.forEach((r, i) => X.set(r, i * d));
  const cloud = { X, rows: n, dim: d };
  const s = distillationSolution(cloud, v.wStar);
  if (s.rank === 0)
    throw new Error('every point of X is zero: the span is {0} and the student stays at w = 0');
  return { wHat: Array.from(s.wHat), angle: s.angle, rank: s.rank, n, d };
}
