import { describe, expect, it } from 'vitest';
import { binHeight, binValues, histogramCsv, sturgesBins } from './histogram';

describe('binValues', () => {
  it('counts values into equal-width bins, edges going to the bin on their right', () => {
    const h = binValues([0, 0.5, 1, 1, 1.99, 2, 3, 4], { bins: 4, domain: [0, 4] });
    expect(h.bins.map((b) => [b.x0, b.x1])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    // 4 is the right edge of the last bin and is counted in it.
    expect(h.bins.map((b) => b.count)).toEqual([2, 3, 1, 2]);
    expect(h.total).toBe(8);
    expect(h.dropped).toBe(0);
  });

  it('puts values that sit on an edge after round-off into the right bin', () => {
    // 0.3 / 0.1 = 2.9999999999999996: a naive floor would put 0.3 into bin 2.
    const h = binValues([0.3, 0.7], { bins: 10, domain: [0, 1] });
    expect(h.bins[3].count).toBe(1);
    expect(h.bins[7].count).toBe(1);
  });

  it('drops non-finite values and those outside an explicit domain', () => {
    const h = binValues([NaN, Infinity, -1, 0.5, 2], { bins: 2, domain: [0, 1] });
    expect(h.bins.map((b) => b.count)).toEqual([0, 1]);
    expect(h.dropped).toBe(4);
  });

  it('fits the data range by default with Sturges’ bin count, and widens a constant sample', () => {
    const h = binValues(Array.from({ length: 16 }, (_, i) => 10 + i));
    expect(h.bins).toHaveLength(sturgesBins(16));
    expect(sturgesBins(16)).toBe(5);
    expect(h.bins[0].x0).toBe(10);
    expect(h.bins[4].x1).toBe(25);
    const c = binValues([3, 3, 3], { bins: 1 });
    expect(c.bins).toEqual([{ x0: 2.5, x1: 3.5, count: 3 }]);
  });
});

describe('binHeight and histogramCsv', () => {
  it('scales counts to fractions and densities', () => {
    const h = binValues([0, 0, 0, 1], { bins: 2, domain: [0, 2] });
    expect(binHeight(h.bins[0], h.total, 'count')).toBe(3);
    expect(binHeight(h.bins[0], h.total, 'fraction')).toBe(0.75);
    expect(binHeight(h.bins[1], h.total, 'density')).toBe(0.25);
  });

  it('writes edges and counts with the params as comments', () => {
    const csv = histogramCsv(binValues([0, 1, 1], { bins: 2, domain: [0, 2] }), { seed: 3 });
    expect(csv).toBe(
      '# seed: 3\n# 3 values counted, 0 left out (not finite or outside the bins)\nx0,x1,count\n0,1,1\n1,2,2\n',
    );
  });
});
