import type { ReactNode } from 'react';
import { approxTextWidth, chrome, colors, font } from '../charts/theme';

/**
 * A small schematic drawn in SVG: boxes, arrows between them and labels, all passed in. It knows no
 * paper; an experiment lays out its own boxes (in viewBox units) and names them. The SVG scales with
 * its container (the viewBox keeps the proportions), so the same diagram serves the panel, the tour
 * card and a projector.
 */

/** A role's colour: the site's teacher and student hues, data in the theory grey. */
type DiagramTone = 'teacher' | 'student' | 'data' | 'neutral' | 'muted' | 'accent';

export interface DiagramBox {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** bold first line */
  title: string;
  /** smaller lines under the title */
  lines?: readonly string[];
  tone?: DiagramTone;
  /** drawn thicker, in the marker colour: the box the live params are about */
  emphasis?: boolean;
  /** extra drawing in the box's own coordinates (0,0 = its top-left corner), under the text */
  children?: ReactNode;
  testId?: string;
}

export interface DiagramArrow {
  from: string;
  /** the same id as `from`: a loop over the top of the box */
  to: string;
  /** one or two lines beside the arrow's middle */
  label?: string | readonly string[];
  /** bend: the control point's distance from the straight line (viewBox units; sign picks the side) */
  curve?: number;
  /** one or more lines on the other side of the arrow (live values under a name) */
  sublabel?: string | readonly string[];
  /** label side, relative to the direction of travel: left of it (default) or right */
  labelSide?: 'left' | 'right';
  emphasis?: boolean;
  /** a dash runs along the arrow (while a run streams); never under prefers-reduced-motion */
  flowing?: boolean;
  dashed?: boolean;
  tone?: DiagramTone;
  testId?: string;
}

export interface FlowDiagramProps {
  /** viewBox size; the SVG fills its container's width up to `maxScale` pixels per unit */
  width: number;
  height: number;
  boxes: readonly DiagramBox[];
  arrows: readonly DiagramArrow[];
  /** what the diagram shows, with the live values: the accessible name */
  ariaLabel: string;
  /** free text placed in viewBox coordinates (panel headings, notes) */
  notes?: readonly {
    x: number;
    y: number;
    text: string;
    anchor?: 'start' | 'middle' | 'end';
    bold?: boolean;
  }[];
  /** the largest on-screen size, as pixels per viewBox unit (keeps the text near the page's size) */
  maxScale?: number;
  testId?: string;
}

const toneColor: Record<DiagramTone, string> = {
  teacher: colors.teacher,
  student: colors.student,
  data: colors.theory,
  neutral: colors.measured,
  muted: colors.reference,
  accent: colors.selfDistillation,
};

const toneFill: Record<DiagramTone, string> = {
  teacher: '#fdf3e1',
  student: '#e3f4ee',
  data: '#f1f2f4',
  neutral: '#e6f0f8',
  muted: '#f6f6f6',
  accent: '#fbe9df',
};

/** A live value for a label: three significant digits without trailing zeros (0.01, 2.5, 1e-4). */
export function liveNumber(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(1).replace('.0e', 'e');
  return String(Number(v.toPrecision(3)));
}

/** Title and line sizes in viewBox units. */
const diagramFont = { title: 14, line: 12, label: 12 } as const;

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface Point {
  x: number;
  y: number;
}

/** Where the ray from the centre of `r` towards `p` leaves the rectangle (grown by `pad`). */
export function boxEdgePoint(r: Rect, p: Point, pad = 0): Point {
  const cx = r.x + r.w / 2;
  const cy = r.y + r.h / 2;
  const dx = p.x - cx;
  const dy = p.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const hw = r.w / 2 + pad;
  const hh = r.h / 2 + pad;
  const s = Math.min(dx === 0 ? Infinity : hw / Math.abs(dx), dy === 0 ? Infinity : hh / Math.abs(dy));
  return { x: cx + dx * s, y: cy + dy * s };
}

/**
 * An arrow's path between two boxes (a quadratic curve bent by `curve`, or a loop over the top when
 * from = to) and the point its label hangs from, with the unit normal to the label's side. Pure: no DOM.
 */
export function arrowGeometry(
  a: Rect,
  b: Rect,
  curve = 0,
  labelSide: 'left' | 'right' = 'left',
): { d: string; mid: Point; normal: Point } {
  if (a === b) {
    const cx = a.x + a.w / 2;
    const top = a.y;
    const r = Math.min(a.w / 3, 34);
    const h = 30 + Math.abs(curve);
    const d = `M ${cx + r} ${top} C ${cx + r} ${top - h}, ${cx - r} ${top - h}, ${cx - r} ${top - 3}`;
    return { d, mid: { x: cx, y: top - h * 0.75 }, normal: { x: 0, y: -1 } };
  }
  const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  const len = Math.hypot(cb.x - ca.x, cb.y - ca.y) || 1;
  // left of the direction of travel (y grows downwards)
  const nx = (cb.y - ca.y) / len;
  const ny = -(cb.x - ca.x) / len;
  const ctrl = { x: (ca.x + cb.x) / 2 + nx * curve, y: (ca.y + cb.y) / 2 + ny * curve };
  const p0 = boxEdgePoint(a, ctrl, 2);
  const p1 = boxEdgePoint(b, ctrl, 4);
  const mid = {
    x: 0.25 * p0.x + 0.5 * ctrl.x + 0.25 * p1.x,
    y: 0.25 * p0.y + 0.5 * ctrl.y + 0.25 * p1.y,
  };
  const side = labelSide === 'left' ? 1 : -1;
  const d =
    curve === 0
      ? `M ${p0.x} ${p0.y} L ${p1.x} ${p1.y}`
      : `M ${p0.x} ${p0.y} Q ${ctrl.x} ${ctrl.y} ${p1.x} ${p1.y}`;
  return { d, mid, normal: { x: nx * side, y: ny * side } };
}

const lines = (l: string | readonly string[] | undefined): readonly string[] =>
  l === undefined ? [] : typeof l === 'string' ? [l] : l;

function ArrowLabel({
  at,
  normal,
  text,
  emphasis,
}: {
  at: Point;
  normal: Point;
  text: readonly string[];
  emphasis: boolean;
}) {
  if (text.length === 0) return null;
  const size = diagramFont.label;
  const lh = size * 1.2;
  const widest = Math.max(...text.map((t) => approxTextWidth(t, size)));
  // Offset the block along the normal until it clears the line: its half-extent in that direction.
  const reach = Math.abs(normal.x) * (widest / 2) + Math.abs(normal.y) * ((text.length * lh) / 2) + 5;
  const cx = at.x + normal.x * reach;
  const cy = at.y + normal.y * reach;
  const top = cy - (text.length * lh) / 2 + size * 0.85;
  return (
    <text
      className="flow-arrow-label"
      x={cx}
      y={top}
      textAnchor="middle"
      fontSize={size}
      fontWeight={emphasis ? 700 : 400}
      fill={emphasis ? colors.marker : chrome.text}
      stroke={chrome.background}
      strokeWidth={3}
      strokeLinejoin="round"
      paintOrder="stroke"
    >
      {text.map((t, i) => (
        <tspan key={i} x={cx} dy={i === 0 ? 0 : lh}>
          {t}
        </tspan>
      ))}
    </text>
  );
}

export function FlowDiagram({
  width,
  height,
  boxes,
  arrows,
  ariaLabel,
  notes = [],
  maxScale = 1.1,
  testId,
}: FlowDiagramProps) {
  const byId = new Map(boxes.map((b) => [b.id, b]));
  return (
    <svg
      className="flow-diagram"
      role="img"
      aria-label={ariaLabel}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMidYMid meet"
      style={{ width: '100%', maxWidth: width * maxScale, height: 'auto' }}
      fontFamily={font.family}
      data-testid={testId}
    >
      <defs>
        {(Object.keys(toneColor) as DiagramTone[]).map((t) => (
          <marker
            key={t}
            id={`flow-head-${t}`}
            viewBox="0 0 10 10"
            refX="8"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill={toneColor[t]} />
          </marker>
        ))}
        <marker
          id="flow-head-emphasis"
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill={colors.marker} />
        </marker>
      </defs>
      {boxes.map((b) => {
        const tone = b.tone ?? 'neutral';
        return (
          <g key={b.id} transform={`translate(${b.x} ${b.y})`} data-testid={b.testId} className="flow-box">
            <rect
              width={b.w}
              height={b.h}
              rx={7}
              fill={toneFill[tone]}
              stroke={b.emphasis ? colors.marker : toneColor[tone]}
              strokeWidth={b.emphasis ? 3 : 1.5}
            />
            {b.children}
            <text
              x={b.w / 2}
              y={diagramFont.title + 5}
              textAnchor="middle"
              fontSize={diagramFont.title}
              fontWeight={700}
              fill={chrome.text}
            >
              {b.title}
            </text>
            {(b.lines ?? []).map((l, i) => (
              <text
                key={i}
                x={b.w / 2}
                y={diagramFont.title + 7 + (i + 1) * diagramFont.line * 1.25}
                textAnchor="middle"
                fontSize={diagramFont.line}
                fill={chrome.mutedText}
              >
                {l}
              </text>
            ))}
          </g>
        );
      })}
      {arrows.map((a, i) => {
        const from = byId.get(a.from);
        const to = byId.get(a.to);
        if (!from || !to) return null;
        const g = arrowGeometry(from, to, a.curve ?? 0, a.labelSide);
        const tone = a.tone ?? 'data';
        const stroke = a.emphasis ? colors.marker : toneColor[tone];
        const cls = ['flow-arrow', a.flowing ? 'flowing' : '', a.emphasis ? 'emphasis' : '']
          .filter(Boolean)
          .join(' ');
        return (
          <g key={`${a.from}-${a.to}-${i}`} className={cls} data-testid={a.testId}>
            <path
              d={g.d}
              fill="none"
              stroke={stroke}
              strokeWidth={a.emphasis ? 2.6 : 1.6}
              strokeDasharray={a.dashed ? '5 4' : undefined}
              markerEnd={`url(#flow-head-${a.emphasis ? 'emphasis' : tone})`}
            />
            {a.flowing && (
              <path className="flow-dash" d={g.d} fill="none" stroke={chrome.background} strokeWidth={1.2} />
            )}
            <ArrowLabel at={g.mid} normal={g.normal} text={lines(a.label)} emphasis={a.emphasis ?? false} />
            <ArrowLabel
              at={g.mid}
              normal={{ x: -g.normal.x, y: -g.normal.y }}
              text={lines(a.sublabel)}
              emphasis={a.emphasis ?? false}
            />
          </g>
        );
      })}
      {notes.map((n, i) => (
        <text
          key={i}
          x={n.x}
          y={n.y}
          textAnchor={n.anchor ?? 'start'}
          fontSize={diagramFont.title}
          fontWeight={n.bold ? 700 : 400}
          fill={chrome.text}
        >
          {n.text}
        </text>
      ))}
    </svg>
  );
}

/**
 * A schematic beside the figures: a small disclosure ("Schematic: …"), open by default, so a reader who
 * knows the picture can fold it away.
 */
export function SchematicDisclosure({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <details className="schematic" open data-testid={testId}>
      <summary>Schematic: {title}</summary>
      {children}
    </details>
  );
}
