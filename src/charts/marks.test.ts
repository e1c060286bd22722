/** Every mark rendered inside a Plot (react-dom/server), with its geometry checked in pixels. */
import { createElement as h } from 'react';
import { describe, expect, it } from 'vitest';
import { makeColorScale } from './colorScale';
import { binValues } from './histogram';
import { BandMark } from './marks/BandMark';
import { BarsMark } from './marks/BarsMark';
import { CanvasPointsMark } from './marks/CanvasPointsMark';
import { EllipseMark } from './marks/EllipseMark';
import { COLOR_BAR_MARGIN, ColorBarMark, HeatmapMark } from './marks/HeatmapMark';
import { HistogramMark } from './marks/HistogramMark';
import { LineMark } from './marks/LineMark';
import { MarkerMark } from './marks/MarkerMark';
import { TextMark } from './marks/TextMark';
import { chrome, colors } from './theme';
import { findAll, findOne, pathPoints, translation } from './testing/svgQuery';
import { linearSpec, renderPlot } from './testing/render';

const close = (a: number, b: number, tol = 0.011) => Math.abs(a - b) <= tol;

describe('Plot frame', () => {
  it('draws title, export buttons, a clip path used by the marks, and translates to the plot origin', () => {
    const { layout, html } = renderPlot(
      linearSpec([0, 1], [0, 1]),
      h(LineMark, { id: 's', x: [0, 1], y: [0, 1], color: '#123456' }),
      {
        title: 'Loss',
        testId: 'fig',
      },
    );
    expect(findAll(html, 'svg')).toHaveLength(1);
    expect(findOne(html, 'div', { 'data-testid': 'fig' }).attrs.style).toMatch(/width:400px;height:300px/);
    expect(findOne(html, 'text', { 'font-weight': '600' }).text).toBe('LossLoss'); // <title> + visible text
    expect(findOne(html, 'title').text).toBe('Loss');
    // 400 px is a narrow chart: one menu button instead of four (its title keeps the room)
    expect(findAll(html, 'button').map((b) => b.attrs['aria-label'])).toEqual([
      'Export or show the data of Loss',
    ]);
    const clip = findOne(html, 'clipPath').attrs.id;
    const clipped = findOne(html, 'g', { 'clip-path': `url(#${clip})` });
    expect(clipped).toBeTruthy();
    const { left, top } = layout.frame;
    expect(findAll(html, 'g', { transform: `translate(${left},${top})` })).toHaveLength(1);
    // The series is inside the clipped group: it comes after the clip group opens.
    expect(html.indexOf('data-series-id="s"')).toBeGreaterThan(html.indexOf(`clip-path="url(#${clip})"`));
  });

  it('labels a log axis at whole decades, evenly spaced, with 2…9 minor grid lines', () => {
    const { layout, html } = renderPlot(
      {
        width: 500,
        height: 400,
        x: { label: 'x', domain: [0, 1] },
        y: { label: 'loss', kind: 'log', domain: [1, 1000] },
      },
      null,
    );
    const labels = findAll(html, 'text', { 'text-anchor': 'end' });
    expect(labels.map((t) => t.text)).toEqual(['1', '10', '100', '1000']);
    const ys = labels.map((t) => Number(t.attrs.y));
    const { plotH } = layout.frame;
    ys.forEach((y, i) => expect(close(y, plotH - (i * plotH) / 3)).toBe(true));
    // 3 decades × 8 minor multiples, drawn in the minor grid colour.
    const minor = findAll(html, 'line', { stroke: chrome.gridMinor }).filter((l) => l.attrs.x1 === '0');
    expect(minor).toHaveLength(24);
  });

  it('splits into grid SVG, canvas and mark SVG when given a canvas mark, the canvas covering the plot', () => {
    const { layout, html } = renderPlot(linearSpec([0, 1], [0, 1]), null, {
      canvas: h(CanvasPointsMark, { layers: [{ xy: [0, 0, 1, 1], color: '#000', kind: 'points' }] }),
    });
    expect(findAll(html, 'svg')).toHaveLength(2);
    const { left, top, plotW, plotH } = layout.frame;
    const style = findOne(html, 'canvas', { 'data-plot-canvas': '*' }).attrs.style;
    expect(style).toContain(`left:${left}px;top:${top}px;width:${plotW}px;height:${plotH}px`);
    // Grid below the canvas, axes above it.
    const canvasAt = html.indexOf('<canvas');
    expect(html.indexOf(chrome.grid)).toBeLessThan(canvasAt);
    expect(html.indexOf(`stroke="${chrome.axis}"`)).toBeGreaterThan(canvasAt);
  });
});

describe('CanvasPointsMark', () => {
  const path = (k: number) => ({
    xy: [0, k / 40, 1, 1 - k / 40],
    color: '#123456',
    kind: 'path' as const,
    alpha: 0.5,
  });
  const canvases = (layers: Parameters<typeof CanvasPointsMark>[0]['layers']) =>
    findAll(
      renderPlot(linearSpec([0, 1], [0, 1]), null, { canvas: h(CanvasPointsMark, { layers }) }).html,
      'canvas',
    );

  it('gives each layer a canvas of its own, a path one shown at the layer’s alpha', () => {
    const c = canvases([path(0), path(1), { xy: [0, 0], color: '#000', kind: 'points' }]);
    expect(c.map((e) => e.attrs['data-layer-kind'])).toEqual(['path', 'path', 'points']);
    expect(c[0].attrs.style).toContain('opacity:0.5');
  });

  it('puts more than 16 path layers on one shared canvas (alpha baked in), points layers still apart', () => {
    const layers = [
      ...Array.from({ length: 17 }, (_, k) => path(k)),
      { xy: [0, 0], color: '#000', kind: 'points' as const },
    ];
    const c = canvases(layers);
    expect(c.map((e) => e.attrs['data-layer-kind'])).toEqual(['paths', 'points']);
    expect(c[0].attrs.style).toContain('opacity:1');
    expect(canvases(layers.slice(0, 16))).toHaveLength(16);
  });
});

describe('LineMark', () => {
  it('maps points to pixels and breaks the line at a NaN', () => {
    const { layout, html } = renderPlot(
      linearSpec([0, 4], [0, 2]),
      h(LineMark, { id: 'a', x: [0, 1, 2, 3, 4], y: [0, 1, NaN, 1, 2], color: '#123456', dash: 'dashed' }),
    );
    const { plotW, plotH } = layout.frame;
    const path = findOne(html, 'path', { 'data-series-id': 'a' });
    expect(path.attrs.stroke).toBe('#123456');
    expect(path.attrs['stroke-dasharray']).toBeTruthy();
    expect(path.attrs.d.match(/M/g)).toHaveLength(2);
    const pts = pathPoints(path.attrs.d);
    const want = [
      [0, plotH],
      [plotW / 4, plotH / 2],
      [(3 * plotW) / 4, plotH / 2],
      [plotW, 0],
    ];
    expect(pts).toHaveLength(4);
    pts.forEach(([x, y], i) => {
      expect(close(x, want[i][0], 0.051)).toBe(true);
      expect(close(y, want[i][1], 0.051)).toBe(true);
    });
  });
});

describe('BandMark', () => {
  it('is one closed area of 2n points: along the upper edge, then back along the lower one', () => {
    const x = [0, 1, 2, 3];
    const lo = [0, 1, 1, 2];
    const hi = [2, 3, 4, 6];
    const { layout, html } = renderPlot(
      linearSpec([0, 3], [0, 6]),
      h(BandMark, { id: 'b', x, lo, hi, color: '#0072B2' }),
    );
    const { plotW, plotH } = layout.frame;
    const path = findOne(html, 'path', { 'data-band-id': 'b' });
    expect(path.attrs.fill).toBe('#0072B2');
    expect(Number(path.attrs['fill-opacity'])).toBeCloseTo(0.2);
    expect(path.attrs.d.endsWith('Z')).toBe(true);
    const pts = pathPoints(path.attrs.d);
    expect(pts).toHaveLength(8);
    const px = (v: number) => (v * plotW) / 3;
    const py = (v: number) => plotH - (v * plotH) / 6;
    const want = [...x.map((v, i) => [px(v), py(hi[i])]), ...x.map((v, i) => [px(v), py(lo[i])]).reverse()];
    pts.forEach(([a, b], i) => {
      expect(close(a, want[i][0])).toBe(true);
      expect(close(b, want[i][1])).toBe(true);
    });
  });
});

describe('BarsMark', () => {
  it('draws one rect per drawable value, from 0 up to the value, with overlay ticks at their values', () => {
    const groups = [
      { id: 'g0', label: 'a', values: [1, 2] },
      { id: 'g1', label: 'b', values: [3, NaN], color: '#D55E00' },
    ];
    const overlays = [
      { id: 'o', label: 'bound', group: 1, values: [3.5, NaN], color: '#222', shape: 'tick' as const },
    ];
    const { layout, html } = renderPlot(linearSpec([0, 2], [0, 4]), h(BarsMark, { groups, overlays }));
    const { plotH } = layout.frame;
    const rects = findAll(html, 'rect', { 'data-bar': '*' });
    expect(rects.map((r) => [r.attrs['data-group'], r.attrs['data-bar']])).toEqual([
      ['0', '0'],
      ['0', '1'],
      ['1', '0'],
    ]);
    [1, 2, 3].forEach((v, i) => {
      expect(close(Number(rects[i].attrs.height), (v / 4) * plotH)).toBe(true);
      expect(close(Number(rects[i].attrs.y) + Number(rects[i].attrs.height), plotH)).toBe(true);
    });
    // Group 1 (right half) bars start right of group 0's, and keep their own colour.
    expect(Number(rects[2].attrs.x)).toBeGreaterThan(Number(rects[1].attrs.x));
    expect(rects[2].attrs.fill).toBe('#D55E00');
    const tick = findOne(html, 'line', { 'data-overlay-id': 'o' });
    expect(close(Number(tick.attrs.y1), plotH - (3.5 / 4) * plotH)).toBe(true);
    const bar = rects[2];
    const centre = Number(bar.attrs.x) + Number(bar.attrs.width) / 2;
    expect(close((Number(tick.attrs.x1) + Number(tick.attrs.x2)) / 2, centre, 0.6)).toBe(true);
  });
});

describe('HistogramMark', () => {
  it('draws bars over the bins with heights of the counts', () => {
    const hist = binValues([0.1, 0.2, 0.3, 1.5, 1.6, 2.9, NaN], { bins: 3, domain: [0, 3] });
    const { layout, html } = renderPlot(
      linearSpec([0, 3], [0, 3]),
      h(HistogramMark, { histogram: hist, color: '#009E73' }),
    );
    const { plotW, plotH } = layout.frame;
    const bars = findAll(html, 'rect', { 'data-bin': '*' });
    expect(bars.map((b) => Number(b.attrs['data-count']))).toEqual([3, 2, 1]);
    bars.forEach((b, i) => {
      const count = [3, 2, 1][i];
      expect(close(Number(b.attrs.height), (count / 3) * plotH)).toBe(true);
      expect(close(Number(b.attrs.y), plotH - (count / 3) * plotH)).toBe(true);
      // A 1-px gap between wide bars, centred in the bin.
      expect(close(Number(b.attrs.x), (i * plotW) / 3 + 0.5)).toBe(true);
      expect(close(Number(b.attrs.width), plotW / 3 - 1)).toBe(true);
    });
  });

  it('as a density, the bars integrate to 1', () => {
    const hist = binValues([0, 0, 0, 1, 1, 2, 3, 3], { bins: 4, domain: [0, 4] });
    const { layout, html } = renderPlot(
      linearSpec([0, 4], [0, 1]),
      h(HistogramMark, { histogram: hist, color: '#000', scale: 'density' }),
    );
    const { plotW, plotH } = layout.frame;
    const area = findAll(html, 'rect', { 'data-bin': '*' }).reduce(
      (s, b) => s + ((Number(b.attrs.width) + 1) / plotW) * 4 * (Number(b.attrs.height) / plotH),
      0,
    );
    expect(area).toBeCloseTo(1, 6);
  });
});

describe('HeatmapMark and ColorBarMark', () => {
  const rows = [
    [0, 1, 2],
    [3, 4, 5],
    [6, 7, 8],
  ];
  const spec = {
    width: 400,
    height: 300,
    x: { label: 'j', domain: [0, 3] as [number, number] },
    y: { label: 'i', domain: [3, 0] as [number, number] },
  };

  it('fills a 3 × 3 matrix with 9 cells, row 0 on top, coloured by viridis', () => {
    const color = makeColorScale('sequential', [0, 8]);
    const { layout, html } = renderPlot(spec, h(HeatmapMark, { rows, color }));
    const { plotW, plotH } = layout.frame;
    const cells = findAll(html, 'rect', { 'data-row': '*' });
    expect(cells).toHaveLength(9);
    const at = (i: number, j: number) =>
      cells.find((c) => c.attrs['data-row'] === `${i}` && c.attrs['data-col'] === `${j}`)!;
    expect(at(0, 0).attrs.fill).toBe('#440154');
    expect(at(1, 1).attrs.fill).toBe('#21918c');
    expect(at(2, 2).attrs.fill).toBe('#fde725');
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const c = at(i, j).attrs;
        expect(close(Number(c.x), (j * plotW) / 3)).toBe(true);
        expect(close(Number(c.y), (i * plotH) / 3)).toBe(true);
        expect(close(Number(c.width), plotW / 3)).toBe(true);
        expect(close(Number(c.height), plotH / 3)).toBe(true);
      }
  });

  it('shows the scale as a bar right of the plot with labelled ticks at their values', () => {
    const color = makeColorScale('diverging', [-1, 1]);
    const { layout, html } = renderPlot({ ...spec, rightMargin: COLOR_BAR_MARGIN }, null, {
      front: h(ColorBarMark, { color, label: 'H' }),
    });
    const { plotW, plotH } = layout.frame;
    const bar = findAll(html, 'g', { 'data-layer': 'color-bar' });
    expect(bar).toHaveLength(1);
    const swatches = findAll(html, 'rect').filter(
      (r) => Number(r.attrs.x) === plotW + 14 && r.attrs.fill !== 'none',
    );
    expect(swatches).toHaveLength(64);
    // Top swatch is the red end, bottom the blue end, the middle white-ish.
    expect(swatches[0].attrs.fill).toBe(color(1 - 1 / 64));
    expect(swatches[63].attrs.fill).toBe(color(-1 + 1 / 64));
    expect(color(0)).toBe('#f2efee');
    const zero = findOne(html, 'g', { 'data-color-tick': '0' });
    expect(zero.attrs).toBeTruthy();
    const tickLine = findAll(html, 'line').find(
      (l) => Number(l.attrs.x1) === plotW + 26 && close(Number(l.attrs.y1), plotH / 2),
    );
    expect(tickLine).toBeTruthy();
  });
});

describe('EllipseMark', () => {
  it('draws the k-sigma circle of an isotropic covariance at radius k·σ in pixels', () => {
    const { layout, html } = renderPlot(
      linearSpec([-4, 4], [-4, 4]),
      h(EllipseMark, {
        id: 'e',
        center: [0, 0],
        cov: [
          [4, 0],
          [0, 4],
        ],
        k: 1.5,
        color: '#222',
      }),
    );
    const { plotW, plotH } = layout.frame;
    const pts = pathPoints(findOne(html, 'path', { 'data-ellipse-id': 'e' }).attrs.d);
    expect(pts).toHaveLength(64);
    const rx = (3 / 8) * plotW;
    const ry = (3 / 8) * plotH;
    for (const [x, y] of pts)
      expect(((x - plotW / 2) / rx) ** 2 + ((y - plotH / 2) / ry) ** 2).toBeCloseTo(1, 3);
    expect(close(pts[0][0], plotW / 2 + rx)).toBe(true);
  });

  it('draws nothing for a covariance that is not positive semi-definite', () => {
    const { html } = renderPlot(
      linearSpec([-4, 4], [-4, 4]),
      h(EllipseMark, {
        id: 'e',
        center: [0, 0],
        cov: [
          [1, 3],
          [3, 1],
        ],
        k: 1,
        color: '#222',
      }),
    );
    expect(findAll(html, 'path', { 'data-ellipse-id': 'e' })).toHaveLength(0);
  });
});

describe('MarkerMark', () => {
  it('draws the line at its x, labels it with the value, and is a slider when draggable', () => {
    const { layout, html } = renderPlot(linearSpec([0, 2], [0, 1]), null, {
      front: h(MarkerMark, { marker: { x: 0.5, label: 't', onChange: () => {} } }),
    });
    const { plotW, plotH } = layout.frame;
    const slider = findOne(html, 'g', { role: 'slider' });
    expect(slider.attrs['aria-valuenow']).toBe('0.5');
    expect(slider.attrs['aria-valuetext']).toBe('t = 0.500');
    const line = findOne(html, 'line', { stroke: colors.marker });
    expect(line.attrs.y2).toBe(`${plotH}`);
    expect(Number(line.attrs.x1)).toBeCloseTo(plotW / 4, 6);
  });

  it('pins a value beyond the domain to the edge, and is inert without onChange', () => {
    const { layout, html } = renderPlot(linearSpec([0, 2], [0, 1]), null, {
      front: h(MarkerMark, { marker: { x: 9 } }),
    });
    expect(findAll(html, 'g', { role: 'slider' })).toHaveLength(0);
    const g = findOne(html, 'g', { 'data-marker-x': '9' });
    expect(g.attrs['pointer-events']).toBe('none');
    expect(html).toContain(`x1="${layout.frame.plotW}"`);
  });
});

describe('TextMark', () => {
  it('places the text at its data point, flipping left near the right edge', () => {
    const { layout, html } = renderPlot(linearSpec([0, 2], [0, 2]), [
      h(TextMark, { key: 'a', id: 'mid', at: [1, 1], text: 'β*', glyph: 'star' }),
      h(TextMark, { key: 'b', id: 'edge', at: [2, 0], text: 'a long annotation' }),
    ]);
    const { plotW, plotH } = layout.frame;
    const mid = findOne(html, 'g', { 'data-text-id': 'mid' });
    expect(translation(mid.attrs.transform)).toEqual([plotW / 2, plotH / 2]);
    const texts = findAll(html, 'text').filter((t) => t.text === 'β*' || t.text === 'a long annotation');
    expect(texts.map((t) => t.attrs['text-anchor'])).toEqual(['start', 'end']);
    expect(translation(findOne(html, 'g', { 'data-text-id': 'edge' }).attrs.transform)).toEqual([
      plotW,
      plotH,
    ]);
  });
});
