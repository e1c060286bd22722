import { describe, expect, it } from 'vitest';
import { gaussianLogits, implicitStrength, swapLogits, swapMean, swapVariance } from './logitNoise';
import { seededUniform } from '../../../math/rng';

const y = [2.5, -1.2, 0.3, 4.1, -3.0, 0.0, 1.7, -0.6, 2.2, -2.9];
const L = y.length;

/** Mean and mean of squares of `draws` noisy copies of y, per coordinate. */
function moments(draw: (out: Float64Array) => void, draws: number) {
  const out = new Float64Array(L);
  const m1 = new Float64Array(L);
  const m2 = new Float64Array(L);
  for (let d = 0; d < draws; d++) {
    draw(out);
    for (let l = 0; l < L; l++) {
      m1[l] += out[l];
      m2[l] += out[l] * out[l];
    }
  }
  return { mean: Array.from(m1, (v) => v / draws), sq: Array.from(m2, (v) => v / draws) };
}

describe('symmetric swap noise (Xiong et al. eq. 21)', () => {
  it('its empirical mean target equals eq. (21) to 1e-3 over 2·10⁶ draws, for p = 0.1, 0.3, 0.7', () => {
    // Logits scaled to unit spread: a swapped coordinate's sd is then ≤ 0.55, so the standard error of
    // a 2·10⁶-draw mean is ≤ 3.9e-4 and 1e-3 is ≥ 2.6 se (the streams are seeded: a fixed outcome).
    const ys = y.map((v) => v / 7.1);
    for (const p of [0.1, 0.3, 0.7]) {
      const u = seededUniform(`swap-${p}`);
      const { mean } = moments((out) => swapLogits(ys, 0, L, p, u, out, 0), 2_000_000);
      const exact = swapMean(ys, p);
      for (let l = 0; l < L; l++) expect(Math.abs(mean[l] - exact[l])).toBeLessThan(1e-3);
    }
  });

  it('never swaps at p = 0, always at p = 1 (and then only to another coordinate)', () => {
    const u = seededUniform(3);
    const out = new Float64Array(L);
    swapLogits(y, 0, L, 0, u, out, 0);
    expect(Array.from(out)).toEqual(y);
    for (let d = 0; d < 1000; d++) {
      swapLogits(y, 0, L, 1, u, out, 0);
      for (let l = 0; l < L; l++) {
        expect(out[l]).not.toBe(y[l]); // the values of y are distinct
        expect(y).toContain(out[l]);
      }
    }
  });

  it('its variance around eq. (21) matches swapVariance to 1% over 10⁶ draws', () => {
    const p = 0.3;
    const u = seededUniform('var');
    const { mean, sq } = moments((out) => swapLogits(y, 0, L, p, u, out, 0), 1_000_000);
    const v = sq.reduce((a, s, l) => a + s - mean[l] ** 2, 0) / L;
    expect(Math.abs(v / swapVariance(y, p) - 1)).toBeLessThan(0.01);
    expect(swapVariance(y, 0)).toBeCloseTo(0, 12);
  });
});

describe('Gaussian logit noise', () => {
  it('is unbiased with variance σ² (10⁵ draws: mean within 4 se, variance within 2%)', () => {
    const sigma = 1.5;
    const u = seededUniform('g');
    const { mean, sq } = moments((out) => gaussianLogits(y, 0, L, sigma, u, out, 0), 100_000);
    for (let l = 0; l < L; l++) {
      expect(Math.abs(mean[l] - y[l])).toBeLessThan((4 * sigma) / Math.sqrt(100_000));
      expect(Math.abs((sq[l] - mean[l] ** 2) / sigma ** 2 - 1)).toBeLessThan(0.02);
    }
  });

  it('eq. (16) strength is η σ² G / B', () => {
    expect(implicitStrength(0.05, 2, 32, 1000)).toBeCloseTo((0.05 * 2 * 1000) / 32, 12);
  });
});
