import { useStageHeight } from './stageContext';
import { memo, useCallback, useMemo } from 'react';
import {
  barAt,
  barCenter,
  barChartCsv,
  barDomain,
  barExtent,
  barGeometry,
  barLayout,
  groupLabelStep,
  type BarGeometry,
  type BarGroup,
  type BarOverlay,
} from './bars';
import type { LegendEntry } from './Legend';
import { BarsMark, groupColor } from './marks/BarsMark';
import { Plot } from './Plot';
import type { HoverPoint } from './plotContext';
import { layoutPlot, type PlotLayout } from './plotLayout';
import { ReadoutBox, readoutSize, type ReadoutRow } from './Readout';
import { formatValue, type Tick } from './scales';
import { approxTextWidth, chrome, font } from './theme';

export type { BarGroup, BarOverlay } from './bars';

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
  /** The figure's stable id in its experiment's definition (`figures`): on the root as `data-figure-id`. */
  figureId?: string;
  /** Extra legend rows drawn as filled swatches (overlays get rows of their own automatically). */
  legend?: { label: string; color: string }[];
}

const NONE: never[] = [];

/** Grouped bar chart: Plot on a category x axis (one group per category) + BarsMark. */
/**
 * Memoised on shallow props: a figure whose series the panel memoises skips frames that did not
 * change it.
 */
export const BarChart = memo(function BarChart(props: BarChartProps) {
  // The rest (title, export name and params, test id) is the frame's business.
  const { groups, width, xLabel, yLabel, barLabel, yScale, yDomain, overlays: ov, legend, ...shell } = props;
  const height = useStageHeight(props.figureId, width, props.height);
  const overlays = ov ?? NONE;
  const legendProp = legend ?? NONE;
  const yKind = yScale ?? 'linear';
  const yd0 = yDomain?.[0];
  const yd1 = yDomain?.[1];

  const geom = useMemo(() => {
    const ext = barExtent([...groups.map((g) => g.values), ...overlays.map((o) => o.values)], yKind);
    const G = Math.max(1, groups.length);
    const K = groups.reduce((m, g) => Math.max(m, g.values.length), 0);
    const layout = layoutPlot({
      width,
      height,
      // Category axis: group g occupies [g, g+1]; labelled ticks at the centres, as many as fit.
      x: {
        label: xLabel,
        domain: [0, G],
        ticks: (_x, len): Tick[] => {
          const step = groupLabelStep(
            groups.map((g) => approxTextWidth(g.label, font.tick)),
            barLayout(len, G, K).pitch,
          );
          return groups.map((g, i) => ({
            value: i + 0.5,
            label: i % step === 0 ? g.label : '',
            major: true,
          }));
        },
        // Faint separators between groups (minor grid lines).
        grid: (): Tick[] => groups.slice(1).map((_, i) => ({ value: i + 1, label: '', major: false })),
      },
      y: {
        label: yLabel,
        kind: yKind,
        domain: (len) =>
          yd0 !== undefined && yd1 !== undefined ? [yd0, yd1] : barDomain(ext, yKind, Math.max(2, len / 45)),
      },
    });
    const { frame } = layout;
    const geometry = barGeometry(groups, overlays, frame.plotW, frame.plotH, layout.y, yKind);
    // Obstacles for the legend: each bar as a vertical segment (NaN pairs between), overlay points.
    const segs: number[] = [];
    for (const b of geometry.bars) {
      const cx = b.x + geometry.layout.barW / 2;
      segs.push(cx, b.top, cx, b.top + b.h, NaN, NaN);
    }
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
    const avoid = { lines: [segs], points: [geometry.marks.flatMap((m) => [m.cx, m.cy])] };
    return { geometry, plot: { layout, legend: entries, legendAvoid: avoid } };
  }, [groups, overlays, legendProp, width, height, xLabel, yLabel, yKind, yd0, yd1]);

  const csv = useCallback(
    (params: Record<string, unknown>) => barChartCsv(groups, overlays, params),
    [groups, overlays],
  );
  const { geometry, plot } = geom;
  const { layout } = plot;
  const hit = (h: HoverPoint) => {
    const b = barAt(geometry.layout, h.px);
    return b && b.group < groups.length && b.bar < groups[b.group].values.length ? b : null;
  };

  return (
    <Plot
      {...shell}
      {...plot}
      csv={csv}
      highlight={(h) => {
        const b = hit(h);
        const l = geometry.layout;
        return b ? (
          <rect
            data-export="ignore"
            pointerEvents="none"
            x={barCenter(l, b.group, b.bar) - l.slot / 2}
            y={0}
            width={l.slot}
            height={layout.frame.plotH}
            fill="rgba(0,0,0,0.06)"
          />
        ) : null;
      }}
      readout={(h) => {
        const b = hit(h);
        return b ? <BarReadout {...b} {...{ groups, overlays, barLabel, geometry, layout }} /> : null;
      }}
    >
      <BarsMark groups={groups} overlays={overlays} geometry={geometry} />
    </Plot>
  );
});

/** Outline of the hovered bar and a box with its value and the overlays' values at that bar. */
function BarReadout(props: {
  group: number;
  bar: number;
  groups: BarGroup[];
  overlays: BarOverlay[];
  barLabel?: (groupIndex: number, barIndex: number) => string;
  geometry: BarGeometry;
  layout: PlotLayout;
}) {
  const { group, bar, groups, overlays, barLabel, geometry, layout } = props;
  const { plotW, plotH } = layout.frame;
  const l = geometry.layout;
  const g = groups[group];
  const header = `${g.label} · ${barLabel ? barLabel(group, bar) : `bar ${bar + 1}`}`;
  const rows: ReadoutRow[] = [
    { id: 'value', label: 'value', color: groupColor(g, group), value: formatValue(g.values[bar]) },
    ...overlays
      .filter((o) => o.group === group && bar < o.values.length && !Number.isNaN(o.values[bar]))
      .map((o): ReadoutRow => ({
        id: `ov-${o.id}`,
        label: o.label || o.id,
        color: o.color,
        value: formatValue(o.values[bar]),
        swatch: o.shape === 'tick' ? 'line' : 'square',
      })),
  ];
  const box = readoutSize(header, rows);
  const px = barCenter(l, group, bar);
  const off = l.slot / 2 + 8;
  const bx = px + off + box.w > plotW ? Math.max(0, px - off - box.w) : px + off;
  const rect = geometry.bars.find((b) => b.group === group && b.bar === bar);
  return (
    <>
      {rect && (
        <rect
          data-export="ignore"
          pointerEvents="none"
          x={rect.x - 0.75}
          y={rect.top - 0.75}
          width={l.barW + 1.5}
          height={rect.h + 1.5}
          fill="none"
          stroke={chrome.text}
          strokeWidth={1.5}
        />
      )}
      <ReadoutBox
        x={bx}
        y={Math.min(8, Math.max(0, plotH - box.h))}
        header={header}
        rows={rows}
        testId="bar-tooltip"
      />
    </>
  );
}
