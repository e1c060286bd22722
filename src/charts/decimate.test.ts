import { describe, expect, it } from 'vitest';
import { isMonotone, nearestIndex, pixelPath, toPixels } from './decimate';
import { computeTicks, makeScale, prettyExponent } from './scales';

const lin = (d: [number, number], r: [number, number]) => makeScale('linear', d, r);

describe('toPixels', () => {
  it('breaks the line at non-finite points and never emits NaN in the path', () => {
    const ps = toPixels(
      [0, 1, 2, 3, 4],
      [1, NaN, 2, Infinity, 3],
      lin([0, 4], [0, 400]),
      lin([0, 4], [400, 0]),
      'linear',
      'linear',
      400,
    );
    const d = pixelPath(ps);
    expect(d).not.toMatch(/NaN|Infinity/);
    expect(d.match(/M/g)).toHaveLength(3);
  });

  it('skips non-positive values on a log axis', () => {
    const ps = toPixels(
      [1, 2, 3],
      [1, 0, -1],
      lin([1, 3], [0, 100]),
      makeScale('log', [0.1, 10], [100, 0]),
      'linear',
      'log',
      100,
    );
    expect(pixelPath(ps)).toBe('M0,50');
  });

  it('keeps at most two points per pixel column for dense monotone series, preserving min and max', () => {
    const n = 20000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i === 12345 ? 50 : Math.sin(i)));
    const ps = toPixels(x, y, lin([0, n - 1], [0, 200]), lin([-1, 50], [100, 0]), 'linear', 'linear', 200);
    expect(ps.count).toBeLessThanOrEqual(2 * 201);
    const ys = Array.from({ length: ps.count }, (_, i) => ps.xy[2 * i + 1]);
    expect(Math.min(...ys)).toBeCloseTo(0, 6); // the spike at y=50 maps to the top pixel
  });

  it('does not decimate non-monotone (parametric) data', () => {
    const x = Array.from({ length: 1000 }, (_, i) => Math.cos(i));
    const y = Array.from({ length: 1000 }, (_, i) => Math.sin(i));
    expect(isMonotone(x)).toBe(false);
    expect(
      toPixels(x, y, lin([-1, 1], [0, 100]), lin([-1, 1], [0, 100]), 'linear', 'linear', 100).count,
    ).toBe(1000);
  });
});

describe('nearestIndex', () => {
  const x = [0, 1, 2, 4, 8];
  it('binary-searches monotone x', () => {
    expect(nearestIndex(x, 5, 2.9, true, 'linear')).toBe(2);
    expect(nearestIndex(x, 5, 3.1, true, 'linear')).toBe(3);
    expect(nearestIndex(x, 5, -3, true, 'linear')).toBe(0);
    expect(nearestIndex(x, 5, 100, true, 'linear')).toBe(4);
  });
  it('scans unordered x', () => {
    expect(nearestIndex([5, 1, 3], 3, 1.2, false, 'linear')).toBe(1);
  });
});

describe('ticks', () => {
  it('labels decades on wide log axes with consistent power notation', () => {
    const ticks = computeTicks(makeScale('log', [1, 1e5], [0, 500]), 'log', 500, 70);
    expect(ticks.filter((t) => t.major).map((t) => t.label)).toEqual([
      '10⁰',
      '10¹',
      '10²',
      '10³',
      '10⁴',
      '10⁵',
    ]);
  });
  it('formats scientific notation for lecture slides', () => {
    expect(prettyExponent('2.5e-5')).toBe('2.5×10⁻⁵');
    expect(prettyExponent('1e+6')).toBe('10⁶');
    expect(prettyExponent('0.25')).toBe('0.25');
  });
});
