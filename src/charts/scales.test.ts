import { describe, expect, it } from 'vitest';
import { autoDomain, computeTicks, drawable, makeScale, padExtent } from './scales';

/** Regressions found by the URL fuzz: a log axis over an underflowed domain froze the tab. */
describe('log axes at the edge of float64', () => {
  it('a log domain that reaches 0 yields finite ticks instead of looping from −Infinity', () => {
    const ticks = computeTicks(makeScale('log', [0, 10], [0, 300]), 'log', 300, 40);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.length).toBeLessThan(1000);
    expect(ticks.every((t) => Number.isFinite(t.value) && t.value > 0)).toBe(true);
  });
  it('a non-finite domain has no ticks', () => {
    expect(computeTicks(makeScale('log', [1, Infinity], [0, 300]), 'log', 300, 40)).toEqual([]);
    expect(computeTicks(makeScale('linear', [NaN, 1], [0, 300]), 'linear', 300, 40)).toEqual([]);
  });
  it('subnormal values are not drawable on a log axis, and padding never underflows to 0', () => {
    expect(drawable(1e-320, 'log')).toBe(false);
    expect(drawable(1e-12, 'log')).toBe(true);
    const [lo] = padExtent([1e-299, 1e2], 'log', 0.05);
    expect(lo).toBeGreaterThan(0);
    expect(autoDomain([1e-300, 1], 'log', 5)[0]).toBeGreaterThan(0);
  });
});
