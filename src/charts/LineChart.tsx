import { useStageHeight } from './stageContext';
import {
  memo,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { bandEdges, bandPieces, type BandPiece } from './band';
import { nearestIndex, toPixels, type PixelSeries } from './decimate';
import { toCsv } from './exportFigure';
import type { LegendEntry } from './Legend';
import { BandMark } from './marks/BandMark';
import { LineMark } from './marks/LineMark';
import { MarkerMark, type LineMarker } from './marks/MarkerMark';
import { Plot } from './Plot';
import type { HoverPoint } from './plotContext';
import { useLinkedMarks } from './linkedTerms';
import type { ImportedRun } from './importRun';
import {
  chartIndexInFigure,
  EMPTY_OVERLAYS,
  OverlayContext,
  type ChartOverlay,
  type SeriesSnapshot,
} from './overlayContext';
import { layoutPlot, type PlotLayout } from './plotLayout';
import { ReadoutBox, readoutSize, type ReadoutRow } from './Readout';
import { autoDomain, drawable, formatValue, safeExtent, type ScaleKind } from './scales';
import { palette, type Dash } from './theme';

export interface LineSeries {
  id: string;
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  dash?: Dash;
  width?: number;
  /**
   * A shaded band beneath the line, e.g. mean ± sd over seeds (lo = mean − sd, hi = mean + sd), one
   * value per x. On a log axis a lower edge ≤ 0 runs to the bottom of the plot.
   */
  band?: { lo: ArrayLike<number>; hi: ArrayLike<number>; opacity?: number };
  /**
   * The id of the equation term this curve draws (linkedTerms.ts): hovering the term thickens this
   * curve and dims the others; hovering the curve outlines the term.
   */
  term?: string;
}

export interface LineChartProps {
  title?: string;
  series: LineSeries[];
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  yScale?: 'linear' | 'log';
  xScale?: 'linear' | 'log';
  /** x is a count (rounds, epochs): label whole numbers only */
  xIntegerTicks?: boolean;
  xDomain?: [number, number];
  yDomain?: [number, number];
  exportName?: string;
  exportParams?: Record<string, unknown>;
  testId?: string;
  /** The figure's stable id in its experiment's definition (`figures`): on the root as `data-figure-id`. */
  figureId?: string;
  /**
   * Vertical marker line at data-space `x` (pinned to the nearest edge when outside the x domain).
   * With `onChange` it is draggable (pointer, throttled to animation frames) and keyboard-operable;
   * it is controlled: the line moves when the caller passes the new `x` back.
   */
  marker?: LineMarker;
}

type Extent = [number, number] | null;

function grow(ext: Extent, v: number): Extent {
  return ext ? [Math.min(ext[0], v), Math.max(ext[1], v)] : [v, v];
}

/** Extents over points whose x and y are both drawable on their axes (band edges included). */
function pairExtents(
  series: readonly Pick<LineSeries, 'x' | 'y' | 'band'>[],
  xKind: ScaleKind,
  yKind: ScaleKind,
) {
  let x: Extent = null;
  let y: Extent = null;
  for (const s of series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      const xv = s.x[i];
      if (!drawable(xv, xKind)) continue;
      for (const yv of s.band ? [s.y[i], s.band.lo[i], s.band.hi[i]] : [s.y[i]]) {
        if (!drawable(yv, yKind)) continue;
        x = grow(x, xv);
        y = grow(y, yv);
      }
    }
  }
  return { x, y };
}

const seriesColor = (s: LineSeries, i: number) => s.color ?? palette[i % palette.length];

const noSubscribe = () => () => {};
const NO_OVERLAY: ChartOverlay = { curves: [], groups: [] };

/** The series as a pin keeps them: plain arrays (IndexedDB stores them), each with its drawn colour. */
function snapshotSeries(series: LineSeries[]): SeriesSnapshot[] {
  return series.map((s, i) => ({
    id: s.id,
    label: s.label,
    x: Array.from(s.x),
    y: Array.from(s.y),
    color: seriesColor(s, i),
  }));
}

/**
 * The chart's overlays (pins, imports) from the app's OverlaySource, and its registration for pinning.
 * Without overlays this costs one context read and two effects; the store is read only when pins or
 * imports change, never on a frame.
 */
function useOverlays(figureId: string | undefined, series: LineSeries[]) {
  const source = useContext(OverlayContext);
  const rootRef = useRef<HTMLDivElement>(null);
  const seriesRef = useRef(series);
  const read = () => (source && figureId ? source.overlays(figureId) : EMPTY_OVERLAYS);
  // the same reader on the server (the stills and the contract test render charts to markup)
  const figure = useSyncExternalStore(source?.subscribe ?? noSubscribe, read, read);
  // The chart's place among its figure's charts decides which overlays it draws; only DOM order knows it.
  const [index, setIndex] = useState(0);
  useLayoutEffect(() => {
    if (figure.length > 0) setIndex(chartIndexInFigure(rootRef.current));
  }, [figure]);
  useEffect(() => {
    seriesRef.current = series;
  }, [series]);
  useEffect(() => {
    if (!source || !figureId) return;
    return source.register({
      figureId,
      element: () => rootRef.current,
      series: () => snapshotSeries(seriesRef.current),
    });
  }, [source, figureId]);
  const addImport = useCallback(
    (run: ImportedRun) => {
      if (source && figureId) source.addImport(figureId, chartIndexInFigure(rootRef.current), run);
    },
    [source, figureId],
  );
  const onImport = source && figureId ? addImport : undefined;
  return { overlay: figure[index] ?? NO_OVERLAY, rootRef, onImport };
}

/** A pin's curves are dimmed under the live ones; an import is a line of its own. */
const PIN_OPACITY = 0.38;
/** Imports' hues, in order of preference: strong Okabe–Ito hues first, skipping those the chart uses. */
const IMPORT_HUES = ['#D55E00', '#009E73', '#CC79A7', '#E69F00', '#7A5195', '#444444'];

/** The series as columns `<id>_x`, `<id>_y` (and `<id>_lo`, `<id>_hi` for bands). */
export function lineChartCsv(
  series: LineSeries[],
  params: Record<string, unknown>,
  marker?: LineMarker,
): string {
  const columns: Record<string, ArrayLike<number>> = {};
  for (const s of series) {
    columns[`${s.id}_x`] = s.x;
    columns[`${s.id}_y`] = s.y;
    if (s.band) {
      columns[`${s.id}_lo`] = s.band.lo;
      columns[`${s.id}_hi`] = s.band.hi;
    }
  }
  const comments = series.map((s) => `series ${s.id}: ${s.label}`);
  if (marker) comments.push(`marker: ${marker.label ?? 'marker'} at x=${marker.x}`);
  return toCsv(columns, params, comments);
}

/** Line chart for training curves and theory overlays: Plot + a BandMark and a LineMark per series. */
/**
 * Memoised on shallow props: a figure whose series the panel memoises skips frames that did not
 * change it.
 */
export const LineChart = memo(function LineChart(props: LineChartProps) {
  // The rest (title, export name and params, test id) is the frame's business.
  const { series, width, xLabel, yLabel, marker, xScale, yScale, xDomain, yDomain, ...frame } = props;
  const height = useStageHeight(props.figureId, width, props.height);
  const { xIntegerTicks = false, ...shell } = frame;
  const xKind = xScale ?? 'linear';
  const yKind = yScale ?? 'linear';
  // Primitive deps so an inline `[a, b]` literal from the caller does not defeat memoisation.
  const xd0 = xDomain?.[0];
  const xd1 = xDomain?.[1];
  const yd0 = yDomain?.[0];
  const yd1 = yDomain?.[1];
  const { overlay, rootRef, onImport } = useOverlays(frame.figureId, series);

  const geom = useMemo(() => {
    const ext = pairExtents(overlay.curves.length ? [...series, ...overlay.curves] : series, xKind, yKind);
    const layout = layoutPlot({
      width,
      height,
      x: {
        label: xLabel,
        kind: xKind,
        domain: xd0 !== undefined && xd1 !== undefined ? [xd0, xd1] : safeExtent(ext.x, xKind),
        integerTicks: xIntegerTicks,
      },
      y: {
        label: yLabel,
        kind: yKind,
        domain: (len) =>
          yd0 !== undefined && yd1 !== undefined
            ? [yd0, yd1]
            : autoDomain(ext.y, yKind, Math.max(2, len / 45)),
      },
    });
    const { x, y, frame } = layout;
    const pixels = series.map((s) => toPixels(s.x, s.y, x, y, xKind, yKind, frame.plotW));
    const bands = series.map((s) =>
      s.band ? bandPieces(s.x, s.band.lo, s.band.hi, x, y, xKind, yKind, frame.plotH + 2, frame.plotW) : null,
    );
    const extra = overlay.curves.map((c) => toPixels(c.x, c.y, x, y, xKind, yKind, frame.plotW));
    // An empty label keeps a series out of the legend (e.g. the 2σ twin of a labelled 1σ curve).
    const entries: LegendEntry[] = series
      .map((s, i): LegendEntry => ({
        id: s.id,
        label: s.label,
        color: seriesColor(s, i),
        kind: 'line',
        dash: s.dash,
        width: s.width,
        band: s.band !== undefined,
      }))
      .filter((e) => e.label);
    // An import takes a hue none of the live series uses (its own colour is only a fallback).
    const used = new Set(series.map(seriesColor));
    const free = IMPORT_HUES.filter((c) => !used.has(c));
    const groupColor = new Map<string, string>();
    let k = 0;
    for (const g of overlay.groups)
      groupColor.set(g.id, g.kind === 'import' && free.length ? free[k++ % free.length] : g.color);
    for (const g of overlay.groups)
      entries.push({
        id: `overlay-${g.id}`,
        label: g.label,
        color: groupColor.get(g.id) ?? g.color,
        kind: 'line',
        dash: g.dash,
        alpha: g.kind === 'pin' ? Math.min(1, PIN_OPACITY * 1.8) : 1,
        onRemove: g.remove,
      });
    const avoid = {
      lines: [
        ...pixels.map((p) => p.xy),
        ...bands.flatMap((b) => (b ? bandEdges(b) : [])),
        ...extra.map((p) => p.xy),
      ],
      points: [],
    };
    return { pixels, bands, extra, groupColor, plot: { layout, legend: entries, legendAvoid: avoid } };
  }, [series, overlay, width, height, xLabel, yLabel, xKind, yKind, xd0, xd1, yd0, yd1, xIntegerTicks]);

  const csv = useCallback(
    (params: Record<string, unknown>) => lineChartCsv(series, params, marker),
    [series, marker],
  );
  const { pixels, bands, extra, groupColor, plot } = geom;
  const { layout } = plot;
  const linked = useLinkedCurves(series, pixels, layout);
  const importTarget = useMemo(
    () => (onImport ? { xLabel, yLabel, onImport } : undefined),
    [onImport, xLabel, yLabel],
  );
  const overlayMarks = (kind: 'pin' | 'import') =>
    overlay.curves.map((c, i) =>
      c.kind === kind ? (
        <LineMark
          key={`overlay-${c.id}`}
          id={`${kind}:${c.id}`}
          x={c.x}
          y={c.y}
          pixels={extra[i]}
          color={kind === 'import' ? (groupColor.get(c.group) ?? c.color) : c.color}
          width={kind === 'pin' ? 1.6 : 2}
          dash={overlay.groups.find((g) => g.id === c.group)?.dash}
          opacity={kind === 'pin' ? PIN_OPACITY : undefined}
        />
      ) : null,
    );

  return (
    <Plot
      {...shell}
      {...plot}
      rootRef={rootRef}
      importRun={importTarget}
      csv={csv}
      readout={(h) => (
        <LineReadout hover={h} layout={layout} series={series} pixels={pixels} top={marker ? 30 : 8} />
      )}
      front={marker && <MarkerMark marker={marker} />}
      onHover={linked.onHover}
    >
      {overlay.curves.length > 0 && overlayMarks('pin')}
      {series.map((s, i) => {
        const b = bands[i];
        return s.band && b ? (
          <BandMark
            key={`band-${s.id}`}
            id={s.id}
            x={s.x}
            lo={s.band.lo}
            hi={s.band.hi}
            pieces={b as BandPiece[]}
            color={seriesColor(s, i)}
            opacity={s.band.opacity}
          />
        ) : null;
      })}
      {overlay.curves.length > 0 && overlayMarks('import')}
      {series.map((s, i) => (
        <LineMark
          key={s.id}
          id={s.id}
          x={s.x}
          y={s.y}
          pixels={pixels[i]}
          color={seriesColor(s, i)}
          width={s.width}
          dash={s.dash}
          {...linked.markProps(s.term, s.width ?? 1.75)}
        />
      ))}
    </Plot>
  );
});

/** Pixels within which a pointer links the nearest curve's term. */
const LINK_RADIUS = 14;

/** The term of the tagged curve nearest the pointer (vertically, at its x), within LINK_RADIUS px. */
function useLinkedCurves(series: LineSeries[], pixels: PixelSeries[], layout: PlotLayout) {
  const find = useCallback(
    (px: number, py: number) => {
      const { x, y, xKind, yKind } = layout;
      const xv = x.invert(px);
      let best: { term: string; d: number } | null = null;
      for (let i = 0; i < series.length; i++) {
        const s = series[i];
        if (s.term === undefined) continue;
        const idx = nearestIndex(s.x, Math.min(s.x.length, s.y.length), xv, pixels[i].monotone, xKind);
        const yv = idx >= 0 ? s.y[idx] : NaN;
        if (!drawable(yv, yKind)) continue;
        const d = Math.abs(y(yv) - py);
        if (d <= LINK_RADIUS && (!best || d < best.d)) best = { term: s.term, d };
      }
      return best?.term ?? null;
    },
    [series, pixels, layout],
  );
  return useLinkedMarks(
    series.map((s) => s.term),
    find,
  );
}

/** Crosshair at the pointer, a dot on each series at the nearest x, and their values in a box. */
function LineReadout(props: {
  hover: HoverPoint;
  layout: PlotLayout;
  series: LineSeries[];
  pixels: PixelSeries[];
  /** Top of the box in plot px (kept clear of a marker's label). */
  top: number;
}) {
  const { hover, layout, series, pixels, top } = props;
  const { x, y, xKind, yKind, frame, xLabel } = layout;
  const { px } = hover;
  const xv = x.invert(px);
  // A plain loop (not map) because headerX is taken from the first series that has a point.
  let headerX = NaN;
  const rows: ReadoutRow[] = [];
  const dots: { id: string; color: string; cx: number; cy: number }[] = [];
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    const idx = nearestIndex(s.x, Math.min(s.x.length, s.y.length), xv, pixels[i].monotone, xKind);
    const yv = idx >= 0 ? s.y[idx] : NaN;
    if (idx >= 0 && Number.isNaN(headerX)) headerX = s.x[idx];
    const color = seriesColor(s, i);
    const range =
      idx >= 0 && s.band ? ` [${formatValue(s.band.lo[idx])}, ${formatValue(s.band.hi[idx])}]` : '';
    rows.push({ id: s.id, label: s.label || s.id, color, value: idx >= 0 ? formatValue(yv) + range : '—' });
    const cy = y(yv);
    if (idx >= 0 && drawable(yv, yKind) && cy >= 0 && cy <= frame.plotH)
      dots.push({ id: s.id, color, cx: x(s.x[idx]), cy });
  }
  const header = `${xLabel} = ${formatValue(headerX)}`;
  const box = readoutSize(header, rows);
  // Right of the crosshair unless it overflows; then left of it, but never off the figure.
  const bx = px + 10 + box.w > frame.plotW ? Math.max(4 - frame.left, px - 10 - box.w) : px + 10;
  return (
    <g data-export="ignore" pointerEvents="none">
      <line x1={px} x2={px} y1={0} y2={frame.plotH} stroke="#888" strokeWidth={1} strokeDasharray="3 3" />
      {dots.map((d) => (
        <circle key={d.id} cx={d.cx} cy={d.cy} r={3.5} fill={d.color} stroke="#fff" strokeWidth={1.5} />
      ))}
      <ReadoutBox x={bx} y={Math.min(top, Math.max(0, frame.plotH - box.h))} header={header} rows={rows} />
    </g>
  );
}
