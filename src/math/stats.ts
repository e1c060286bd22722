export interface MeanStd {
  mean: number;
  /** sample standard deviation (0 with one value) */
  std: number;
  /** how many values contributed */
  n: number;
}

/** Mean and sample standard deviation; NaN for an empty list. */
export function meanStd(xs: readonly number[]): MeanStd {
  const n = xs.length;
  if (n === 0) return { mean: NaN, std: NaN, n };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const v = n > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(v), n };
}
