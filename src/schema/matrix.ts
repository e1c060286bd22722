import type { RefinementCtx } from 'zod';

/**
 * The rectangular-matrix check of the CLI's input schemas (`lab ols`, `lab ntk`, `lab linear`), for use
 * inside an object's `superRefine`: one issue at `[name, i]`, `row i has r entries, expected d`, for
 * every row whose length differs from the first row's. Returns d, the first row's length, or undefined
 * when there are no rows (zod runs a refinement even after a failed `min(1)`: nothing to compare then).
 */
export function checkRectangular(
  rows: readonly (readonly unknown[])[],
  name: string,
  ctx: RefinementCtx,
): number | undefined {
  if (rows.length === 0) return undefined;
  const d = rows[0].length;
  rows.forEach((r, i) => {
    if (r.length !== d)
      ctx.addIssue({
        code: 'custom',
        path: [name, i],
        message: `row ${i} has ${r.length} entries, expected ${d}`,
      });
  });
  return d;
}
