import { z } from 'zod';
import { checkRectangular } from '../../schema/matrix';
import { finiteNumber } from '../../schema/numbers';

/** Largest n `lab ntk` accepts (O(n³): n = 512 takes 4.5 s, 1024 about 15 s on 2 cores). */
const maxNtkPoints = 1024;

/** Input contract of `lab ntk`: the fixture's inputs (X rows unit-norm, labels y, topK). */
export const ntkInputSchema = z
  .object({
    X: z.array(z.array(finiteNumber).min(1, 'rows of X must not be empty')).min(2, 'X needs at least 2 rows'),
    y: z.array(finiteNumber),
    yClean: z.array(finiteNumber).optional(),
    topK: z.number().int('topK must be an integer').min(1, 'topK must be ≥ 1'),
  })
  .superRefine((v, ctx) => {
    // zod runs this even after a failed length check: nothing to compare in an empty X.
    if (v.X.length === 0) return;
    if (v.X.length > maxNtkPoints)
      ctx.addIssue({
        code: 'custom',
        path: ['X'],
        message: `n = ${v.X.length} points exceeds the limit of ${maxNtkPoints}: the full float64 eigendecomposition of the n×n NTK is O(n³) (n = 1024 takes about 15 s)`,
      });
    checkRectangular(v.X, 'X', ctx);
    v.X.forEach((r, i) => {
      const norm = Math.sqrt(r.reduce((s, x) => s + x * x, 0));
      if (Math.abs(norm - 1) > 1e-6)
        ctx.addIssue({
          code: 'custom',
          path: ['X', i],
          message: `row ${i} has norm ${norm.toPrecision(6)}; the ReLU NTK formula needs unit-norm inputs`,
        });
    });
    if (v.y.length !== v.X.length)
      ctx.addIssue({
        code: 'custom',
        path: ['y'],
        message: `y has ${v.y.length} entries but X has ${v.X.length} rows`,
      });
    if (v.yClean && v.yClean.length !== v.X.length)
      ctx.addIssue({
        code: 'custom',
        path: ['yClean'],
        message: `yClean has ${v.yClean.length} entries but X has ${v.X.length} rows`,
      });
    if (v.topK > v.X.length)
      ctx.addIssue({ code: 'custom', path: ['topK'], message: `topK ${v.topK} exceeds n = ${v.X.length}` });
    if (v.y.every((x) => x === 0))
      ctx.addIssue({ code: 'custom', path: ['y'], message: 'y is all zeros: its top-k ratio is undefined' });
  });

export type NtkInput = z.infer<typeof ntkInputSchema>;
