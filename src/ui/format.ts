/**
 * Numbers in panels and tables: 3 significant digits, exponent form outside [0.01, 10⁴), and a dash —
 * never "NaN" — for anything missing or non-finite.
 */
export function sci(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return Math.abs(v) >= 1e-2 && Math.abs(v) < 1e4 ? v.toPrecision(digits) : v.toExponential(digits - 1);
}

/** A fraction as a percentage with one decimal; a dash for missing or non-finite values. */
export function percent(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(100 * v).toFixed(1)}%`;
}
