import { useCallback, useId, useMemo, useRef, useState, type PointerEvent, type ReactElement } from 'react';
import { AxisFrame, frameFor, Grid, plotHeight, Title, yTicksFor } from './Axes';
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
} from './bars';
import { ChartShell } from './ChartShell';
import type { FigureSource } from './exportFigure';
import { Legend, legendSize, type LegendEntry } from './Legend';
import { pickLegendCorner } from './legendPlacement';
import { formatValue, makeScale, type Tick } from './scales';
import { approxTextWidth, chrome, font, palette } from './theme';

export interface BarGroup {
  id: string;
  /** x tick label, e.g. "t = 0". */
  label: string;
  /** One value per bar; non-finite values (and non-positive ones on a log axis) are not drawn. */
  values: ArrayLike<number>;
  /** Colour of all bars of the group; default palette[groupIndex]. */
  color?: string;
}

export interface BarOverlay {
  id: string;
  label: string;
  /** Index into `groups`. */
  group: number;
  /** One per bar of that group; NaN = none. */
  values: ArrayLike<number>;
  color: string;
  /** 'tick': a short horizontal line across the bar (e.g. a bound); 'dot': a dot at the bar centre. */
  shape: 'tick' | 'dot';
}

export interface BarChartProps {
  title?: string;
  groups: BarGroup[];
  overlays?: BarOverlay[];
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  yScale?: 'linear' | 'log';
  yDomain?: [number, number];
  /** Hover text naming a bar; default `bar ${barIndex + 1}`. */
  barLabel?: (groupIndex: number, barIndex: number) => string;
  exportName?: string;
  exportParams?: Record<string, unknown>;
  testId?: string;
  /** Extra legend rows drawn as filled swatches (overlays get rows of their own automatically). */
  legend?: { label: string; color: string }[];
}

const NONE: never[] = [];
const groupColor = (g: BarGroup, i: number) => g.color ?? palette[i % palette.length];
const TICK_OVERHANG = 2;

/** Grouped bar chart (SVG): one group per x category, one bar per index inside each group. */
export function BarChart(props: BarChartProps) {
  const { title, groups, width, height, xLabel, yLabel, barLabel, exportName, exportParams, testId } = props;
  const overlays = props.overlays ?? NONE;
  const legendProp = props.legend ?? NONE;
  const yKind = props.yScale ?? 'linear';
  const yd0 = props.yDomain?.[0];
  const yd1 = props.yDomain?.[1];
  const svgRef = useRef<SVGSVGElement>(null);
  const clipId = `bc-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [hover, setHover] = useState<{ group: number; bar: number } | null>(null);

  const geom = useMemo(() => {
    const plotH = plotHeight(height);
    const ext = barExtent([...groups.map((g) => g.values), ...overlays.map((o) => o.values)], yKind);
    const yDom: [number, number] =
      yd0 !== undefined && yd1 !== undefined ? [yd0, yd1] : barDomain(ext, yKind, Math.max(2, plotH / 45));
    const y = makeScale(yKind, yDom, [plotH, 0]);
    const yTicks = yTicksFor(y, yKind, plotH);
    const frame = frameFor(width, height, yTicks);
    const G = Math.max(1, groups.length);
    const K = groups.reduce((m, g) => Math.max(m, g.values.length), 0);
    const layout = barLayout(frame.plotW, G, K);
    // Category axis: group g occupies [g, g+1] of a linear scale; ticks at the centres.
    const x = makeScale('linear', [0, G], [0, frame.plotW]);
    const step = groupLabelStep(
      groups.map((g) => approxTextWidth(g.label, font.tick)),
      layout.pitch,
    );
    const xTicks: Tick[] = groups.map((g, i) => ({
      value: i + 0.5,
      label: i % step === 0 ? g.label : '',
      major: true,
    }));
    // Faint separators between groups (minor grid lines).
    const separators: Tick[] = groups.slice(1).map((_, i) => ({ value: i + 1, label: '', major: false }));
    const lo = Math.min(yDom[0], yDom[1]);
    const hi = Math.max(yDom[0], yDom[1]);
    const base = yKind === 'log' ? plotH : y(Math.min(Math.max(0, lo), hi));

    const bars: { group: number; bar: number; value: number; x: number; top: number; h: number }[] = [];
    // Obstacles for the legend: each bar as a vertical segment, separated by NaN pairs.
    const segs: number[] = [];
    groups.forEach((g, gi) => {
      for (let k = 0; k < g.values.length; k++) {
        const v = g.values[k];
        const span = barSpan(v, yKind, y, base, plotH);
        if (!span) continue;
        const bx = barX(layout, gi, k);
        bars.push({ group: gi, bar: k, value: v, x: bx, top: span[0], h: span[1] - span[0] });
        const cx = bx + layout.barW / 2;
        segs.push(cx, span[0], cx, span[1], NaN, NaN);
      }
    });
    const marks: { id: string; overlay: number; bar: number; cx: number; cy: number }[] = [];
    const points: number[] = [];
    overlays.forEach((o, oi) => {
      if (!(o.group >= 0 && o.group < groups.length)) return;
      for (let k = 0; k < o.values.length && k < layout.bars; k++) {
        const v = o.values[k];
        const span = barSpan(v, yKind, y, base, plotH);
        if (!span) continue;
        const cy = y(v);
        if (!(cy >= -2 && cy <= plotH + 2)) continue;
        const cx = barCenter(layout, o.group, k);
        marks.push({ id: `${oi}-${k}`, overlay: oi, bar: k, cx, cy });
        points.push(cx, cy);
      }
    });

    const seen = new Set<string>();
    const entries: LegendEntry[] = [
      ...legendProp.map((e, i): LegendEntry => ({
        id: `lg-${i}`,
        label: e.label,
        color: e.color,
        kind: 'bar',
      })),
      ...overlays.map((o): LegendEntry => ({
        id: `ov-${o.id}`,
        label: o.label,
        color: o.color,
        kind: o.shape === 'tick' ? 'line' : 'point',
        width: 2,
      })),
    ].filter((e) => {
      // Per-group overlays usually share one label ("bound"): one legend row for all of them.
      const key = `${e.kind}|${e.label}|${e.color}`;
      if (!e.label || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const size = legendSize(entries);
    const corner = pickLegendCorner(frame.plotW, frame.plotH, size.w, size.h, {
      lines: [segs],
      points: [points],
    });
    return { x, y, xTicks, separators, yTicks, frame, layout, bars, marks, entries, corner };
  }, [groups, overlays, legendProp, width, height, yKind, yd0, yd1]);

  const { x, y, xTicks, separators, yTicks, frame, layout, bars, marks, entries, corner } = geom;

  // Bars and overlay marks as memoised elements, so hover re-renders skip hundreds of rects.
  const barElements = useMemo(
    (): ReactElement[] =>
      bars.map((b) => (
        <rect
          key={`${b.group}-${b.bar}`}
          data-group={b.group}
          data-bar={b.bar}
          data-value={b.value}
          x={b.x}
          y={b.top}
          width={layout.barW}
          height={b.h}
          fill={groupColor(groups[b.group], b.group)}
        />
      )),
    [bars, layout, groups],
  );
  const markElements = useMemo(
    (): ReactElement[] =>
      marks.map((m) => {
        const o = overlays[m.overlay];
        if (o.shape === 'dot') {
          const r = Math.min(3.5, Math.max(1.5, layout.slot / 2));
          return (
            <circle
              key={m.id}
              data-overlay-id={o.id}
              data-bar={m.bar}
              cx={m.cx}
              cy={m.cy}
              r={r}
              fill={o.color}
              stroke="#fff"
              strokeWidth={r > 2 ? 1 : 0.5}
            />
          );
        }
        const half = Math.min(layout.slot / 2, layout.barW / 2 + TICK_OVERHANG);
        return (
          <line
            key={m.id}
            data-overlay-id={o.id}
            data-bar={m.bar}
            x1={m.cx - half}
            x2={m.cx + half}
            y1={m.cy}
            y2={m.cy}
            stroke={o.color}
            strokeWidth={layout.slot < 3 ? 1.25 : 2}
            strokeLinecap="butt"
          />
        );
      }),
    [marks, overlays, layout],
  );

  const getFigure = useCallback((): FigureSource | null => {
    const svg = svgRef.current;
    if (!svg) return null;
    const params = exportParams ?? {};
    return {
      width,
      height,
      layers: [{ kind: 'svg', element: svg }],
      params,
      csv: () => barChartCsv(groups, overlays, params),
    };
  }, [groups, overlays, width, height, exportParams]);

  const onMove = (e: PointerEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const hit = barAt(layout, e.clientX - r.left);
    const valid = hit && hit.group < groups.length && hit.bar < groups[hit.group].values.length;
    setHover((h) =>
      !valid
        ? null
        : h && h.group === hit.group && h.bar === hit.bar
          ? h
          : { group: hit.group, bar: hit.bar },
    );
  };

  const hovered = hover && hover.group < groups.length ? hover : null;
  const hoveredBar = hovered
    ? bars.find((b) => b.group === hovered.group && b.bar === hovered.bar)
    : undefined;

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
            <rect x={-1} y={-2} width={frame.plotW + 2} height={frame.plotH + 2} />
          </clipPath>
        </defs>
        <g transform={`translate(${frame.left},${frame.top})`}>
          <Grid xTicks={separators} yTicks={yTicks} x={x} y={y} plotW={frame.plotW} plotH={frame.plotH} />
          {hovered && (
            <rect
              data-export="ignore"
              pointerEvents="none"
              x={barCenter(layout, hovered.group, hovered.bar) - layout.slot / 2}
              y={0}
              width={layout.slot}
              height={frame.plotH}
              fill="rgba(0,0,0,0.06)"
            />
          )}
          <g clipPath={`url(#${clipId})`}>
            <g data-layer="bars">{barElements}</g>
            <g data-layer="overlays">{markElements}</g>
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
          {hoveredBar && (
            <rect
              data-export="ignore"
              pointerEvents="none"
              x={hoveredBar.x - 0.75}
              y={hoveredBar.top - 0.75}
              width={layout.barW + 1.5}
              height={hoveredBar.h + 1.5}
              fill="none"
              stroke={chrome.text}
              strokeWidth={1.5}
            />
          )}
          {hovered && (
            <BarTooltip
              group={hovered.group}
              bar={hovered.bar}
              groups={groups}
              overlays={overlays}
              barLabel={barLabel}
              px={barCenter(layout, hovered.group, hovered.bar)}
              slot={layout.slot}
              plotW={frame.plotW}
              plotH={frame.plotH}
            />
          )}
          <rect
            width={frame.plotW}
            height={frame.plotH}
            fill="transparent"
            data-export="ignore"
            onPointerMove={onMove}
            onPointerLeave={() => setHover(null)}
          />
        </g>
      </svg>
    </ChartShell>
  );
}

function BarTooltip(props: {
  group: number;
  bar: number;
  groups: BarGroup[];
  overlays: BarOverlay[];
  barLabel?: (groupIndex: number, barIndex: number) => string;
  px: number;
  slot: number;
  plotW: number;
  plotH: number;
}) {
  const { group, bar, groups, overlays, barLabel, px, slot, plotW, plotH } = props;
  const g = groups[group];
  const header = `${g.label} · ${barLabel ? barLabel(group, bar) : `bar ${bar + 1}`}`;
  const rows = [
    {
      id: 'value',
      label: 'value',
      color: groupColor(g, group),
      value: formatValue(g.values[bar]),
      line: false,
    },
    ...overlays
      .filter((o) => o.group === group && bar < o.values.length && !Number.isNaN(o.values[bar]))
      .map((o) => ({
        id: `ov-${o.id}`,
        label: o.label || o.id,
        color: o.color,
        value: formatValue(o.values[bar]),
        line: o.shape === 'tick',
      })),
  ];
  const rowW = rows.map(
    (r) => approxTextWidth(`${r.label}: `, font.legend) + approxTextWidth(r.value, font.legend * 1.12),
  );
  const boxW = Math.ceil(Math.max(approxTextWidth(header, font.legend), ...rowW) + 30);
  const boxH = 8 + (rows.length + 1) * 15;
  const off = slot / 2 + 8;
  const bx = px + off + boxW > plotW ? Math.max(0, px - off - boxW) : px + off;
  const by = Math.min(8, Math.max(0, plotH - boxH));
  return (
    <g
      data-export="ignore"
      data-testid="bar-tooltip"
      pointerEvents="none"
      transform={`translate(${bx},${by})`}
      fontFamily={font.family}
      fontSize={font.legend}
    >
      <rect width={boxW} height={boxH} rx={3} fill="rgba(255,255,255,0.95)" stroke={chrome.legendBorder} />
      <text x={8} y={4 + 11} fill={chrome.mutedText}>
        {header}
      </text>
      {rows.map((r, i) => (
        <g key={r.id} transform={`translate(0,${4 + (i + 1) * 15})`}>
          {r.line ? (
            <line x1={8} x2={16} y1={7} y2={7} stroke={r.color} strokeWidth={2} />
          ) : (
            <rect x={8} y={3} width={8} height={8} fill={r.color} />
          )}
          <text x={20} y={11} fill={chrome.text}>
            {r.label}: <tspan fontWeight={600}>{r.value}</tspan>
          </text>
        </g>
      ))}
    </g>
  );
}
