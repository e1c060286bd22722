/** Pure helpers for the draggable vertical marker of LineChart (no DOM, no React). */
import { format, precisionFixed } from 'd3';
import { formatValue, type ScaleKind } from './scales';

/** Clamps `v` into the domain (either orientation); NaN becomes the domain's lower end. */
export function clampToDomain(v: number, domain: readonly [number, number]): number {
  const lo = Math.min(domain[0], domain[1]);
  const hi = Math.max(domain[0], domain[1]);
  if (Number.isNaN(v)) return lo;
  return Math.min(Math.max(v, lo), hi);
}

/** The subset of a d3 continuous scale the marker needs. */
export interface InvertibleScale {
  (v: number): number;
  invert(px: number): number;
  domain(): number[];
}

/**
 * Data-space x under pixel `px` (plot coordinates), clamped to the scale's domain; for the pointer.
 * Pixels outside the plot land on the nearest domain end.
 */
export function markerValueAt(scale: InvertibleScale, px: number): number {
  const d = scale.domain();
  return clampToDomain(scale.invert(px), [d[0], d[d.length - 1]]);
}

/**
 * Moves `v` by `frac` of the axis length in screen space (for the keyboard). On a linear axis this is
 * `frac` of the domain; on a log axis it is the same visual step (a constant factor). The result is
 * clamped to the domain; a value off the axis (e.g. ≤ 0 on log) restarts from the domain's lower end.
 */
export function stepMarker(scale: InvertibleScale, v: number, frac: number): number {
  const d = scale.domain();
  const dom: [number, number] = [d[0], d[d.length - 1]];
  const start = clampToDomain(v, dom);
  const p0 = scale(dom[0]);
  const p1 = scale(dom[1]);
  const p = scale(start);
  const from = Number.isFinite(p) ? p : p0;
  return clampToDomain(scale.invert(from + frac * (p1 - p0)), dom);
}

/** Coalesces calls to one per animation frame, delivering the latest value. */
export interface FrameThrottle<T> {
  push(value: T): void;
  /** Delivers a pending value now (e.g. on pointer-up) and cancels the scheduled frame. */
  flush(): void;
  /** Drops a pending value (e.g. on unmount). */
  cancel(): void;
}

export function frameThrottle<T>(
  deliver: (value: T) => void,
  request: (cb: () => void) => number = (cb) => requestAnimationFrame(cb),
  cancelRequest: (id: number) => void = (id) => cancelAnimationFrame(id),
): FrameThrottle<T> {
  let pending: { value: T } | null = null;
  let id: number | null = null;
  const run = () => {
    id = null;
    const p = pending;
    pending = null;
    if (p) deliver(p.value);
  };
  return {
    push(value) {
      pending = { value };
      if (id === null) id = request(run);
    },
    flush() {
      if (id !== null) cancelRequest(id);
      run();
    },
    cancel() {
      if (id !== null) cancelRequest(id);
      id = null;
      pending = null;
    },
  };
}

/**
 * Marker value text at a precision suited to the axis: on linear axes, fixed decimals resolving
 * ~1/1000 of the span with thousands separators like the tick labels ("12,026", "0.437"); on log
 * axes or for very large/small magnitudes, formatValue's 4 significant digits.
 */
export function formatMarkerValue(v: number, domain: readonly [number, number], kind: ScaleKind): string {
  const span = Math.abs(domain[1] - domain[0]);
  const mag = Math.max(Math.abs(domain[0]), Math.abs(domain[1]));
  if (kind === 'log' || !Number.isFinite(v) || !(span > 0) || mag >= 1e7 || mag < 1e-3) return formatValue(v);
  // d3-format writes a true minus sign and drops it from values that round to zero.
  return format(`,.${precisionFixed(span / 1000)}f`)(v);
}
