import { z } from 'zod';

/**
 * The number validators every schema shares (controls, URL, CLI and job params), so a bad value gets
 * the same message wherever it is typed.
 */
export const finiteNumber = z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be finite');

/** A finite number in [lo, hi]. */
export const finite = (lo: number, hi: number) => finiteNumber.pipe(z.number().min(lo).max(hi));

/** An integer in [lo, hi]. */
export const int = (lo: number, hi: number) =>
  z.number({ error: 'must be a number' }).int('must be an integer').min(lo).max(hi);

export const onOff = z.enum(['on', 'off']);
