import { useCallback, useId, useLayoutEffect, useMemo, useRef } from 'react';
import { AxisFrame, frameFor, Grid, plotHeight, Title, xTicksFor, yTicksFor } from './Axes';
import { ChartShell } from './ChartShell';
import { drawLayers } from './drawLayers';
import { ellipseAxes, ellipseBounds, ellipsePoints } from './ellipse';
import { toCsv, type FigureSource } from './exportFigure';
import { Legend, legendSize, type LegendEntry } from './Legend';
import { pickLegendCorner } from './legendPlacement';
import { MarkerGlyph } from './markers';
import { extendExtent, formatValue, makeScale, padExtent, safeExtent } from './scales';
import { approxTextWidth, chrome, dashArray, font } from './theme';

export interface PathLayer {
  id: string;
  label: string;
  /** Interleaved x0,y0,x1,y1,… */
  xy: ArrayLike<number>;
  /** Number of points to use; default xy.length/2. */
  count?: number;
  color: string;
  kind: 'path' | 'points';
  alpha?: number;
  /** Line width (path) or square side (points), CSS px. */
  size?: number;
}

export interface EllipseOverlay {
  id: string;
  label: string;
  center: [number, number];
  cov: [[number, number], [number, number]];
  /** k-sigma contour. */
  k: number;
  color: string;
  dash?: 'solid' | 'dashed' | 'dotted';
}

export interface MarkerOverlay {
  id: string;
  label: string;
  at: [number, number];
  color: string;
  shape: 'star' | 'cross' | 'circle' | 'diamond';
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
}

const NONE: never[] = [];
const layerCount = (l: PathLayer) => Math.max(0, Math.min(l.count ?? Infinity, Math.floor(l.xy.length / 2)));
const layerAlpha = (l: PathLayer) => l.alpha ?? (l.kind === 'points' ? 0.35 : 0.9);
const layerSize = (l: PathLayer) => l.size ?? (l.kind === 'points' ? 2 : 1.25);

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

/** Grows one axis' domain (about its centre) so one data unit spans equally many pixels on both axes. */
function equalize(x: [number, number], y: [number, number], w: number, h: number) {
  const u = Math.max((x[1] - x[0]) / w, (y[1] - y[0]) / h);
  const cx = (x[0] + x[1]) / 2;
  const cy = (y[0] + y[1]) / 2;
  return {
    x: [cx - (u * w) / 2, cx + (u * w) / 2] as [number, number],
    y: [cy - (u * h) / 2, cy + (u * h) / 2] as [number, number],
  };
}

/** Dense 2-D data: canvas for points/paths between an SVG grid below and SVG overlays above. */
export function TrajectoryChart(props: TrajectoryChartProps) {
  const { title, layers, width, height, xLabel, yLabel, equalAspect, exportName, exportParams, testId } =
    props;
  const ellipses = props.ellipses ?? NONE;
  const markers = props.markers ?? NONE;
  const dx0 = props.domain?.x[0];
  const dx1 = props.domain?.x[1];
  const dy0 = props.domain?.y[0];
  const dy1 = props.domain?.y[1];
  const gridRef = useRef<SVGSVGElement>(null);
  const overlayRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const clipId = `tc-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  const geom = useMemo(() => {
    const given =
      dx0 !== undefined && dx1 !== undefined && dy0 !== undefined && dy1 !== undefined
        ? { x: safeExtent([dx0, dx1], 'linear'), y: safeExtent([dy0, dy1], 'linear') }
        : fitDomain(layers, ellipses, markers);
    const plotH = plotHeight(height);
    // Two passes: the y labels set the left margin, which sets plot width, which (equal aspect) sets y.
    let dom = given;
    let y = makeScale('linear', dom.y, [plotH, 0]);
    let frame = frameFor(width, height, yTicksFor(y, 'linear', plotH));
    if (equalAspect) {
      dom = equalize(given.x, given.y, frame.plotW, plotH);
      y = makeScale('linear', dom.y, [plotH, 0]);
      frame = frameFor(width, height, yTicksFor(y, 'linear', plotH));
      dom = equalize(given.x, given.y, frame.plotW, plotH);
      y = makeScale('linear', dom.y, [plotH, 0]);
    }
    const yTicks = yTicksFor(y, 'linear', plotH);
    const x = makeScale('linear', dom.x, [0, frame.plotW]);
    const xTicks = xTicksFor(x, 'linear', frame.plotW);

    const ellipsePaths = ellipses.map((e) => {
      const pts = ellipsePoints(e.center, e.cov, e.k, 128);
      const px = pts.map(([a, b]) => [x(a), y(b)] as [number, number]);
      const ok = px.every(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
      return ok && px.length
        ? { d: `M${px.map(([a, b]) => `${a.toFixed(2)},${b.toFixed(2)}`).join('L')}Z`, px }
        : null;
    });

    const entries: LegendEntry[] = [
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
        label: ellipsePaths[i] ? e.label : '',
        color: e.color,
        kind: 'line',
        dash: e.dash,
        width: 1.75,
      })),
    ].filter((e) => e.label);
    const size = legendSize(entries);
    // Sampled obstacles: a few thousand points per layer are plenty to judge a legend corner.
    const sampled = layers.map((l) => {
      const n = layerCount(l);
      const stride = Math.max(1, Math.ceil(n / 3000));
      const out: number[] = [];
      for (let i = 0; i < n; i += stride) out.push(x(l.xy[2 * i]), y(l.xy[2 * i + 1]));
      return out;
    });
    const corner = pickLegendCorner(frame.plotW, frame.plotH, size.w, size.h, {
      lines: [
        ...sampled.filter((_, i) => layers[i].kind === 'path'),
        ...ellipsePaths.flatMap((p) => (p ? [p.px.flat()] : [])),
      ],
      points: sampled.filter((_, i) => layers[i].kind === 'points'),
      important: markers.map((m) => [x(m.at[0]), y(m.at[1])]),
    });
    return { x, y, xTicks, yTicks, frame, ellipsePaths, entries, corner };
  }, [layers, ellipses, markers, width, height, equalAspect, dx0, dx1, dy0, dy1]);

  const { x, y, xTicks, yTicks, frame, ellipsePaths, entries, corner } = geom;

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ax = x(0);
    const ay = y(0);
    drawLayers(
      canvas,
      frame.plotW,
      frame.plotH,
      window.devicePixelRatio || 1,
      { ax, bx: x(1) - ax, ay, by: y(1) - ay },
      layers.map((l) => ({
        xy: l.xy,
        count: layerCount(l),
        color: l.color,
        kind: l.kind,
        alpha: layerAlpha(l),
        size: layerSize(l),
      })),
    );
  }, [layers, x, y, frame]);

  const getFigure = useCallback((): FigureSource | null => {
    const grid = gridRef.current;
    const overlay = overlayRef.current;
    const canvas = canvasRef.current;
    if (!grid || !overlay || !canvas) return null;
    const params = exportParams ?? {};
    return {
      width,
      height,
      layers: [
        { kind: 'svg', element: grid },
        {
          kind: 'canvas',
          element: canvas,
          x: frame.left,
          y: frame.top,
          width: frame.plotW,
          height: frame.plotH,
        },
        { kind: 'svg', element: overlay },
      ],
      params,
      csv: () => trajectoryCsv(layers, ellipses, markers, params),
    };
  }, [width, height, frame, layers, ellipses, markers, exportParams]);

  const abs = { position: 'absolute', left: 0, top: 0, display: 'block' } as const;
  return (
    <ChartShell
      width={width}
      height={height}
      title={title}
      exportName={exportName}
      testId={testId}
      getFigure={getFigure}
    >
      <svg ref={gridRef} width={width} height={height} style={abs}>
        <rect width={width} height={height} fill={chrome.background} />
        <g transform={`translate(${frame.left},${frame.top})`}>
          <Grid xTicks={xTicks} yTicks={yTicks} x={x} y={y} plotW={frame.plotW} plotH={frame.plotH} />
        </g>
      </svg>
      <canvas
        ref={canvasRef}
        style={{ ...abs, left: frame.left, top: frame.top, width: frame.plotW, height: frame.plotH }}
      />
      <svg ref={overlayRef} width={width} height={height} style={{ ...abs, pointerEvents: 'none' }}>
        <Title title={title} width={width} />
        <defs>
          <clipPath id={clipId}>
            <rect x={0} y={0} width={frame.plotW} height={frame.plotH} />
          </clipPath>
        </defs>
        <g transform={`translate(${frame.left},${frame.top})`}>
          <g clipPath={`url(#${clipId})`}>
            {ellipses.map((e, i) => {
              const p = ellipsePaths[i];
              return p ? (
                <path
                  key={e.id}
                  data-ellipse-id={e.id}
                  d={p.d}
                  fill="none"
                  stroke={e.color}
                  strokeWidth={1.75}
                  strokeDasharray={dashArray(e.dash, 1.75)}
                />
              ) : null;
            })}
            {markers.map((m) => (
              <Marker key={m.id} marker={m} px={x(m.at[0])} py={y(m.at[1])} plotW={frame.plotW} />
            ))}
          </g>
          <AxisFrame
            xTicks={xTicks}
            yTicks={yTicks}
            x={x}
            y={y}
            frame={frame}
            xLabel={xLabel}
            yLabel={yLabel}
          />
          <Legend entries={entries} corner={corner} plotW={frame.plotW} plotH={frame.plotH} />
        </g>
      </svg>
    </ChartShell>
  );
}

function Marker({ marker, px, py, plotW }: { marker: MarkerOverlay; px: number; py: number; plotW: number }) {
  if (!Number.isFinite(px) || !Number.isFinite(py)) return null;
  const labelW = approxTextWidth(marker.label, font.legend + 1);
  const left = px + 12 + labelW > plotW;
  return (
    <g transform={`translate(${px},${py})`} data-marker-id={marker.id}>
      <MarkerGlyph shape={marker.shape} color={marker.color} />
      {marker.label && (
        <text
          x={left ? -11 : 11}
          y={-7}
          textAnchor={left ? 'end' : 'start'}
          fontFamily={font.family}
          fontSize={font.legend + 1}
          fontWeight={600}
          fill={marker.color}
          stroke="#fff"
          strokeWidth={3}
          strokeLinejoin="round"
          paintOrder="stroke"
        >
          {marker.label}
        </text>
      )}
    </g>
  );
}

/** Layers as x/y column pairs; overlays as comment lines so the CSV fully describes the figure. */
export function trajectoryCsv(
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
