import { useMemo } from 'react';
import { barGeometry, type BarGeometry, type BarGroup, type BarOverlay } from '../bars';
import { usePlot } from '../plotContext';
import { palette } from '../theme';

export interface BarsMarkProps {
  groups: BarGroup[];
  overlays?: BarOverlay[];
  /** Geometry already computed by the figure (for its legend and hover); else computed here. */
  geometry?: BarGeometry;
}

const NONE: never[] = [];
const TICK_OVERHANG = 2;
export const groupColor = (g: BarGroup, i: number) => g.color ?? palette[i % palette.length];

/**
 * Grouped bars on a category x axis (group g spans [g, g+1]), with per-bar overlay marks: a short
 * tick across the bar (a bound) or a dot at its centre.
 */
export function BarsMark({ groups, overlays = NONE, geometry }: BarsMarkProps) {
  const { layout } = usePlot();
  const {
    bars,
    marks,
    layout: l,
  } = useMemo(
    () =>
      geometry ??
      barGeometry(groups, overlays, layout.frame.plotW, layout.frame.plotH, layout.y, layout.yKind),
    [geometry, groups, overlays, layout],
  );
  // Elements memoised so hover re-renders of the frame skip hundreds of rects.
  return useMemo(() => {
    const r = Math.min(3.5, Math.max(1.5, l.slot / 2));
    const half = Math.min(l.slot / 2, l.barW / 2 + TICK_OVERHANG);
    return (
      <>
        <g data-layer="bars">
          {bars.map((b) => (
            <rect
              key={`${b.group}-${b.bar}`}
              data-group={b.group}
              data-bar={b.bar}
              data-value={b.value}
              x={b.x}
              y={b.top}
              width={l.barW}
              height={b.h}
              fill={groupColor(groups[b.group], b.group)}
            />
          ))}
        </g>
        <g data-layer="overlays">
          {marks.map((m) => {
            const o = overlays[m.overlay];
            return o.shape === 'dot' ? (
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
            ) : (
              <line
                key={m.id}
                data-overlay-id={o.id}
                data-bar={m.bar}
                x1={m.cx - half}
                x2={m.cx + half}
                y1={m.cy}
                y2={m.cy}
                stroke={o.color}
                strokeWidth={l.slot < 3 ? 1.25 : 2}
                strokeLinecap="butt"
              />
            );
          })}
        </g>
      </>
    );
  }, [bars, marks, l, groups, overlays]);
}
