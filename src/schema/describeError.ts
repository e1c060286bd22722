import type { ZodError } from 'zod';

/** One line naming each bad key and why, e.g. `eta: must be finite; batch: must be ≥ 1`. */
export function describeZodError(e: ZodError, max = 4): string {
  const parts = e.issues
    .slice(0, max)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  const more = e.issues.length > max ? ` (+${e.issues.length - max} more)` : '';
  return parts.join('; ') + more;
}
