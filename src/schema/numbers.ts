import { z } from 'zod';

/**
 * The number validators every schema shares (controls, URL, CLI and job params), so a bad value gets
 * the same message wherever it is typed.
 */
// zod 4 applies a schema-level `error` to every issue of that schema: only name the type error here,
// so a range check still says `must be >= 16`, not `must be a number`.
const numberError = {
  error: (i: { code: string }) => (i.code === 'invalid_type' ? 'must be a number' : undefined),
};

export const finiteNumber = z.number(numberError).refine(Number.isFinite, 'must be finite');

/** A finite number in [lo, hi]. */
export const finite = (lo: number, hi: number) => finiteNumber.pipe(z.number().min(lo).max(hi));

/** An integer in [lo, hi]. */
export const int = (lo: number, hi: number) =>
  z.number(numberError).int('must be an integer').min(lo).max(hi);

export const onOff = z.enum(['on', 'off']);
