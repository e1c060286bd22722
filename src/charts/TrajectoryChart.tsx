import { memo, useCallback, useDeferredValue, useMemo } from 'react';
import { cachedEllipsePixels, ellipseAxes, ellipseBounds } from './ellipse';
import { toCsv } from './exportFigure';
import type { LegendEntry } from './Legend';
import { CanvasPointsMark, layerAlpha, layerCount, type CanvasLayerSpec } from './marks/CanvasPointsMark';
import { EllipseMark } from './marks/EllipseMark';
import { TextMark } from './marks/TextMark';
import type { MarkerShape } from './markers';
import { Plot } from './Plot';
import { layoutPlot, type PlotLayout } from './plotLayout';
import { extendExtent, formatValue, padExtent, safeExtent } from './scales';
import { approxTextWidth, font, type Dash } from './theme';
import { placeLabels } from './labelPlacement';
import { usePlot } from './plotContext';
import { useLinkedMarks } from './linkedTerms';
import { useStageHeight } from './stageContext';

export interface PathLayer extends CanvasLayerSpec {
  id: string;
  label: string;
}

export interface EllipseOverlay {
  id: string;
  label: string;
  center: [number, number];
  cov: [[number, number], [number, number]];
  /** k-sigma contour. */
  k: number;
  color: string;
  dash?: Dash;
  /** the id of the equation term this ellipse draws (linkedTerms.ts), as for a line series */
  term?: string;
}

export interface MarkerOverlay {
  id: string;
  label: string;
  at: [number, number];
  color: string;
  shape: MarkerShape;
}

export interface TrajectoryChartProps {
  title?: string;
  layers: PathLayer[];
  ellipses?: EllipseOverlay[];
  markers?: MarkerOverlay[];
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  /** If absent: fit all layers, ellipses and markers with 5% padding. */
  domain?: { x: [number, number]; y: [number, number] };
  equalAspect?: boolean;
  exportName?: string;
  exportParams?: Record<string, unknown>;
  testId?: string;
  /** The figure's stable id in its experiment's definition (`figures`): on the root as `data-figure-id`. */
  figureId?: string;
}

const NONE: never[] = [];

function fitDomain(layers: PathLayer[], ellipses: EllipseOverlay[], markers: MarkerOverlay[]) {
  let x: [number, number] | null = null;
  let y: [number, number] | null = null;
  for (const l of layers) {
    const n = layerCount(l);
    x = extendExtent(x, l.xy, 'linear', n, 2, 0);
    y = extendExtent(y, l.xy, 'linear', n, 2, 1);
  }
  for (const e of ellipses) {
    const b = ellipseBounds(e.center, e.cov, e.k);
    if (!b) continue;
    x = extendExtent(x, b.x, 'linear');
    y = extendExtent(y, b.y, 'linear');
  }
  for (const m of markers) {
    x = extendExtent(x, [m.at[0]], 'linear');
    y = extendExtent(y, [m.at[1]], 'linear');
  }
  return {
    x: padExtent(safeExtent(x, 'linear'), 'linear', 0.05),
    y: padExtent(safeExtent(y, 'linear'), 'linear', 0.05),
  };
}

/** The ellipse's bounding box in px, on a 16 px grid (a key: changes only when it moves visibly). */
function ellipseBox(e: EllipseOverlay, layout: PlotLayout): string {
  const b = ellipseBounds(e.center, e.cov, e.k);
  if (!b) return 'none';
  const q = (v: number) => (Number.isFinite(v) ? Math.round(v / 16) : String(v));
  return [layout.x(b.x[0]), layout.x(b.x[1]), layout.y(b.y[0]), layout.y(b.y[1])].map(q).join();
}

interface LegendGeometry {
  legend: LegendEntry[];
  legendAvoid: { lines: number[][]; points: number[][]; important: [number, number][] };
}

/** Legend entries and the pixels a legend should not cover (sampled: a few thousand per layer). */
function legendGeometry(
  layers: PathLayer[],
  ellipses: EllipseOverlay[],
  markers: MarkerOverlay[],
  layout: PlotLayout,
): LegendGeometry {
  const { x, y } = layout;
  const ellipsePx = ellipses.map((e) => cachedEllipsePixels(e.center, e.cov, e.k, x, y));
  const legend: LegendEntry[] = [
    ...layers.map((l): LegendEntry => ({
      id: `l-${l.id}`,
      label: l.label,
      color: l.color,
      kind: l.kind === 'points' ? 'point' : 'line',
      width: 2,
      alpha: Math.max(layerAlpha(l), 0.7),
    })),
    ...ellipses.map((e, i): LegendEntry => ({
      id: `e-${e.id}`,
      label: ellipsePx[i] ? e.label : '',
      color: e.color,
      kind: 'line',
      dash: e.dash,
      width: 1.75,
    })),
  ].filter((e) => e.label);
  // The scales are linear (fitDomain): one multiply-add per value, as the canvas mark draws them,
  // instead of a d3 scale call each (most of this function while a run's paths grow)
  const [ax, ay] = [x(0), y(0)];
  const [bx, by] = [x(1) - ax, y(1) - ay];
  const sampled = layers.map((l) => {
    const n = layerCount(l);
    const stride = Math.max(1, Math.ceil(n / 3000));
    const out: number[] = [];
    for (let i = 0; i < n; i += stride) out.push(ax + bx * l.xy[2 * i], ay + by * l.xy[2 * i + 1]);
    return out;
  });
  return {
    legend,
    legendAvoid: {
      lines: [
        ...sampled.filter((_, i) => layers[i].kind === 'path'),
        ...ellipsePx.flatMap((p) => (p ? [p.px.flat()] : [])),
      ],
      points: sampled.filter((_, i) => layers[i].kind === 'points'),
      important: markers.map((m): [number, number] => [x(m.at[0]), y(m.at[1])]),
    },
  };
}

/** Dense 2-D data: Plot with a CanvasPointsMark for points/paths, EllipseMarks and glyph TextMarks over it. */
/**
 * Memoised on shallow props: a figure whose series the panel memoises skips frames that did not
 * change it.
 */
export const TrajectoryChart = memo(function TrajectoryChart(props: TrajectoryChartProps) {
  // The rest (title, export name and params, test id) is the frame's business.
  const { layers, width, xLabel, yLabel, equalAspect, domain, ellipses: el, markers: mk, ...shell } = props;
  const height = useStageHeight(props.figureId, width, props.height);
  const ellipses = el ?? NONE;
  const markers = mk ?? NONE;
  const dx0 = domain?.x[0];
  const dx1 = domain?.x[1];
  const dy0 = domain?.y[0];
  const dy1 = domain?.y[1];

  const given =
    dx0 !== undefined && dx1 !== undefined && dy0 !== undefined && dy1 !== undefined
      ? { x: safeExtent([dx0, dx1], 'linear'), y: safeExtent([dy0, dy1], 'linear') }
      : fitDomain(layers, ellipses, markers);
  const [gx0, gx1] = given.x;
  const [gy0, gy1] = given.y;
  // The layout (scales, ticks) changes only with the domain and the size, not with every frame.
  const layout = useMemo(
    () =>
      layoutPlot({
        width,
        height,
        x: { label: xLabel, domain: [gx0, gx1] },
        y: { label: yLabel, domain: [gy0, gy1] },
        equalAspect,
      }),
    [width, height, xLabel, yLabel, gx0, gx1, gy0, gy1, equalAspect],
  );

  // The legend's corner is judged against the data; the data grows every frame but the verdict
  // does not change between frames, so it is recomputed only when the picture changes materially
  // (the layout, an ellipse, a label's length, or a layer's point count doubling). A label's text can
  // change every frame (a chain step count) and only its length moves the legend: the entries take the
  // current text below.
  const labelSize = (label: string) => Math.ceil(label.length / 4);
  const legendKey = [
    ...layers.map((l) => `${l.id}:${labelSize(l.label)}:${Math.floor(Math.log2(layerCount(l) + 1))}`),
    // Its box on a 16 px grid: an empirical ellipse moves every frame (two significant digits of its
    // covariance still changed most frames, and the legend was judged again at ~60 Hz), but not enough
    // to move the legend.
    ...ellipses.map((e) => `${e.id}:${labelSize(e.label)}:${ellipseBox(e, layout)}`),
    ...markers.map((m) => `${m.id}:${m.at.join()}`),
  ].join('|');
  // Deferred: a slider's own frame keeps the legend it had (its corner and entries), and the corner is
  // judged again in the render right after (~1.5 ms for a 4-panel grid, off the input's path).
  const legendKeyLater = useDeferredValue(legendKey);
  const layoutLater = useDeferredValue(layout);
  const legendGeom = useMemo(
    () => legendGeometry(layers, ellipses, markers, layoutLater),
    // Keyed on legendKey on purpose: the arrays are new every frame, their verdict is not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [legendKeyLater, layoutLater],
  );
  // The current texts; a new entries array only when one changed (the Legend re-renders on it).
  const labelsKey = JSON.stringify([
    ...layers.map((l) => [`l-${l.id}`, l.label]),
    ...ellipses.map((e) => [`e-${e.id}`, e.label]),
  ]);
  const legend = useMemo(() => {
    const labels = new Map(JSON.parse(labelsKey) as [string, string][]);
    return legendGeom.legend.map((e) => ({ ...e, label: labels.get(e.id) ?? e.label }));
  }, [legendGeom, labelsKey]);
  const geom = { layout, legendAvoid: legendGeom.legendAvoid, legend };

  const csv = useCallback(
    (params: Record<string, unknown>) => trajectoryCsv(layers, ellipses, markers, params),
    [layers, ellipses, markers],
  );
  const linked = useLinkedEllipses(ellipses, layout);
  return (
    <Plot
      {...shell}
      {...geom}
      csv={csv}
      canvas={<CanvasPointsMark layers={layers} />}
      onHover={linked.onHover}
    >
      {ellipses.map((e) => (
        <EllipseMark
          key={e.id}
          id={e.id}
          center={e.center}
          cov={e.cov}
          k={e.k}
          color={e.color}
          dash={e.dash}
          {...linked.markProps(e.term, 1.75)}
        />
      ))}
      <MarkerTexts markers={markers} />
    </Plot>
  );
});

/** Pixels within which a pointer links the nearest ellipse's term. */
const LINK_RADIUS = 10;

/**
 * The term of the tagged ellipse whose contour passes nearest the pointer, within LINK_RADIUS px: along
 * the ray from the centre through the pointer p, the contour point is c + (p − c)·k/m, m the Mahalanobis
 * length of p − c.
 */
function useLinkedEllipses(ellipses: EllipseOverlay[], layout: PlotLayout) {
  const find = useCallback(
    (hx: number, hy: number) => {
      const { x, y } = layout;
      const px = x.invert(hx);
      const py = y.invert(hy);
      let best: { term: string; d: number } | null = null;
      for (const e of ellipses) {
        if (e.term === undefined) continue;
        const [[a, b], [, d]] = e.cov;
        const det = a * d - b * b;
        if (!(det > 0)) continue;
        const dx = px - e.center[0];
        const dy = py - e.center[1];
        const m = Math.sqrt((d * dx * dx - 2 * b * dx * dy + a * dy * dy) / det);
        if (!(m > 0)) continue;
        const dist = Math.hypot(x(e.center[0] + (dx * e.k) / m) - hx, y(e.center[1] + (dy * e.k) / m) - hy);
        if (dist <= LINK_RADIUS && (!best || dist < best.d)) best = { term: e.term, d: dist };
      }
      return best?.term ?? null;
    },
    [ellipses, layout],
  );
  return useLinkedMarks(
    ellipses.map((e) => e.term),
    find,
  );
}

/** The markers with their labels placed clear of each other (β̂ and β* can be a few pixels apart). */
function MarkerTexts({ markers }: { markers: MarkerOverlay[] }) {
  const { layout } = usePlot();
  const corners = placeLabels(
    markers.map((m) => ({
      x: layout.x(m.at[0]),
      y: layout.y(m.at[1]),
      w: approxTextWidth(m.label, font.legend + 1),
      h: font.legend + 2,
    })),
    layout.frame.plotW,
  );
  return markers.map((m, i) => (
    <TextMark
      key={m.id}
      id={m.id}
      at={m.at}
      text={m.label}
      color={m.color}
      glyph={m.shape}
      corner={corners[i]}
    />
  ));
}

/** Layers as x/y column pairs; overlays as comment lines so the CSV fully describes the figure. */
function trajectoryCsv(
  layers: PathLayer[],
  ellipses: EllipseOverlay[],
  markers: MarkerOverlay[],
  params: Record<string, unknown>,
): string {
  const columns: Record<string, ArrayLike<number>> = {};
  const comments: string[] = [];
  for (const l of layers) {
    const n = layerCount(l);
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = l.xy[2 * i];
      ys[i] = l.xy[2 * i + 1];
    }
    columns[`${l.id}_x`] = xs;
    columns[`${l.id}_y`] = ys;
    comments.push(`layer ${l.id}: ${l.label} (${l.kind}, ${n} points)`);
  }
  for (const e of ellipses) {
    const ax = ellipseAxes(e.cov);
    const axText = ax
      ? `semi-axes at 1σ ${formatValue(ax.major)}, ${formatValue(ax.minor)}; angle ${formatValue((ax.angle * 180) / Math.PI)}°`
      : 'invalid covariance (not drawn)';
    comments.push(
      `ellipse ${e.id}: ${e.label}; center=${JSON.stringify(e.center)}; cov=${JSON.stringify(e.cov)}; k=${e.k}; ${axText}`,
    );
  }
  for (const m of markers)
    comments.push(`marker ${m.id}: ${m.label}; at=${JSON.stringify(m.at)}; shape=${m.shape}`);
  return toCsv(columns, params, comments);
}
