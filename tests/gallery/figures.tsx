/** Figures composed directly from the Plot frame and its marks (what the three ready charts do inside). */
import { useMemo, useState } from 'react';
import {
  binValues,
  colorDomain,
  ColorBarMark,
  colors,
  COLOR_BAR_MARGIN,
  HeatmapMark,
  heatmapCsv,
  histogramCsv,
  HistogramMark,
  indexTicks,
  layoutPlot,
  LineMark,
  makeColorScale,
  MarkerMark,
  Plot,
  ReadoutBox,
  TextMark,
  formatValue,
  type ColorScheme,
} from '../../src/charts';
import { cloudSamples, ROT } from './data';

/** Histogram of the chains' first coordinate against the exact stationary density. */
export function HistogramFigure({ width, height }: { width: number; height: number }) {
  const [cut, setCut] = useState(2.5);
  const fig = useMemo(() => {
    const xy = cloudSamples(3, 20_000);
    const x1 = Float64Array.from({ length: xy.length / 2 }, (_, i) => xy[2 * i]);
    const hist = binValues(x1, { bins: 40, domain: [-3, 5] });
    const sd = Math.sqrt(ROT[0][0]);
    const gx = Array.from({ length: 241 }, (_, i) => -3 + (8 * i) / 240);
    const pdf = gx.map((v) => Math.exp(-(((v - 1) / sd) ** 2) / 2) / (sd * Math.sqrt(2 * Math.PI)));
    const peak = Math.max(...hist.bins.map((b) => b.count / hist.total / (b.x1 - b.x0)), ...pdf);
    const layout = layoutPlot({
      width,
      height,
      x: { label: 'β₁ of each chain', domain: [-3, 5] },
      y: { label: 'density', domain: [0, peak * 1.1] },
    });
    return { hist, gx, pdf, layout };
  }, [width, height]);
  const { hist, gx, pdf, layout } = fig;
  const above = hist.bins.reduce((s, b) => s + (b.x0 >= cut ? b.count : 0), 0) / hist.total;
  return (
    <Plot
      layout={layout}
      title="β₁ of 20k chains: histogram and exact density"
      exportName="gallery-histogram"
      exportParams={{ chains: 20_000, bins: 40 }}
      testId="histogram"
      csv={(params) => histogramCsv(hist, params)}
      legend={[
        { id: 'h', label: 'chains (density)', color: colors.sample, kind: 'bar' },
        { id: 'pdf', label: 'exact N(β̂₁, C₁₁)', color: colors.theory, kind: 'line', width: 2 },
      ]}
      readout={(h) => {
        const v = layout.x.invert(h.px);
        const b = hist.bins.find((k) => v >= k.x0 && v < k.x1);
        return b ? (
          <ReadoutBox
            x={Math.min(h.px + 10, layout.frame.plotW - 150)}
            y={40}
            header={`β₁ ∈ [${formatValue(b.x0)}, ${formatValue(b.x1)})`}
            rows={[{ id: 'n', label: 'chains', color: colors.sample, value: String(b.count) }]}
          />
        ) : null;
      }}
      front={
        <MarkerMark marker={{ x: cut, label: 'cut', onChange: (v) => setCut(Math.round(v * 10) / 10) }} />
      }
    >
      <HistogramMark histogram={hist} color={colors.sample} scale="density" />
      <LineMark id="pdf" x={gx} y={pdf} color={colors.theory} width={2} />
      <TextMark at={[cut + 0.15, 0.2]} text={`${(100 * above).toFixed(1)}% of chains beyond`} />
    </Plot>
  );
}

/** A matrix as a heatmap with its colour bar: rows top-down, indices 1…n (size the figure for square cells). */
export function HeatmapFigure(props: {
  rows: number[][];
  scheme: ColorScheme;
  title: string;
  scaleLabel: string;
  width: number;
  height: number;
  testId: string;
}) {
  const { rows, scheme, title, scaleLabel, width, height, testId } = props;
  const n = rows.length;
  const fig = useMemo(() => {
    const color = makeColorScale(scheme, colorDomain(rows, scheme));
    const layout = layoutPlot({
      width,
      height,
      x: { label: 'j', domain: [0, n], ticks: (s) => indexTicks(n, Math.abs(s(n) - s(0))), grid: () => [] },
      y: { label: 'i', domain: [n, 0], ticks: (s) => indexTicks(n, Math.abs(s(n) - s(0))), grid: () => [] },
      rightMargin: COLOR_BAR_MARGIN,
    });
    return { color, layout };
  }, [rows, scheme, n, width, height]);
  const { color, layout } = fig;
  return (
    <Plot
      layout={layout}
      title={title}
      exportName={testId}
      exportParams={{ n, scheme }}
      testId={testId}
      csv={(params) => heatmapCsv(rows, params)}
      readout={(h) => {
        const i = Math.floor(layout.y.invert(h.py ?? NaN));
        const j = Math.floor(layout.x.invert(h.px));
        if (!(i >= 0 && i < n && j >= 0 && j < n)) return null;
        return (
          <ReadoutBox
            x={h.px + 140 > layout.frame.plotW ? h.px - 140 : h.px + 12}
            y={Math.min(h.py ?? 0, layout.frame.plotH - 40)}
            header={`entry (${i + 1}, ${j + 1})`}
            rows={[{ id: 'v', label: scaleLabel, color: color(rows[i][j]), value: formatValue(rows[i][j]) }]}
          />
        );
      }}
      front={<ColorBarMark color={color} label={scaleLabel} />}
    >
      <HeatmapMark rows={rows} color={color} />
    </Plot>
  );
}
