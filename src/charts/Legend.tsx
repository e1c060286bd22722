import { chrome, dashArray, font, approxTextWidth, type Dash } from './theme';
import type { Corner } from './legendPlacement';
import { cornerRect } from './legendPlacement';

export interface LegendEntry {
  id: string;
  label: string;
  color: string;
  /** 'bar' draws a filled square swatch (bar charts). */
  kind: 'line' | 'point' | 'bar';
  dash?: Dash;
  /** Draws a light band behind a line swatch: the series has a shaded ± band. */
  band?: boolean;
  width?: number;
  alpha?: number;
  /** a removable entry (an imported run): a ✕ at its right end, clickable and keyboard-operable */
  onRemove?: () => void;
}

const ROW = 16;
const PAD = 6;
const SWATCH = 20;
/** room for the ✕ of a removable entry */
const REMOVE_W = 16;

export function legendSize(entries: LegendEntry[]): { w: number; h: number } {
  const labelW = entries.reduce((m, e) => Math.max(m, approxTextWidth(e.label, font.legend)), 0);
  const removable = entries.some((e) => e.onRemove) ? REMOVE_W : 0;
  return { w: Math.ceil(PAD * 2 + SWATCH + 6 + labelW + removable), h: PAD * 2 + entries.length * ROW - 2 };
}

/**
 * The ✕ buttons of removable entries, drawn by the Plot above its pointer layer (the legend itself
 * lets the pointer through to the hover readout). Left out of exports.
 */
export function LegendRemoveButtons(props: {
  entries: LegendEntry[];
  corner: Corner;
  plotW: number;
  plotH: number;
}) {
  const { entries, corner, plotW, plotH } = props;
  if (!entries.some((e) => e.onRemove)) return null;
  const { w, h } = legendSize(entries);
  const r = cornerRect(corner, plotW, plotH, w, h);
  return (
    <g transform={`translate(${r.x},${r.y})`} data-export="ignore">
      {entries.map((e, i) => {
        const remove = e.onRemove;
        if (!remove) return null;
        const cx = w - PAD - REMOVE_W / 2 + 2;
        const cy = PAD + i * ROW + ROW / 2 - 1;
        return (
          <g
            key={e.id}
            role="button"
            tabIndex={0}
            aria-label={`remove ${e.label} from the figure`}
            className="legend-remove"
            style={{ cursor: 'pointer' }}
            onClick={remove}
            onKeyDown={(ev) => {
              if (ev.key === 'Enter' || ev.key === ' ') {
                ev.preventDefault();
                remove();
              }
            }}
          >
            <title>{`remove ${e.label}`}</title>
            <rect
              x={cx - 7}
              y={cy - 7}
              width={14}
              height={14}
              rx={3}
              fill="#fff"
              stroke={chrome.legendBorder}
            />
            <path
              d={`M${cx - 3},${cy - 3}L${cx + 3},${cy + 3}M${cx + 3},${cy - 3}L${cx - 3},${cy + 3}`}
              stroke={chrome.mutedText}
              strokeWidth={1.5}
              strokeLinecap="round"
            />
          </g>
        );
      })}
    </g>
  );
}

/** Small boxed legend inside the plot area; the caller picks the corner. */
export function Legend(props: { entries: LegendEntry[]; corner: Corner; plotW: number; plotH: number }) {
  const { entries, corner, plotW, plotH } = props;
  if (entries.length === 0) return null;
  const { w, h } = legendSize(entries);
  const r = cornerRect(corner, plotW, plotH, w, h);
  return (
    <g transform={`translate(${r.x},${r.y})`} pointerEvents="none">
      <rect
        width={w}
        height={h}
        rx={3}
        fill={chrome.legendBackground}
        stroke={chrome.legendBorder}
        strokeWidth={1}
      />
      {entries.map((e, i) => {
        const cy = PAD + i * ROW + ROW / 2 - 1;
        return (
          <g key={e.id}>
            {e.band && (
              <rect x={PAD} y={cy - 5} width={SWATCH} height={10} fill={e.color} fillOpacity={0.2} />
            )}
            {e.kind === 'line' ? (
              <line
                x1={PAD}
                x2={PAD + SWATCH}
                y1={cy}
                y2={cy}
                stroke={e.color}
                strokeWidth={Math.min(e.width ?? 2, 3)}
                strokeDasharray={dashArray(e.dash, Math.min(e.width ?? 2, 3))}
                strokeOpacity={e.alpha ?? 1}
              />
            ) : e.kind === 'bar' ? (
              <rect
                x={PAD + SWATCH / 2 - 5}
                y={cy - 5}
                width={10}
                height={10}
                fill={e.color}
                fillOpacity={e.alpha ?? 1}
              />
            ) : (
              <circle
                cx={PAD + SWATCH / 2}
                cy={cy}
                r={3.5}
                fill={e.color}
                fillOpacity={Math.max(e.alpha ?? 1, 0.6)}
              />
            )}
            <text
              x={PAD + SWATCH + 6}
              y={cy}
              dy="0.35em"
              fontFamily={font.family}
              fontSize={font.legend}
              fill={chrome.text}
            >
              {e.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}
