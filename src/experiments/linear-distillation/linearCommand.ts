import { z } from 'zod';
import { checkRectangular } from '../../schema/matrix';
import { finiteNumber } from '../../schema/numbers';
import { distillationSolution } from './math/linearDistillation';

/** Input contract of `lab linear`: the fixture's `X` (rows are points) and `wStar`. */
export const linearInputSchema = z
  .object({
    X: z
      .array(z.array(finiteNumber).min(1, 'rows of X must not be empty'))
      .min(1, 'X must have at least one row (a point)'),
    wStar: z.array(finiteNumber).min(1, 'wStar must not be empty'),
  })
  .superRefine((v, ctx) => {
    const d = checkRectangular(v.X, 'X', ctx);
    if (d === undefined) return;
    if (v.wStar.length !== d)
      ctx.addIssue({
        code: 'custom',
        path: ['wStar'],
        message: `wStar has ${v.wStar.length} entries but the points have ${d}`,
      });
    else if (v.wStar.every((x) => x === 0))
      ctx.addIssue({
        code: 'custom',
        path: ['wStar'],
        message: 'wStar must not be the zero vector (no teacher)',
      });
  });

export type LinearInput = z.infer<typeof linearInputSchema>;

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
