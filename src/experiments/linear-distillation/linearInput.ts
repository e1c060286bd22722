import { z } from 'zod';
import { checkRectangular } from '../../schema/matrix';
import { finiteNumber } from '../../schema/numbers';

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
