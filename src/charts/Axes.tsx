/** Grid, axes, tick labels and axis titles in plot coordinates (callers translate to the plot origin). */
import { approxTextWidth, chrome, font, HEADER_HEIGHT, menuWidth } from './theme';
import { computeTicks, type Scale1D, type ScaleKind, type Tick } from './scales';

export interface PlotFrame {
  left: number;
  top: number;
  plotW: number;
  plotH: number;
}

const TICK = 5;
/** Width reserved at the right of the header band for the PNG/SVG/CSV buttons. */
/** The smallest a title may shrink to before it is cut (and then its full text is its tooltip). */
const MIN_TITLE_SIZE = 10;
const BOTTOM = 46;
/** Default right margin: room for the last x tick label to overhang the plot. */
export const RIGHT = 18;

const FRAME_TOP = HEADER_HEIGHT + 8;

/** Vertical layout is fixed; the left margin grows with the widest y tick label. */
export function plotHeight(height: number): number {
  return Math.max(20, height - FRAME_TOP - BOTTOM);
}

export function frameFor(width: number, height: number, yTicks: Tick[], right = RIGHT): PlotFrame {
  const labelW = yTicks.reduce((m, t) => Math.max(m, approxTextWidth(t.label, font.tick)), 0);
  const left = Math.ceil(labelW + TICK + 6 + font.label + 12);
  return { left, top: FRAME_TOP, plotW: Math.max(20, width - left - right), plotH: plotHeight(height) };
}

export function yTicksFor(scale: Scale1D, kind: ScaleKind, plotH: number): Tick[] {
  return computeTicks(scale, kind, plotH, 34);
}

/** X ticks, asking for fewer until the estimated label widths no longer collide. */
export function xTicksFor(scale: Scale1D, kind: ScaleKind, plotW: number): Tick[] {
  for (let gap = 70; gap < 4 * plotW; gap *= 1.3) {
    const ticks = computeTicks(scale, kind, plotW, gap);
    const labelled = ticks.filter((t) => t.label);
    let ok = true;
    for (let i = 1; i < labelled.length && ok; i++) {
      const a = labelled[i - 1];
      const b = labelled[i];
      const need = (approxTextWidth(a.label, font.tick) + approxTextWidth(b.label, font.tick)) / 2 + 14;
      ok = Math.abs(scale(b.value) - scale(a.value)) >= need;
    }
    if (ok) return ticks;
  }
  return computeTicks(scale, kind, plotW, plotW);
}

/**
 * Plot width after making room for the last x label when it would overhang the right edge; callers
 * rebuild the x scale with it.
 */
export function fitRight(frame: PlotFrame, x: Scale1D, xTicks: Tick[]): PlotFrame {
  const last = [...xTicks].reverse().find((t) => t.label);
  if (!last) return frame;
  const overhang = x(last.value) + approxTextWidth(last.label, font.tick) / 2 + 4 - (frame.plotW + RIGHT);
  return overhang > 0 ? { ...frame, plotW: Math.max(20, frame.plotW - Math.ceil(overhang)) } : frame;
}

export function Grid(props: {
  xTicks: Tick[];
  yTicks: Tick[];
  x: Scale1D;
  y: Scale1D;
  plotW: number;
  plotH: number;
}) {
  const { xTicks, yTicks, x, y, plotW, plotH } = props;
  return (
    <g shapeRendering="crispEdges" pointerEvents="none">
      {xTicks.map((t) => {
        const px = Math.round(x(t.value)) + 0.5;
        return (
          <line
            key={`gx${t.value}`}
            x1={px}
            x2={px}
            y1={0}
            y2={plotH}
            stroke={t.major ? chrome.grid : chrome.gridMinor}
          />
        );
      })}
      {yTicks.map((t) => {
        const py = Math.round(y(t.value)) + 0.5;
        return (
          <line
            key={`gy${t.value}`}
            x1={0}
            x2={plotW}
            y1={py}
            y2={py}
            stroke={t.major ? chrome.grid : chrome.gridMinor}
          />
        );
      })}
    </g>
  );
}

export function AxisFrame(props: {
  xTicks: Tick[];
  yTicks: Tick[];
  x: Scale1D;
  y: Scale1D;
  frame: PlotFrame;
  xLabel: string;
  yLabel: string;
}) {
  const { xTicks, yTicks, x, y, frame, xLabel, yLabel } = props;
  const { plotW, plotH, left } = frame;
  const text = { fontFamily: font.family, fill: chrome.text };
  return (
    <g pointerEvents="none">
      <g shapeRendering="crispEdges" stroke={chrome.axis}>
        <line x1={0.5} x2={0.5} y1={0} y2={plotH + 0.5} />
        <line x1={0} x2={plotW} y1={plotH + 0.5} y2={plotH + 0.5} />
        {xTicks
          .filter((t) => t.major)
          .map((t) => {
            const px = Math.round(x(t.value)) + 0.5;
            return <line key={`tx${t.value}`} x1={px} x2={px} y1={plotH} y2={plotH + TICK} />;
          })}
        {yTicks
          .filter((t) => t.major)
          .map((t) => {
            const py = Math.round(y(t.value)) + 0.5;
            return <line key={`ty${t.value}`} x1={-TICK} x2={0} y1={py} y2={py} />;
          })}
      </g>
      {xTicks
        .filter((t) => t.label)
        .map((t) => (
          <text
            key={`lx${t.value}`}
            x={x(t.value)}
            y={plotH + TICK + 3}
            dy="0.71em"
            textAnchor="middle"
            fontSize={font.tick}
            {...text}
          >
            {t.label}
          </text>
        ))}
      {yTicks
        .filter((t) => t.label)
        .map((t) => (
          <text
            key={`ly${t.value}`}
            x={-TICK - 4}
            y={y(t.value)}
            dy="0.32em"
            textAnchor="end"
            fontSize={font.tick}
            {...text}
          >
            {t.label}
          </text>
        ))}
      <text x={plotW / 2} y={plotH + 38} textAnchor="middle" fontSize={font.label} {...text}>
        {xLabel}
      </text>
      <text
        transform={`translate(${-left + 14},${plotH / 2}) rotate(-90)`}
        textAnchor="middle"
        fontSize={font.label}
        {...text}
      >
        {yLabel}
      </text>
    </g>
  );
}

/** Splits a title into two lines at the space nearest its middle (a title without spaces stays one). */
function twoLines(title: string): [string, string] | null {
  const mid = title.length / 2;
  let best = -1;
  for (let i = 0; i < title.length; i++)
    if (title[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  return best > 0 ? [title.slice(0, best), title.slice(best + 1)] : null;
}

/**
 * Figure title in the header band (left-aligned; the buttons sit at the right). A long title shrinks
 * to fit, then takes two lines, and is cut only if two lines at MIN_TITLE_SIZE cannot hold it (its full
 * text stays its tooltip): the numbers a title carries stay readable.
 */
export function Title(props: { title?: string; width: number; withImport?: boolean }) {
  if (!props.title) return null;
  const full = props.title;
  const room = Math.max(40, props.width - menuWidth(props.width, props.withImport) - 20);
  const fits = (text: string, size: number) => text.length * size * 0.6 <= room;
  const common = { x: 10, fontFamily: font.family, fontWeight: 600, fill: chrome.text } as const;
  const oneSize = Math.min(font.title, room / (full.length * 0.6));
  const split = twoLines(full);
  if (oneSize >= 12 || !split) {
    const size = Math.max(MIN_TITLE_SIZE, oneSize);
    const maxChars = Math.max(8, Math.floor(room / (size * 0.6)));
    const shown = full.length > maxChars ? `${full.slice(0, maxChars - 1)}…` : full;
    return (
      <text
        {...common}
        y={HEADER_HEIGHT / 2 + 4}
        fontSize={size}
        data-truncated={shown !== full ? 'true' : undefined}
      >
        <title>{full}</title>
        {shown}
      </text>
    );
  }
  const [l1, l2] = split;
  const longer = Math.max(l1.length, l2.length);
  const size = Math.max(MIN_TITLE_SIZE, Math.min(12, room / (longer * 0.6)));
  const cut = (t: string) =>
    fits(t, size) ? t : `${t.slice(0, Math.max(4, Math.floor(room / (size * 0.6)) - 1))}…`;
  const [a, b] = [cut(l1), cut(l2)];
  return (
    <text {...common} fontSize={size} data-truncated={a !== l1 || b !== l2 ? 'true' : undefined}>
      <title>{full}</title>
      <tspan x={10} y={HEADER_HEIGHT / 2 - size * 0.55 + 4}>
        {a}
      </tspan>
      <tspan x={10} y={HEADER_HEIGHT / 2 + size * 0.55 + 4}>
        {b}
      </tspan>
    </text>
  );
}
