/** The three ready-made charts as Plot compositions: same DOM hooks as before, plus the band API. */
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart } from './BarChart';
import { LineChart, lineChartCsv, type LineSeries } from './LineChart';
import { layoutPlot } from './plotLayout';
import { TrajectoryChart } from './TrajectoryChart';
import { findAll, findOne, pathPoints } from './testing/svgQuery';

const base = { width: 480, height: 320, xLabel: 'round', yLabel: 'accuracy' };

describe('LineChart', () => {
  const mean = [0.5, 0.6, 0.7];
  const sd = [0.1, 0.05, 0.02];
  const withBand: LineSeries = {
    id: 'acc',
    label: 'test accuracy',
    x: [0, 1, 2],
    y: mean,
    color: '#D55E00',
    band: { lo: mean.map((m, i) => m - sd[i]), hi: mean.map((m, i) => m + sd[i]) },
  };

  it('draws a band beneath its line, in its colour, and fits the y domain around the band', () => {
    const html = renderToStaticMarkup(h(LineChart, { ...base, series: [withBand], yDomain: [0.3, 0.8] }));
    const band = findOne(html, 'path', { 'data-band-id': 'acc' });
    const line = findOne(html, 'path', { 'data-series-id': 'acc' });
    expect(band.attrs.fill).toBe('#D55E00');
    expect(html.indexOf('data-band-id')).toBeLessThan(html.indexOf('data-series-id'));
    const b = pathPoints(band.attrs.d);
    const l = pathPoints(line.attrs.d);
    expect(b).toHaveLength(6);
    // The line's points lie between the band's upper (first 3) and lower (last 3, reversed) edges.
    l.forEach(([x, y], i) => {
      expect(b[i][0]).toBeCloseTo(x, 0);
      expect(b[i][1]).toBeLessThan(y);
      expect(b[5 - i][1]).toBeGreaterThan(y);
    });
    // The legend row has a band swatch behind its line.
    expect(findAll(html, 'rect', { 'fill-opacity': '0.2', fill: '#D55E00' })).toHaveLength(1);
  });

  it('keeps the old API: two dotted series, no band, unlabelled series out of the legend', () => {
    const series: LineSeries[] = [
      { id: 'm', label: 'mean', x: [0, 1, 2], y: mean },
      { id: 'hi', label: '± 1 sd', x: [0, 1, 2], y: mean.map((m, i) => m + sd[i]), dash: 'dotted' },
      { id: 'lo', label: '', x: [0, 1, 2], y: mean.map((m, i) => m - sd[i]), dash: 'dotted' },
    ];
    const html = renderToStaticMarkup(h(LineChart, { ...base, series, testId: 'old' }));
    expect(findAll(html, 'path', { 'data-series-id': '*' })).toHaveLength(3);
    expect(findAll(html, 'path', { 'data-band-id': '*' })).toHaveLength(0);
    expect(findOne(html, 'path', { 'data-series-id': 'lo' }).attrs['stroke-dasharray']).toBeTruthy();
    const legendTexts = findAll(html, 'text', { 'font-size': '11' }).map((t) => t.text);
    expect(legendTexts).toEqual(['mean', '± 1 sd']);
  });

  it('exports bands as lo/hi columns', () => {
    const csv = lineChartCsv([withBand], { seeds: 3 }, { x: 1, label: 't' });
    expect(csv.split('\n').slice(0, 5)).toEqual([
      '# seeds: 3',
      '# series acc: test accuracy',
      '# marker: t at x=1',
      'acc_x,acc_y,acc_lo,acc_hi',
      '0,0.5,0.4,0.6',
    ]);
  });

  it('labels whole rounds only with xIntegerTicks', () => {
    const html = renderToStaticMarkup(
      h(LineChart, {
        ...base,
        width: 900,
        series: [{ id: 's', label: '', x: [0, 1, 2], y: [1, 2, 3] }],
        xIntegerTicks: true,
      }),
    );
    const xLabels = findAll(html, 'text', { 'text-anchor': 'middle', 'font-size': '12' }).map((t) => t.text);
    expect(xLabels).toEqual(['0', '1', '2']);
  });
});

describe('BarChart', () => {
  it('renders rect[data-bar] per drawable value and one legend row for repeated overlay labels', () => {
    const groups = [0, 1, 2].map((t) => ({
      id: `t${t}`,
      label: `t = ${t}`,
      values: [1, 0.5, 0.25].map((v) => v / (t + 1)),
    }));
    const overlays = groups.map((g, t) => ({
      id: `b${t}`,
      label: 'bound',
      group: t,
      values: Array.from(g.values, (v) => 1.5 * v),
      color: '#222222',
      shape: 'tick' as const,
    }));
    const html = renderToStaticMarkup(
      h(BarChart, { ...base, groups, overlays, yScale: 'log', testId: 'bars-chart' }),
    );
    expect(findAll(html, 'rect', { 'data-bar': '*' })).toHaveLength(9);
    expect(findAll(html, 'line', { 'data-overlay-id': '*' })).toHaveLength(9);
    expect(findAll(html, 'text').filter((t) => t.text === 'bound')).toHaveLength(1);
    expect(findAll(html, 'text', { 'text-anchor': 'middle', 'font-size': '12' }).map((t) => t.text)).toEqual([
      't = 0',
      't = 1',
      't = 2',
    ]);
  });
});

describe('TrajectoryChart', () => {
  it('puts the layers on one canvas and ellipses and labelled glyphs in SVG above it', () => {
    const html = renderToStaticMarkup(
      h(TrajectoryChart, {
        ...base,
        layers: [{ id: 'p', label: 'path', xy: [0, 0, 1, 1, 2, 0], color: '#0072B2', kind: 'path' }],
        ellipses: [
          {
            id: 'e1',
            label: '1σ',
            center: [1, 0.5],
            cov: [
              [0.1, 0],
              [0, 0.1],
            ],
            k: 1,
            color: '#222',
          },
        ],
        markers: [{ id: 'opt', label: 'β̂', at: [1, 0.5], color: '#B4488C', shape: 'star' }],
        equalAspect: true,
      }),
    );
    expect(findAll(html, 'canvas')).toHaveLength(1);
    expect(findAll(html, 'path', { 'data-ellipse-id': 'e1' })).toHaveLength(1);
    expect(findAll(html, 'text').some((t) => t.text === 'β̂')).toBe(true);
    expect(html.indexOf('<canvas')).toBeLessThan(html.indexOf('data-ellipse-id'));
  });
});

describe('layoutPlot', () => {
  it('with equal aspect, one data unit spans as many px on x as on y, also on a top-down y axis', () => {
    for (const yDom of [[0, 1] as [number, number], [1, 0] as [number, number]]) {
      const l = layoutPlot({
        width: 500,
        height: 300,
        x: { label: 'x', domain: [0, 1] },
        y: { label: 'y', domain: yDom },
        equalAspect: true,
      });
      const ux = Math.abs(l.x(1) - l.x(0));
      const uy = Math.abs(l.y(1) - l.y(0));
      expect(ux).toBeCloseTo(uy, 9);
      // Top-down stays top-down.
      expect(l.y(yDom[1]) < l.y(yDom[0])).toBe(true);
    }
  });

  it('keeps the right margin free for a colour bar', () => {
    const spec = {
      width: 500,
      height: 300,
      x: { label: 'x', domain: [0, 1] as [number, number] },
      y: { label: 'y', domain: [0, 1] as [number, number] },
    };
    expect(layoutPlot(spec).frame.plotW - layoutPlot({ ...spec, rightMargin: 64 }).frame.plotW).toBe(64);
  });
});
