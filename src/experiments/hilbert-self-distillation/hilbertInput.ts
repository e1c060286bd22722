import { z } from 'zod';
import { finiteNumber } from '../../schema/numbers';

/** Largest K `lab hilbert` accepts (O(K³): K = 400 takes 2 s, 800 about 7 s on 2 cores). */
const maxHilbertPoints = 1000;

/** Input contract of `lab hilbert`: the fixture's inputs; `rounds` and `alpha` are optional. */
export const hilbertInputSchema = z
  .object({
    x: z
      .array(finiteNumber.pipe(z.number().min(0, 'x must lie in [0, 1]').max(1, 'x must lie in [0, 1]')))
      .min(2, 'need at least 2 points'),
    y: z.array(finiteNumber),
    epsilon: finiteNumber.pipe(z.number().positive('epsilon must be > 0')),
    rounds: z.number().int('rounds must be an integer').min(1).max(1000).optional(),
    alpha: finiteNumber
      .pipe(z.number().min(0, 'alpha must be in [0, 1)').lt(1, 'alpha must be in [0, 1)'))
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.x.length > maxHilbertPoints)
      ctx.addIssue({
        code: 'custom',
        path: ['x'],
        message: `K = ${v.x.length} points exceeds the limit of ${maxHilbertPoints}: the Green's-function eigen-solve is O(K³) (K = 800 takes about 7 s)`,
      });
    if (v.y.length !== v.x.length)
      ctx.addIssue({
        code: 'custom',
        path: ['y'],
        message: `y has ${v.y.length} entries but x has ${v.x.length}`,
      });
    if (new Set(v.x).size !== v.x.length)
      ctx.addIssue({ code: 'custom', path: ['x'], message: 'x values must be distinct' });
  });

export type HilbertInput = z.infer<typeof hilbertInputSchema>;
