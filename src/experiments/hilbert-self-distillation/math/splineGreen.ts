/**
 * Green's function of R(f) = ∫₀¹ f''(x)² dx on [0, 1] for the simply supported beam (Mobahi et al.,
 * eq. 57): g(x, t) = max(x−t, 0)³/6 − x(1−t)(x² − 2t + t²)/6. Symmetric, positive definite on interior
 * points, and zero at x = 0 and x = 1 — which is why data at the endpoints can never be fitted.
 */
export function splineGreen(x: number, t: number): number {
  const d = Math.max(x - t, 0);
  return (d * d * d) / 6 - (x * (1 - t) * (x * x - 2 * t + t * t)) / 6;
}

/** G[j][k] = g(x_j, x_k)/K, the Gram matrix of the regression. */
export function splineGram(xs: readonly number[]): number[][] {
  const K = xs.length;
  return xs.map((a) => xs.map((b) => splineGreen(a, b) / K));
}
