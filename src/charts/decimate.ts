/** Series → screen pixels, with gaps for undrawable points and min/max decimation for dense series. */
import { drawable, type Scale1D, type ScaleKind } from './scales';

/**
 * Scale as p = a + b·v (linear) or p = a + b·ln v (log). Calling a d3 scale per point costs ~10× the
 * arithmetic, which matters at 10^5 points per frame.
 */
export function affine(scale: Scale1D, kind: ScaleKind): { a: number; b: number } {
  const [d0, d1] = scale.domain() as [number, number];
  const [r0, r1] = scale.range() as [number, number];
  const t0 = kind === 'log' ? Math.log(d0) : d0;
  const t1 = kind === 'log' ? Math.log(d1) : d1;
  const b = t1 === t0 ? 0 : (r1 - r0) / (t1 - t0);
  return { a: r0 - b * t0, b };
}

export interface PixelSeries {
  /** Interleaved px,py; a NaN pair marks a gap (line break). */
  xy: number[];
  /** Number of (x,y) pairs used in `xy`. */
  count: number;
  /** True when finite x values never decrease (or never increase): enables binary search and decimation. */
  monotone: boolean;
}

/** Keeps absurd coordinates (far outside an explicit domain) from overflowing the SVG renderer. */
const PX_LIMIT = 1e6;
const clampPx = (v: number) => (v > PX_LIMIT ? PX_LIMIT : v < -PX_LIMIT ? -PX_LIMIT : v);

export function isMonotone(x: ArrayLike<number>): boolean {
  let dir = 0;
  let prev = NaN;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) continue;
    if (prev === prev) {
      const d = v > prev ? 1 : v < prev ? -1 : 0;
      if (d !== 0) {
        if (dir !== 0 && d !== dir) return false;
        dir = d;
      }
    }
    prev = v;
  }
  return true;
}

/**
 * Maps a series to pixels. Undrawable points (non-finite; non-positive on a log axis) break the line.
 * When x is monotone and there are more than `2 × columns` points, each 1-px column keeps only its
 * min and max y (in original order), which preserves the visual envelope of noisy curves.
 */
export function toPixels(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  xScale: Scale1D,
  yScale: Scale1D,
  xKind: ScaleKind,
  yKind: ScaleKind,
  columns: number,
): PixelSeries {
  const n = Math.min(x.length, y.length);
  const fx = affine(xScale, xKind);
  const fy = affine(yScale, yKind);
  const xLog = xKind === 'log';
  const yLog = yKind === 'log';
  const sx = (v: number) => fx.a + fx.b * (xLog ? Math.log(v) : v);
  const sy = (v: number) => fy.a + fy.b * (yLog ? Math.log(v) : v);
  const monotone = isMonotone(x);
  const decimate = monotone && n > 2 * Math.max(1, columns);
  const out: number[] = [];
  let gapOpen = true; // suppress a leading gap marker
  const gap = () => {
    if (gapOpen) return;
    out.push(NaN, NaN);
    gapOpen = true;
  };
  const push = (px: number, py: number) => {
    out.push(px, py);
    gapOpen = false;
  };

  if (!decimate) {
    for (let i = 0; i < n; i++) {
      const xv = x[i];
      const yv = y[i];
      if (!drawable(xv, xKind) || !drawable(yv, yKind)) gap();
      else push(clampPx(sx(xv)), clampPx(sy(yv)));
    }
    return { xy: out, count: out.length / 2, monotone };
  }

  // Per-column state: pixel x of the first point, min/max py and where they occurred.
  let col = NaN;
  let colPx = 0;
  let minPy = 0;
  let maxPy = 0;
  let minI = -1;
  let maxI = -1;
  const flush = () => {
    if (minI < 0) return;
    if (minI === maxI) push(colPx, minPy);
    else if (minI < maxI) {
      push(colPx, minPy);
      push(colPx, maxPy);
    } else {
      push(colPx, maxPy);
      push(colPx, minPy);
    }
    minI = maxI = -1;
  };
  for (let i = 0; i < n; i++) {
    const xv = x[i];
    const yv = y[i];
    if (!drawable(xv, xKind) || !drawable(yv, yKind)) {
      flush();
      col = NaN;
      gap();
      continue;
    }
    const px = clampPx(sx(xv));
    const py = clampPx(sy(yv));
    const c = Math.floor(px);
    if (c !== col) {
      flush();
      col = c;
      colPx = px;
      minPy = maxPy = py;
      minI = maxI = i;
    } else if (py < minPy) {
      minPy = py;
      minI = i;
    } else if (py > maxPy) {
      maxPy = py;
      maxI = i;
    }
  }
  flush();
  return { xy: out, count: out.length / 2, monotone };
}

/** SVG path data for a PixelSeries; NaN pairs start a new sub-path. */
export function pixelPath(ps: PixelSeries): string {
  const parts: string[] = [];
  let move = true;
  for (let i = 0; i < ps.count; i++) {
    const px = ps.xy[2 * i];
    const py = ps.xy[2 * i + 1];
    if (px !== px) {
      move = true;
      continue;
    }
    parts.push(`${move ? 'M' : 'L'}${Math.round(px * 10) / 10},${Math.round(py * 10) / 10}`);
    move = false;
  }
  return parts.join('');
}

/**
 * Index of the point whose x is nearest `target` among points with drawable x, or -1.
 * Binary search when x is monotone, linear scan otherwise.
 */
export function nearestIndex(
  x: ArrayLike<number>,
  n: number,
  target: number,
  monotone: boolean,
  xKind: ScaleKind,
): number {
  if (n === 0) return -1;
  let best = -1;
  let bestD = Infinity;
  const consider = (i: number) => {
    if (i < 0 || i >= n || !drawable(x[i], xKind)) return;
    const d = xKind === 'log' ? Math.abs(Math.log(x[i] / target)) : Math.abs(x[i] - target);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  };
  if (monotone && Number.isFinite(x[0]) && Number.isFinite(x[n - 1])) {
    const asc = x[n - 1] >= x[0];
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = x[mid];
      // Non-finite x inside a monotone series is rare; treat as "go right" to keep the search total.
      if (!Number.isFinite(v) || (asc ? v < target : v > target)) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 2; i <= lo + 1; i++) consider(i);
  } else {
    for (let i = 0; i < n; i++) consider(i);
  }
  return best;
}
