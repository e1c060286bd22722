import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkRectangular } from './matrix';

const schema = z.object({ A: z.array(z.array(z.number())) }).superRefine((v, ctx) => {
  const d = checkRectangular(v.A, 'A', ctx);
  if (d !== undefined && d > 3) ctx.addIssue({ code: 'custom', path: ['A'], message: `d = ${d}` });
});
const issues = (A: number[][]) => {
  const r = schema.safeParse({ A });
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
};

describe('checkRectangular', () => {
  it('accepts equal rows and returns the column count', () => {
    expect(
      issues([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    ).toEqual([]);
    expect(issues([[1, 2, 3, 4]])).toEqual([{ path: ['A'], message: 'd = 4' }]);
  });

  it('names every row whose length differs from the first row, at [name, i]', () => {
    expect(issues([[1, 2], [3], [4, 5], [6, 7, 8]])).toEqual([
      { path: ['A', 1], message: 'row 1 has 1 entries, expected 2' },
      { path: ['A', 3], message: 'row 3 has 3 entries, expected 2' },
    ]);
  });

  it('has nothing to compare in an empty matrix', () => {
    expect(issues([])).toEqual([]);
  });
});
