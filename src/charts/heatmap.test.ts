import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { colorDomain, makeColorScale, matrixExtent, MISSING_COLOR } from './colorScale';
import { heatmapCells, heatmapCsv, indexTicks } from './heatmap';

describe('makeColorScale', () => {
  it('maps a sequential domain onto viridis, clamping outside values', () => {
    const c = makeColorScale('sequential', [0, 8]);
    expect([c(0), c(4), c(8)]).toEqual(['#440154', '#21918c', '#fde725']);
    expect(c(-5)).toBe('#440154');
    expect(c(NaN)).toBe(MISSING_COLOR);
  });

  it('maps a diverging domain blue → near-white at its centre → red', () => {
    const c = makeColorScale('diverging', [-2, 2]);
    expect([c(-2), c(0), c(2)]).toEqual(['#053061', '#f2efee', '#67001f']);
    expect(c.ticks(4)).toEqual([-2, -1, 0, 1, 2]);
  });
});

describe('colorDomain', () => {
  it('is the range for sequential and symmetric about 0 for diverging', () => {
    const m = [
      [1, -3],
      [NaN, 2],
    ];
    expect(matrixExtent(m)).toEqual([-3, 2]);
    expect(colorDomain(m, 'sequential')).toEqual([-3, 2]);
    expect(colorDomain(m, 'diverging')).toEqual([-3, 3]);
    expect(colorDomain([[5]], 'sequential')).toEqual([4.5, 5.5]);
  });
});

describe('heatmapCells', () => {
  it('places entry (i, j) at column j, row i from the top', () => {
    const x = scaleLinear().domain([0, 2]).range([0, 100]);
    const y = scaleLinear().domain([2, 0]).range([80, 0]);
    const cells = heatmapCells(
      [
        [0, 1],
        [2, 3],
      ],
      x,
      y,
      makeColorScale('sequential', [0, 3]),
    );
    expect(cells.map((c) => [c.row, c.col, c.x, c.y, c.w, c.h])).toEqual([
      [0, 0, 0, 0, 50, 40],
      [0, 1, 50, 0, 50, 40],
      [1, 0, 0, 40, 50, 40],
      [1, 1, 50, 40, 50, 40],
    ]);
    expect(cells[3].fill).toBe('#fde725');
  });
});

describe('indexTicks', () => {
  it('labels every cell while they are wide enough', () => {
    expect(indexTicks(3, 300).map((t) => [t.value, t.label])).toEqual([
      [0.5, '1'],
      [1.5, '2'],
      [2.5, '3'],
    ]);
  });

  it('labels every 1-2-5 step-th cell when they are narrow', () => {
    // 100 cells in 300 px: 3 px each, so labels every 10th cell (30 px apart).
    const t = indexTicks(100, 300);
    expect(t.map((k) => k.label)).toEqual(['10', '20', '30', '40', '50', '60', '70', '80', '90', '100']);
    expect(t[0].value).toBe(9.5);
  });
});

describe('heatmapCsv', () => {
  it('writes one line per row', () => {
    expect(
      heatmapCsv(
        [
          [1, 2],
          [3, 4],
        ],
        {},
      ),
    ).toBe('# matrix 2 × 2, row i is line i below the header\nc1,c2\n1,2\n3,4\n');
  });
});
