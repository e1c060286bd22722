/** The hover box shared by all figures: a muted header line, then one coloured row per value. */
import { approxTextWidth, chrome, font } from './theme';

export interface ReadoutRow {
  id: string;
  label: string;
  color: string;
  value: string;
  /** 'line' for rows standing for a line-like mark (a bound drawn as a tick); default a square. */
  swatch?: 'square' | 'line';
}

const ROW = 15;

export function readoutSize(header: string, rows: ReadoutRow[]): { w: number; h: number } {
  // Values are bold, hence the wider per-character estimate for them.
  const rowW = rows.map(
    (r) => approxTextWidth(`${r.label}: `, font.legend) + approxTextWidth(r.value, font.legend * 1.12),
  );
  return {
    w: Math.ceil(Math.max(approxTextWidth(header, font.legend), ...rowW) + 30),
    h: 8 + (rows.length + 1) * ROW,
  };
}

/**
 * Box at (x, y) in plot px, placed by the caller (who knows what it must not cover). Marked
 * data-export="ignore": a tooltip never ends up in a downloaded figure.
 */
export function ReadoutBox(props: {
  x: number;
  y: number;
  header: string;
  rows: ReadoutRow[];
  testId?: string;
}) {
  const { x, y, header, rows, testId } = props;
  const { w, h } = readoutSize(header, rows);
  return (
    <g
      data-export="ignore"
      data-testid={testId}
      pointerEvents="none"
      transform={`translate(${x},${y})`}
      fontFamily={font.family}
      fontSize={font.legend}
    >
      <rect width={w} height={h} rx={3} fill="rgba(255,255,255,0.95)" stroke={chrome.legendBorder} />
      <text x={8} y={4 + 11} fill={chrome.mutedText}>
        {header}
      </text>
      {rows.map((r, i) => (
        <g key={r.id} transform={`translate(0,${4 + (i + 1) * ROW})`}>
          {r.swatch === 'line' ? (
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
