import { describe, expect, it } from 'vitest';
import {
  barAt,
  barCenter,
  barChartCsv,
  barDomain,
  barExtent,
  barLayout,
  barSpan,
  barX,
  groupLabelStep,
  uniqueName,
} from './bars';

describe('barLayout', () => {
  it('fits all bars of all groups inside the plot, with gaps', () => {
    const l = barLayout(600, 6, 9);
    expect(l.pitch).toBe(100);
    expect(l.barW).toBeGreaterThan(0);
    expect(l.barW).toBeLessThan(l.slot);
    // Gap between groups is larger than the gap between bars.
    const innerGap = barX(l, 0, 1) - (barX(l, 0, 0) + l.barW);
    const groupGap = barX(l, 1, 0) - (barX(l, 0, 8) + l.barW);
    expect(groupGap).toBeGreaterThan(3 * innerGap);
    expect(barX(l, 0, 0)).toBeGreaterThanOrEqual(0);
    expect(barX(l, 5, 8) + l.barW).toBeLessThanOrEqual(600);
  });

  it('lets very thin bars touch instead of drawing sub-pixel gaps', () => {
    const l = barLayout(500, 13, 40);
    expect(l.slot).toBeLessThan(2);
    expect(l.barW).toBe(l.slot);
    expect(barX(l, 12, 39) + l.barW).toBeLessThanOrEqual(500 + 1e-9);
  });

  it('survives empty input', () => {
    const l = barLayout(300, 0, 0);
    expect(l.groups).toBe(1);
    expect(l.bars).toBe(1);
    expect(Number.isFinite(l.barW)).toBe(true);
  });
});

describe('barAt', () => {
  const l = barLayout(600, 6, 9);
  it('inverts bar centres', () => {
    for (const [g, k] of [
      [0, 0],
      [2, 4],
      [5, 8],
    ]) {
      expect(barAt(l, barCenter(l, g, k))).toEqual({ group: g, bar: k });
    }
  });
  it('snaps group gaps to the nearest bar of the group and rejects outside points', () => {
    expect(barAt(l, 100.5)).toEqual({ group: 1, bar: 0 });
    expect(barAt(l, 199.5)).toEqual({ group: 1, bar: 8 });
    expect(barAt(l, -1)).toBeNull();
    expect(barAt(l, 601)).toBeNull();
    expect(barAt(l, NaN)).toBeNull();
  });
});

describe('groupLabelStep', () => {
  it('labels every group when there is room, every n-th otherwise', () => {
    expect(groupLabelStep([30, 30], 100)).toBe(1);
    expect(groupLabelStep([40, 40, 40], 30)).toBe(2);
    expect(groupLabelStep([], 30)).toBe(1);
  });
});

describe('barExtent / barDomain', () => {
  it('skips non-finite values, and non-positive ones on log axes', () => {
    const s = [Float64Array.from([1e-3, 0, -1, NaN, Infinity, 5])];
    expect(barExtent(s, 'linear')).toEqual([-1, 5]);
    expect(barExtent(s, 'log')).toEqual([1e-3, 5]);
    expect(barExtent([[NaN]], 'log')).toBeNull();
  });
  it('includes zero on linear axes and uses decades on log axes', () => {
    expect(barDomain([2, 7.3], 'linear', 5)).toEqual([0, 8]);
    expect(barDomain([-3, -1], 'linear', 5)[1]).toBe(0);
    expect(barDomain(null, 'linear', 5)).toEqual([0, 1]);
    const [lo, hi] = barDomain([2e-4, 3], 'log', 5);
    expect(lo).toBeCloseTo(1e-4, 12);
    expect(hi).toBe(10);
  });
});

describe('barSpan', () => {
  const y = (v: number) => 100 - v * 10; // 0 → 100 px, 10 → 0 px
  it('spans from the value to the baseline, either direction', () => {
    expect(barSpan(5, 'linear', y, 100, 100)).toEqual([50, 100]);
    expect(barSpan(-2, 'linear', (v) => 50 - v * 10, 50, 100)).toEqual([50, 70]);
  });
  it('is null for undrawable values and clamps far-away ones', () => {
    expect(barSpan(NaN, 'linear', y, 100, 100)).toBeNull();
    expect(barSpan(Infinity, 'linear', y, 100, 100)).toBeNull();
    expect(barSpan(0, 'log', y, 100, 100)).toBeNull();
    expect(barSpan(-1, 'log', y, 100, 100)).toBeNull();
    expect(barSpan(1e9, 'linear', y, 100, 100)).toEqual([-2, 100]);
  });
});

describe('barChartCsv', () => {
  it('writes a bar index, one column per group and per overlay, with comments', () => {
    const csv = barChartCsv(
      [
        { id: 't0', label: 't = 0', values: [1, 0.5] },
        { id: 't1', label: 't = 1', values: [0.25, NaN, 0.1] },
      ],
      [{ id: 't1', label: 'bound', group: 1, values: [0.3, 0.2, NaN], shape: 'tick' }],
      { seed: 3 },
    );
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('# seed: 3');
    expect(lines).toContain('# group t0: t = 0');
    expect(lines).toContain('# overlay t1_2: bound; over group t1; shape=tick');
    const header = lines.findIndex((l) => !l.startsWith('#'));
    expect(lines.slice(header)).toEqual(['bar,t0,t1,t1_2', '0,1,0.25,0.3', '1,0.5,NaN,0.2', '2,,0.1,NaN']);
  });
  it('uniqueName avoids collisions', () => {
    const taken = new Set(['a', 'a_2']);
    expect(uniqueName('a', taken)).toBe('a_3');
    expect(uniqueName('b', taken)).toBe('b');
    expect(taken.has('a_3') && taken.has('b')).toBe(true);
  });
});
