import { scaleLinear, scaleLog } from 'd3';
import { describe, expect, it } from 'vitest';
import { bandEdges, bandPath, bandPieces } from './band';

// x: 0…3 → 0…300 px; y: 0…6 → 300…0 px (1 unit = 50 px).
const xs = scaleLinear().domain([0, 3]).range([0, 300]);
const ys = scaleLinear().domain([0, 6]).range([300, 0]);

describe('bandPath', () => {
  it('runs along hi left to right, back along lo, and closes', () => {
    const pieces = bandPieces([0, 1, 2, 3], [0, 1, 1, 2], [2, 3, 4, 6], xs, ys, 'linear', 'linear', 302);
    expect(bandPath(pieces)).toBe('M0,200L100,150L200,100L300,0L300,200L200,250L100,250L0,300Z');
  });

  it('starts a new closed piece after a point it cannot draw', () => {
    const pieces = bandPieces([0, 1, 2, 3], [0, NaN, 1, 2], [1, 2, 3, 4], xs, ys, 'linear', 'linear', 302);
    expect(pieces).toHaveLength(2);
    expect(bandPath(pieces)).toBe('M0,250L0,300ZM200,150L300,100L300,200L200,250Z');
  });

  it('on a log axis, runs a lower edge ≤ 0 to the floor instead of dropping the point', () => {
    const logY = scaleLog().domain([0.1, 10]).range([200, 0]);
    const pieces = bandPieces([0, 3], [-0.5, 1], [1, 10], xs, logY, 'linear', 'log', 202);
    expect(bandPath(pieces)).toBe('M0,100L300,0L300,100L0,202Z');
  });

  it('keeps the envelope per pixel column when there are far more points than columns', () => {
    const n = 3001;
    const x = Float64Array.from({ length: n }, (_, i) => (3 * i) / (n - 1));
    // Alternating widths: the envelope must keep the wide ones.
    const lo = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 2.9 : 2));
    const hi = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 3.1 : 4));
    const [piece] = bandPieces(x, lo, hi, xs, ys, 'linear', 'linear', 302, 300);
    const m = piece.length / 3;
    expect(m).toBeLessThanOrEqual(301);
    for (let i = 0; i < m; i++) {
      expect(piece[3 * i + 1]).toBeCloseTo(ys(4), 9);
      expect(piece[3 * i + 2]).toBeCloseTo(ys(2), 9);
    }
  });
});

describe('bandEdges', () => {
  it('gives the two edges as polylines with a gap after each piece', () => {
    const pieces = bandPieces([0, 3], [0, 2], [2, 6], xs, ys, 'linear', 'linear', 302);
    const [top, bottom] = bandEdges(pieces);
    expect(top).toEqual([0, 200, 300, 0, NaN, NaN]);
    expect(bottom).toEqual([0, 300, 300, 200, NaN, NaN]);
  });
});
