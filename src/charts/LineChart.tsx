import { useCallback, useId, useMemo, useRef, useState, type PointerEvent } from 'react';
import { AxisFrame, fitRight, frameFor, Grid, plotHeight, Title, xTicksFor, yTicksFor } from './Axes';
import { ChartShell } from './ChartShell';
import { nearestIndex, pixelPath, toPixels } from './decimate';
import { toCsv, type FigureSource } from './exportFigure';
import { Legend, legendSize, type LegendEntry } from './Legend';
import { cornerRect, pickLegendCorner } from './legendPlacement';
import { VerticalMarker, type LineMarker } from './VerticalMarker';
import {
  autoDomain,
  drawable,
  formatValue,
  makeScale,
  safeExtent,
  type Scale1D,
  type ScaleKind,
} from './scales';
import { approxTextWidth, chrome, dashArray, font, palette } from './theme';

export interface LineSeries {
  id: string;
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  dash?: 'solid' | 'dashed' | 'dotted';
  width?: number;
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
  /**
   * Vertical marker line at data-space `x` (pinned to the nearest edge when outside the x domain).
   * With `onChange` it is draggable (pointer, throttled to animation frames) and keyboard-operable;
   * it is controlled: the line moves when the caller passes the new `x` back.
   */
  marker?: LineMarker;
}

/** Extents over points whose x and y are both drawable on their axes. */
function pairExtents(series: LineSeries[], xKind: ScaleKind, yKind: ScaleKind) {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const s of series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      const xv = s.x[i];
      const yv = s.y[i];
      if (!drawable(xv, xKind) || !drawable(yv, yKind)) continue;
      if (xv < x0) x0 = xv;
      if (xv > x1) x1 = xv;
      if (yv < y0) y0 = yv;
      if (yv > y1) y1 = yv;
    }
  }
  return {
    x: x0 <= x1 ? ([x0, x1] as [number, number]) : null,
    y: y0 <= y1 ? ([y0, y1] as [number, number]) : null,
  };
}

const seriesColor = (s: LineSeries, i: number) => s.color ?? palette[i % palette.length];

/** Line chart for training curves and theory overlays; SVG, decimated for dense series. */
export function LineChart(props: LineChartProps) {
  const { title, series, width, height, xLabel, yLabel, exportName, exportParams, testId, marker } = props;
  const xKind = props.xScale ?? 'linear';
  const yKind = props.yScale ?? 'linear';
  const xIntegerTicks = props.xIntegerTicks ?? false;
  // Primitive deps so an inline `[a, b]` literal from the caller does not defeat memoisation.
  const xd0 = props.xDomain?.[0];
  const xd1 = props.xDomain?.[1];
  const yd0 = props.yDomain?.[0];
  const yd1 = props.yDomain?.[1];
  const svgRef = useRef<SVGSVGElement>(null);
  const clipId = `lc-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [hoverPx, setHoverPx] = useState<number | null>(null);

  const geom = useMemo(() => {
    const ext = pairExtents(series, xKind, yKind);
    const plotH = plotHeight(height);
    const yDom: [number, number] =
      yd0 !== undefined && yd1 !== undefined ? [yd0, yd1] : autoDomain(ext.y, yKind, Math.max(2, plotH / 45));
    const y = makeScale(yKind, yDom, [plotH, 0]);
    const yTicks = yTicksFor(y, yKind, plotH);
    const xDom: [number, number] =
      xd0 !== undefined && xd1 !== undefined ? [xd0, xd1] : safeExtent(ext.x, xKind);
    let frame = frameFor(width, height, yTicks);
    let x = makeScale(xKind, xDom, [0, frame.plotW]);
    // Counts get whole-number ticks only: "round 0.5" means nothing.
    const integral = (ticks: ReturnType<typeof xTicksFor>) =>
      xIntegerTicks ? ticks.filter((t) => Number.isInteger(t.value)) : ticks;
    let xTicks = integral(xTicksFor(x, xKind, frame.plotW));
    const fitted = fitRight(frame, x, xTicks);
    if (fitted !== frame) {
      frame = fitted;
      x = makeScale(xKind, xDom, [0, frame.plotW]);
      xTicks = integral(xTicksFor(x, xKind, frame.plotW));
    }
    const pixels = series.map((s) => toPixels(s.x, s.y, x, y, xKind, yKind, frame.plotW));
    const paths = pixels.map(pixelPath);
    // An empty label keeps a series out of the legend (e.g. the 2σ twin of a labelled 1σ curve).
    const entries: LegendEntry[] = series
      .map((s, i): LegendEntry => ({
        id: s.id,
        label: s.label,
        color: seriesColor(s, i),
        kind: 'line',
        dash: s.dash,
        width: s.width,
      }))
      .filter((e) => e.label);
    const size = legendSize(entries);
    const corner = pickLegendCorner(frame.plotW, frame.plotH, size.w, size.h, {
      lines: pixels.map((p) => p.xy),
      points: [],
    });
    const legendRect = entries.length ? cornerRect(corner, frame.plotW, frame.plotH, size.w, size.h) : null;
    return { x, y, xTicks, yTicks, frame, pixels, paths, entries, corner, legendRect };
  }, [series, width, height, xKind, yKind, xd0, xd1, yd0, yd1, xIntegerTicks]);

  const getFigure = useCallback((): FigureSource | null => {
    const svg = svgRef.current;
    if (!svg) return null;
    const params = exportParams ?? {};
    return {
      width,
      height,
      layers: [{ kind: 'svg', element: svg }],
      params,
      csv: () => {
        const columns: Record<string, ArrayLike<number>> = {};
        for (const s of series) {
          columns[`${s.id}_x`] = s.x;
          columns[`${s.id}_y`] = s.y;
        }
        const comments = series.map((s) => `series ${s.id}: ${s.label}`);
        if (marker) comments.push(`marker: ${marker.label ?? 'marker'} at x=${marker.x}`);
        return toCsv(columns, params, comments);
      },
    };
  }, [series, width, height, exportParams, marker]);

  const { x, y, xTicks, yTicks, frame, paths, pixels, entries, corner, legendRect } = geom;
  const onMove = (e: PointerEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setHoverPx(Math.min(Math.max(e.clientX - r.left, 0), frame.plotW));
  };

  return (
    <ChartShell
      width={width}
      height={height}
      title={title}
      exportName={exportName}
      testId={testId}
      getFigure={getFigure}
    >
      <svg ref={svgRef} width={width} height={height} style={{ display: 'block' }}>
        <rect width={width} height={height} fill={chrome.background} />
        <Title title={title} width={width} />
        <defs>
          <clipPath id={clipId}>
            <rect x={-1} y={-2} width={frame.plotW + 2} height={frame.plotH + 4} />
          </clipPath>
        </defs>
        <g transform={`translate(${frame.left},${frame.top})`}>
          <Grid xTicks={xTicks} yTicks={yTicks} x={x} y={y} plotW={frame.plotW} plotH={frame.plotH} />
          <g clipPath={`url(#${clipId})`} fill="none" strokeLinejoin="round" strokeLinecap="round">
            {series.map((s, i) =>
              paths[i] ? (
                <path
                  key={s.id}
                  data-series-id={s.id}
                  d={paths[i]}
                  stroke={seriesColor(s, i)}
                  strokeWidth={s.width ?? 1.75}
                  strokeDasharray={dashArray(s.dash, s.width ?? 1.75)}
                />
              ) : null,
            )}
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
          {hoverPx !== null && (
            <HoverReadout
              px={hoverPx}
              series={series}
              monotone={pixels.map((p) => p.monotone)}
              x={x}
              y={y}
              xKind={xKind}
              yKind={yKind}
              plotW={frame.plotW}
              plotH={frame.plotH}
              xLabel={xLabel}
              top={marker ? 30 : 8}
            />
          )}
          <rect
            width={frame.plotW}
            height={frame.plotH}
            fill="transparent"
            data-export="ignore"
            onPointerMove={onMove}
            onPointerLeave={() => setHoverPx(null)}
          />
          {marker && (
            <VerticalMarker
              marker={marker}
              x={x}
              xKind={xKind}
              plotW={frame.plotW}
              plotH={frame.plotH}
              onHover={setHoverPx}
              avoid={legendRect}
            />
          )}
        </g>
      </svg>
    </ChartShell>
  );
}

function HoverReadout(props: {
  px: number;
  series: LineSeries[];
  monotone: boolean[];
  x: Scale1D;
  y: Scale1D;
  xKind: ScaleKind;
  yKind: ScaleKind;
  plotW: number;
  plotH: number;
  xLabel: string;
  /** Top of the box in plot px (kept clear of a marker's label). */
  top: number;
}) {
  const { px, series, monotone, x, y, xKind, yKind, plotW, plotH, xLabel, top } = props;
  const xv = x.invert(px);
  // A plain loop (not map) because headerX is taken from the first series that has a point.
  let headerX = NaN;
  const rows: { id: string; label: string; color: string; value: string; dot: [number, number] | null }[] =
    [];
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    const idx = nearestIndex(s.x, Math.min(s.x.length, s.y.length), xv, monotone[i], xKind);
    const yv = idx >= 0 ? s.y[idx] : NaN;
    if (idx >= 0 && Number.isNaN(headerX)) headerX = s.x[idx];
    rows.push({
      id: s.id,
      label: s.label || s.id,
      color: seriesColor(s, i),
      value: idx >= 0 ? formatValue(yv) : '—',
      dot: idx >= 0 && drawable(yv, yKind) ? [x(s.x[idx]), y(yv)] : null,
    });
  }
  const header = `${xLabel} = ${formatValue(headerX)}`;
  // Values are bold, hence the wider per-character estimate for them.
  const rowW = rows.map(
    (r) => approxTextWidth(`${r.label}: `, font.legend) + approxTextWidth(r.value, font.legend * 1.12),
  );
  const boxW = Math.ceil(Math.max(approxTextWidth(header, font.legend), ...rowW) + 30);
  const boxH = 8 + (rows.length + 1) * 15;
  const bx = px + 10 + boxW > plotW ? px - 10 - boxW : px + 10;
  const by = Math.min(top, Math.max(0, plotH - boxH));
  return (
    <g data-export="ignore" pointerEvents="none">
      <line x1={px} x2={px} y1={0} y2={plotH} stroke="#888" strokeWidth={1} strokeDasharray="3 3" />
      {rows.map((r) =>
        r.dot && r.dot[1] >= 0 && r.dot[1] <= plotH ? (
          <circle
            key={r.id}
            cx={r.dot[0]}
            cy={r.dot[1]}
            r={3.5}
            fill={r.color}
            stroke="#fff"
            strokeWidth={1.5}
          />
        ) : null,
      )}
      <g transform={`translate(${bx},${by})`} fontFamily={font.family} fontSize={font.legend}>
        <rect width={boxW} height={boxH} rx={3} fill="rgba(255,255,255,0.95)" stroke={chrome.legendBorder} />
        <text x={8} y={4 + 11} fill={chrome.mutedText}>
          {header}
        </text>
        {rows.map((r, i) => (
          <g key={r.id} transform={`translate(0,${4 + (i + 1) * 15})`}>
            <rect x={8} y={3} width={8} height={8} fill={r.color} />
            <text x={20} y={11} fill={chrome.text}>
              {r.label}: <tspan fontWeight={600}>{r.value}</tspan>
            </text>
          </g>
        ))}
      </g>
    </g>
  );
}
