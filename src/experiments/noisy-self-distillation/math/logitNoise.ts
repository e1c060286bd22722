import { gaussian } from '../../../math/rng';

/**
 * Label noise on a teacher's logit vector, as in Xiong et al. §5 (noisy self-distillation): Gaussian
 * N(0, σ²I) added to the logits, or symmetric swaps with probability p. Float64, no tfjs: the worker
 * builds each minibatch's noisy targets with these, one row at a time.
 */

/**
 * Writes y + σ·z (z standard normal, one per coordinate) into out[offset…]. Drawing z once and scaling by
 * σ lets several noise levels share one stream (common random numbers across a sweep).
 */
export function gaussianLogits(
  y: ArrayLike<number>,
  yOffset: number,
  L: number,
  sigma: number,
  uniform: () => number,
  out: Float32Array | Float64Array,
  offset: number,
): void {
  for (let l = 0; l < L; l++) out[offset + l] = y[yOffset + l] + sigma * gaussian(uniform);
}

/**
 * Symmetric swap noise: each coordinate l, with probability p, takes the value of one of the other L − 1
 * coordinates (uniformly), read from the ORIGINAL vector. Reading from the original (rather than swapping
 * pairs in place one after the other, where a coordinate can be moved twice) makes the mean exactly
 * eq. (21): E[ỹ_l] = (1 − p)·y_l + p·Σ_{m≠l} y_m/(L − 1). Two uniforms per coordinate, always drawn, so
 * the stream does not depend on p (levels of a sweep share it: a larger p swaps a superset).
 */
export function swapLogits(
  y: ArrayLike<number>,
  yOffset: number,
  L: number,
  p: number,
  uniform: () => number,
  out: Float32Array | Float64Array,
  offset: number,
): void {
  for (let l = 0; l < L; l++) {
    const u = uniform();
    const pick = Math.min(L - 2, Math.floor(uniform() * (L - 1)));
    const m = pick >= l ? pick + 1 : pick;
    out[offset + l] = u < p ? y[yOffset + m] : y[yOffset + l];
  }
}

/** Eq. (21): the mean of the swapped vector, (1 − p)·y_l + p·(Σ_m y_m − y_l)/(L − 1). */
export function swapMean(y: readonly number[], p: number): number[] {
  const L = y.length;
  const total = y.reduce((a, b) => a + b, 0);
  return y.map((v) => (1 - p) * v + (p * (total - v)) / (L - 1));
}

/**
 * The variance of each swapped coordinate around eq. (21)'s mean, averaged over the L coordinates:
 * E[ỹ_l²] − E[ỹ_l]² with E[ỹ_l²] = (1 − p)·y_l² + p·(Σ_m y_m² − y_l²)/(L − 1). This is the σ² the swap
 * noise feeds into eq. (16) (the noise is unbiased around eq. (21)'s target).
 */
export function swapVariance(y: readonly number[], p: number): number {
  const L = y.length;
  const sq = y.reduce((a, b) => a + b * b, 0);
  const mean = swapMean(y, p);
  let v = 0;
  for (let l = 0; l < L; l++) v += (1 - p) * y[l] ** 2 + (p * (sq - y[l] ** 2)) / (L - 1) - mean[l] ** 2;
  return v / L;
}

/**
 * Eq. (16)'s implicit-regulariser strength (ησ²/(BN))·Σ_i ‖∇_θ f(x_i, θ)‖², written with the
 * training-set average G = (1/N)·Σ_i ‖∇_θ f(x_i, θ)‖²: η·σ²·G/B.
 */
export const implicitStrength = (eta: number, sigma2: number, batch: number, gradNormSqMean: number) =>
  (eta * sigma2 * gradNormSqMean) / batch;
