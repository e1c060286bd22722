import { describe, expect, it } from 'vitest';
import { tanhFloat32 } from './tanhFloat32';

describe('tanhFloat32', () => {
  it('is within 3e-7 of Math.tanh on [−12, 12] (a few float32 ulps), odd, and exactly ±1-bounded', () => {
    let err = 0;
    for (let x = -12; x <= 12; x += 1 / 4096) {
      const t = tanhFloat32(x);
      err = Math.max(err, Math.abs(t - Math.tanh(x)));
      expect(tanhFloat32(-x)).toBe(-t);
      expect(Math.abs(t)).toBeLessThanOrEqual(1);
    }
    expect(err).toBeLessThan(3e-7);
    expect(err).toBeGreaterThan(0); // an approximation, not Math.tanh itself
    expect(tanhFloat32(1e-5)).toBe(1e-5);
    expect(tanhFloat32(Infinity)).toBeCloseTo(1, 6);
    expect(tanhFloat32(-1e300)).toBeCloseTo(-1, 6);
  });
});
