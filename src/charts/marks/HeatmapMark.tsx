import { useMemo } from 'react';
import type { ColorScale } from '../colorScale';
import { heatmapCells } from '../heatmap';
import { usePlot } from '../plotContext';
import { formatValue } from '../scales';
import { approxTextWidth, chrome, font } from '../theme';

export interface HeatmapMarkProps {
  /** The matrix as rows; entry (i, j) fills [j, j+1] × [i, i+1] (use y domain [rows, 0]: row 0 on top). */
  rows: readonly ArrayLike<number>[];
  color: ColorScale;
}

/** One rect per matrix entry, filled by the colour scale (a Gram or NTK matrix, a confusion matrix). */
export function HeatmapMark({ rows, color }: HeatmapMarkProps) {
  const { layout } = usePlot();
  const cells = useMemo(() => heatmapCells(rows, layout.x, layout.y, color), [rows, layout, color]);
  return (
    <g data-layer="heatmap" shapeRendering="crispEdges">
      {cells.map((c) => (
        <rect
          key={`${c.row}-${c.col}`}
          data-row={c.row}
          data-col={c.col}
          data-value={c.value}
          x={c.x}
          y={c.y}
          width={c.w}
          height={c.h}
          fill={c.fill}
        />
      ))}
    </g>
  );
}

/** Right margin a ColorBarMark needs (pass as layoutPlot's rightMargin). */
export const COLOR_BAR_MARGIN = 84;
const GAP = 14;
const BAR_W = 12;
const STEPS = 64;

/**
 * The colour scale as a vertical bar right of the plot with labelled ticks and a rotated title, so
 * a cell's colour can be read as a number. Drawn as stacked rects, not a gradient: identical in
 * every export format.
 */
export function ColorBarMark({ color, label }: { color: ColorScale; label?: string }) {
  const { layout } = usePlot();
  const { plotW, plotH } = layout.frame;
  const [lo, hi] = color.domain;
  const left = plotW + GAP;
  const v = (py: number) => lo + ((hi - lo) * (plotH - py)) / plotH;
  const step = plotH / STEPS;
  const ticks = color.ticks(Math.max(2, Math.floor(plotH / 40))).map((t) => ({ t, text: formatValue(t) }));
  const labelW = ticks.reduce((m, k) => Math.max(m, approxTextWidth(k.text, font.tick)), 0);
  return (
    <g data-layer="color-bar" pointerEvents="none" fontFamily={font.family} fontSize={font.tick}>
      <g shapeRendering="crispEdges">
        {Array.from({ length: STEPS }, (_, i) => (
          <rect
            key={i}
            x={left}
            y={i * step}
            width={BAR_W}
            height={step + 0.5}
            fill={color(v((i + 0.5) * step))}
          />
        ))}
      </g>
      <rect x={left} y={0} width={BAR_W} height={plotH} fill="none" stroke={chrome.axis} strokeWidth={0.75} />
      {ticks.map(({ t, text }) => {
        const py = hi === lo ? plotH / 2 : plotH - ((t - lo) / (hi - lo)) * plotH;
        return (
          <g key={t} data-color-tick={t}>
            <line x1={left + BAR_W} x2={left + BAR_W + 4} y1={py} y2={py} stroke={chrome.axis} />
            <text x={left + BAR_W + 6} y={py} dy="0.32em" fill={chrome.text}>
              {text}
            </text>
          </g>
        );
      })}
      {label && (
        <text
          transform={`translate(${left + BAR_W + 6 + labelW + 14},${plotH / 2}) rotate(-90)`}
          textAnchor="middle"
          fill={chrome.text}
          fontSize={font.label}
        >
          {label}
        </text>
      )}
    </g>
  );
}
