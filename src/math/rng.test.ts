import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { gaussian, gaussianPair, seededNormal, seededUniform } from './rng';

/**
 * The lab's seeded data sets (NTK clusters, Hilbert synthetic data, label-noise panels, the subspace
 * start) were first generated with Box–Muller written out at each site. The shared sampler must give
 * the same bits, or shared links and tests would move.
 */
describe('the shared Box–Muller sampler', () => {
  const draws = 20_000;

  it('gaussian(u, sd) = sd·√(−2 ln max(u, 1e-300))·cos(2πv), bit for bit, two uniforms per draw', () => {
    for (const sd of [1, 0.3, 1.7]) {
      const a = seedrandom.alea('ref');
      const b = seedrandom.alea('ref');
      for (let i = 0; i < draws; i++) {
        const u = Math.max(a(), 1e-300);
        const v = a();
        const ref = sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        expect(gaussian(b, sd)).toBe(ref);
      }
    }
  });

  it('gaussianPair gives both halves of one transform', () => {
    const a = seedrandom.alea('pair');
    const b = seedrandom.alea('pair');
    for (let i = 0; i < draws; i++) {
      const r = Math.sqrt(-2 * Math.log(Math.max(a(), 1e-300)));
      const v = a();
      expect(gaussianPair(b)).toEqual([r * Math.cos(2 * Math.PI * v), r * Math.sin(2 * Math.PI * v)]);
    }
  });

  it('stays finite when the uniform is exactly 0, and seededNormal is gaussian on seededUniform', () => {
    let k = 0;
    const zeroThenHalf = () => (k++ === 0 ? 0 : 0.5);
    expect(gaussian(zeroThenHalf)).toBeCloseTo(-Math.sqrt(600 * Math.LN10), 10);
    const g = seededNormal(7);
    const u = seededUniform(7);
    for (let i = 0; i < 100; i++) expect(g()).toBe(gaussian(u));
  });
});
