import { z } from 'zod';
import { finiteNumber } from '../../schema/numbers';

const matrix = (name: string) =>
  z.array(z.array(finiteNumber).min(1, `rows of ${name} must not be empty`)).min(1, `${name} needs a row`);

/** Theorem 3's poles are an n·m × n·m dense eigenproblem, O((n·m)³): 2000 takes ~1 min on 2 cores. */
const maxPoleProblem = 2000;

/** Input contract of `lab kd` (the fixture's inputs): X n × d, y n, W m × d (student = teacher units), a m. */
export const kdInputSchema = z
  .object({
    X: matrix('X'),
    y: z.array(finiteNumber),
    W: matrix('W'),
    a: z.array(finiteNumber).min(1, 'a needs at least one unit'),
    lam: finiteNumber.pipe(z.number().min(0, 'λ (lam) must be ≥ 0')),
    activation: z.enum(['tanh', 'relu'], { error: 'activation must be "tanh" or "relu"' }),
  })
  .superRefine((v, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const d = v.X[0].length;
    const bad = v.X.findIndex((r) => r.length !== d);
    if (bad >= 0) issue(['X', bad], `row ${bad} of X has ${v.X[bad].length} entries, expected d = ${d}`);
    if (v.y.length !== v.X.length) issue(['y'], `y has ${v.y.length} entries but X has ${v.X.length} rows`);
    const badW = v.W.findIndex((r) => r.length !== d);
    if (badW >= 0)
      issue(['W', badW], `row ${badW} of W has ${v.W[badW].length} entries, but X has d = ${d} columns`);
    if (v.a.length !== v.W.length)
      issue(['a'], `a has ${v.a.length} entries but W has ${v.W.length} rows (units)`);
    if (v.X.length * v.W.length > maxPoleProblem)
      issue(
        ['W'],
        `n·m = ${v.X.length}·${v.W.length} = ${v.X.length * v.W.length} exceeds the limit of ${maxPoleProblem}: the poles are an n·m × n·m eigenproblem, O((n·m)³)`,
      );
  });

export type KdInput = z.infer<typeof kdInputSchema>;
