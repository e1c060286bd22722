import { z } from 'zod';
import { checkRectangular } from '../../schema/matrix';
import { finiteNumber } from '../../schema/numbers';

/** Largest d `lab ols` accepts: its cost grows as d⁶ (d = 20: 2.5 s, 28: 5 s, 36: 17 s on 2 cores). */
const maxOlsColumns = 32;

/** Input contract of `lab ols`: the fixture's inputs (extra keys such as `expected` are ignored). */
export const olsInputSchema = z
  .object({
    X: z
      .array(z.array(finiteNumber).min(1, 'rows of X must not be empty'))
      .min(1, 'X must have at least one row'),
    y: z.array(finiteNumber),
    eta: finiteNumber.pipe(z.number().positive('eta must be > 0')),
    batch: z.number().int('batch must be an integer').min(1, 'batch must be ≥ 1'),
  })
  .superRefine((v, ctx) => {
    const d = checkRectangular(v.X, 'X', ctx);
    if (d === undefined) return;
    if (d > maxOlsColumns)
      ctx.addIssue({
        code: 'custom',
        path: ['X', 0],
        message: `d = ${d} columns exceeds the limit of ${maxOlsColumns}: the exact covariance is a d²×d² eigen- and linear solve, O(d⁶) (d = ${maxOlsColumns} takes about 10 s)`,
      });
    if (v.y.length !== v.X.length)
      ctx.addIssue({
        code: 'custom',
        path: ['y'],
        message: `y has ${v.y.length} entries but X has ${v.X.length} rows`,
      });
    if (v.batch > v.X.length)
      ctx.addIssue({
        code: 'custom',
        path: ['batch'],
        message: `batch ${v.batch} exceeds N = ${v.X.length}`,
      });
    if (v.X.length < d)
      ctx.addIssue({
        code: 'custom',
        path: ['X'],
        message: `need at least d = ${d} rows, got ${v.X.length}`,
      });
  });

export type OlsInput = z.infer<typeof olsInputSchema>;
