import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Rect } from '../legendPlacement';
import {
  clampToDomain,
  formatMarkerValue,
  frameThrottle,
  markerValueAt,
  stepMarker,
  type FrameThrottle,
} from '../markerDrag';
import { usePlot } from '../plotContext';
import { approxTextWidth, chrome, colors, font, haloLabel } from '../theme';

export interface LineMarker {
  /** Data-space x of the line. */
  x: number;
  /** Drawn next to the handle (as "label = x") and used as the slider's aria-label; default "marker". */
  label?: string;
  /** Makes the marker draggable / keyboard-operable; called with the new data-space x (clamped). */
  onChange?: (x: number) => void;
}

const KEY_STEPS: Record<string, number> = {
  ArrowLeft: -0.01,
  ArrowDown: -0.01,
  ArrowRight: 0.01,
  ArrowUp: 0.01,
  PageDown: -0.1,
  PageUp: 0.1,
};

/** Handle: a small tab straddling the top edge of the plot, pointing down at the line. */
const HANDLE_PATH = 'M-6,-7H6V3L0,9L-6,3Z';

/**
 * Vertical marker line at data-space x, for Plot's `front` slot (above the pointer layer, unclipped).
 * Controlled: it shows `marker.x`; drags report new values via `onChange`, at most once per animation
 * frame, and move the frame's hover readout along; its label keeps clear of the legend.
 */
export function MarkerMark({ marker }: { marker: LineMarker }) {
  const { layout, legendRect: avoid, setHover } = usePlot();
  const { x, xKind } = layout;
  const { plotW, plotH } = layout.frame;
  const onHover = (px: number | null) => setHover(px === null ? null : { px, py: null });
  const { label, onChange } = marker;
  const name = label ?? 'marker';
  const interactive = onChange !== undefined;
  const domain = x.domain() as [number, number];
  const value = marker.x;
  const rawPx = x(clampToDomain(value, domain));
  const px = Number.isFinite(rawPx) ? Math.min(Math.max(rawPx, 0), plotW) : 0;

  const originRef = useRef<SVGRectElement>(null);
  const sliderRef = useRef<SVGGElement>(null);
  const grab = useRef<{ pointerId: number; offset: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [focused, setFocused] = useState(false);
  const pointerFocus = useRef(false);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  const throttle = useRef<FrameThrottle<number> | null>(null);
  useEffect(() => {
    const t = frameThrottle<number>((v) => onChangeRef.current?.(v));
    throttle.current = t;
    return () => {
      t.cancel();
      throttle.current = null;
    };
  }, []);

  const plotX = (e: PointerEvent) => {
    const r = originRef.current?.getBoundingClientRect();
    return r ? e.clientX - r.left : NaN;
  };

  const onPointerDown = (e: PointerEvent<SVGGElement>) => {
    if (!interactive || e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    // Keep the grab offset so the line does not jump to the pointer on the first move.
    grab.current = { pointerId: e.pointerId, offset: plotX(e) - px };
    setDragging(true);
    pointerFocus.current = true;
    sliderRef.current?.focus({ preventScroll: true });
    pointerFocus.current = false;
  };
  const onPointerMove = (e: PointerEvent<SVGGElement>) => {
    const p = plotX(e);
    const g = grab.current;
    if (g && g.pointerId === e.pointerId) {
      const target = Math.min(Math.max(p - g.offset, 0), plotW);
      if (Number.isFinite(target)) {
        throttle.current?.push(markerValueAt(x, target));
        onHover(target);
      }
    } else if (Number.isFinite(p)) {
      onHover(Math.min(Math.max(p, 0), plotW));
    }
  };
  const endDrag = (e: PointerEvent<SVGGElement>) => {
    if (!grab.current || grab.current.pointerId !== e.pointerId) return;
    grab.current = null;
    setDragging(false);
    throttle.current?.flush();
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const sent = useRef<{ from: number; to: number } | null>(null);
  const onKeyDown = (e: KeyboardEvent<SVGGElement>) => {
    if (!onChange) return;
    // Keys can outrun the re-render (panels render from a deferred state): step from the value this
    // marker last sent while the prop still shows the one it was sent from.
    const from = sent.current && sent.current.from === value ? sent.current.to : value;
    let next: number;
    if (e.key === 'Home') next = Math.min(domain[0], domain[1]);
    else if (e.key === 'End') next = Math.max(domain[0], domain[1]);
    else if (e.key in KEY_STEPS) next = stepMarker(x, from, KEY_STEPS[e.key] * (e.shiftKey ? 10 : 1));
    else return;
    e.preventDefault();
    setFocused(true);
    throttle.current?.cancel();
    sent.current = { from: value, to: next };
    onChange(next);
  };

  const valueText = formatMarkerValue(value, domain, xKind);
  const text = label ? `${label} = ${valueText}` : valueText;
  const lab = labelPlacement(px, approxTextWidth(text, font.legend + 1) * 1.05, plotW, avoid);
  const color = colors.marker;
  return (
    <g
      ref={sliderRef}
      data-marker-x={value}
      role={interactive ? 'slider' : undefined}
      tabIndex={interactive ? 0 : undefined}
      aria-label={interactive ? name : undefined}
      aria-valuenow={interactive ? value : undefined}
      aria-valuemin={interactive ? Math.min(domain[0], domain[1]) : undefined}
      aria-valuemax={interactive ? Math.max(domain[0], domain[1]) : undefined}
      aria-valuetext={interactive ? text : undefined}
      aria-orientation={interactive ? 'horizontal' : undefined}
      pointerEvents={interactive ? undefined : 'none'}
      style={{ outline: 'none', cursor: interactive ? 'ew-resize' : undefined, touchAction: 'none' }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onLostPointerCapture={endDrag}
      onPointerLeave={() => {
        if (!grab.current) onHover(null);
      }}
      onKeyDown={onKeyDown}
      onFocus={() => setFocused(!pointerFocus.current)}
      onBlur={() => setFocused(false)}
    >
      <rect
        ref={originRef}
        width={plotW}
        height={plotH}
        fill="none"
        pointerEvents="none"
        data-export="ignore"
      />
      <line x1={px} x2={px} y1={0} y2={plotH} stroke={color} strokeWidth={dragging ? 2 : 1.5} />
      <text
        x={lab.left ? px - 10 : px + 10}
        y={lab.y}
        textAnchor={lab.left ? 'end' : 'start'}
        {...haloLabel}
        fill={color}
        pointerEvents="none"
      >
        {text}
      </text>
      <g data-export="ignore" transform={`translate(${px},0)`}>
        {interactive && <rect x={-6} y={0} width={12} height={plotH} fill="transparent" />}
        {focused && <path d={HANDLE_PATH} fill="none" stroke={color} strokeOpacity={0.35} strokeWidth={6} />}
        <path d={HANDLE_PATH} fill={color} stroke={chrome.background} strokeWidth={1.25} />
        {interactive && (
          <path d="M-2,-4V1M2,-4V1" stroke={chrome.background} strokeWidth={1} strokeLinecap="round" />
        )}
      </g>
    </g>
  );
}

const LABEL_Y = 20;
const LABEL_H = 16;

/**
 * Label beside the line near the top: right of it unless that overflows the plot, on the other side
 * if the legend is in the way, and below the legend if both sides collide with it.
 */
function labelPlacement(px: number, w: number, plotW: number, avoid?: Rect | null) {
  const box = (left: boolean, y: number): Rect => ({
    x: left ? px - 10 - w : px + 10,
    y: y - LABEL_H + 4,
    w,
    h: LABEL_H,
  });
  const hits = (r: Rect) =>
    !!avoid &&
    r.x < avoid.x + avoid.w &&
    r.x + r.w > avoid.x &&
    r.y < avoid.y + avoid.h &&
    r.y + r.h > avoid.y;
  const fits = (left: boolean) => (left ? px - 10 - w >= 0 : px + 10 + w <= plotW);
  const preferLeft = !fits(false);
  for (const left of [preferLeft, !preferLeft]) {
    if (fits(left) && !hits(box(left, LABEL_Y))) return { left, y: LABEL_Y };
  }
  const y = avoid && hits(box(preferLeft, LABEL_Y)) ? avoid.y + avoid.h + LABEL_H : LABEL_Y;
  return { left: preferLeft, y };
}
