/** Geometry of covariance ellipses {x : (x-c)ᵀ C⁻¹ (x-c) = k²}, kept pure so it can be unit tested. */

export type Cov2 = [[number, number], [number, number]];

export interface EllipseAxes {
  /** Semi-axis lengths at 1σ, i.e. square roots of the eigenvalues (major ≥ minor ≥ 0). */
  major: number;
  minor: number;
  /** Angle of the major axis from +x, radians, in (-π/2, π/2]. */
  angle: number;
}

/**
 * Eigen-decomposition of a symmetric 2×2 covariance. Returns null when the matrix has non-finite
 * entries or is not positive semi-definite (beyond round-off), so callers can skip drawing it.
 */
export function ellipseAxes(cov: Cov2): EllipseAxes | null {
  const a = cov[0][0];
  const d = cov[1][1];
  // Use the symmetric part: tiny asymmetries from accumulated float error should not matter.
  const b = (cov[0][1] + cov[1][0]) / 2;
  if (![a, b, d].every(Number.isFinite)) return null;
  const mean = (a + d) / 2;
  const radius = Math.hypot((a - d) / 2, b);
  const l1 = mean + radius;
  const l2 = mean - radius;
  // Tolerance relative to the matrix scale: a numerically singular PSD matrix may give -1e-17.
  const tol = 1e-12 * Math.max(Math.abs(a), Math.abs(d), Math.abs(b), Number.MIN_VALUE);
  if (l2 < -tol || l1 < -tol) return null;
  const angle = radius === 0 ? 0 : 0.5 * Math.atan2(2 * b, a - d);
  return { major: Math.sqrt(Math.max(l1, 0)), minor: Math.sqrt(Math.max(l2, 0)), angle };
}

/**
 * `segments` points on the k-sigma ellipse (not closed: the first point is not repeated).
 * Empty when the covariance is invalid or the inputs are non-finite.
 */
export function ellipsePoints(
  center: [number, number],
  cov: Cov2,
  k: number,
  segments = 128,
): [number, number][] {
  const axes = ellipseAxes(cov);
  if (!axes || !Number.isFinite(k) || k < 0 || !Number.isFinite(center[0]) || !Number.isFinite(center[1])) {
    return [];
  }
  const n = Math.max(3, Math.floor(segments));
  const cos = Math.cos(axes.angle);
  const sin = Math.sin(axes.angle);
  const ra = k * axes.major;
  const rb = k * axes.minor;
  const out: [number, number][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const u = ra * Math.cos(t);
    const v = rb * Math.sin(t);
    out[i] = [center[0] + cos * u - sin * v, center[1] + sin * u + cos * v];
  }
  return out;
}

/** Axis-aligned bounding box of the k-sigma ellipse: half-widths are k·sqrt(Cxx), k·sqrt(Cyy). */
export function ellipseBounds(
  center: [number, number],
  cov: Cov2,
  k: number,
): { x: [number, number]; y: [number, number] } | null {
  if (!ellipseAxes(cov) || !Number.isFinite(k)) return null;
  const hx = k * Math.sqrt(Math.max(cov[0][0], 0));
  const hy = k * Math.sqrt(Math.max(cov[1][1], 0));
  if (!Number.isFinite(hx + hy + center[0] + center[1])) return null;
  return { x: [center[0] - hx, center[0] + hx], y: [center[1] - hy, center[1] + hy] };
}

/**
 * The k-sigma ellipse in px through the scales `x`, `y`: SVG path data and the points (for legend
 * placement); null when the covariance is invalid or a point does not map to a finite pixel.
 */
function ellipsePixels(
  center: [number, number],
  cov: Cov2,
  k: number,
  x: (v: number) => number,
  y: (v: number) => number,
  // 64 chords stray under 0.4 px from a 300 px ellipse (area 0.16 % short) at half the cost of 128: a
  // slider redraws a grid's 16 ellipses in the input's frame
  segments = 64,
): { d: string; px: [number, number][] } | null {
  const px = ellipsePoints(center, cov, k, segments).map(([a, b]) => [x(a), y(b)] as [number, number]);
  if (!px.length || !px.every(([a, b]) => Number.isFinite(a) && Number.isFinite(b))) return null;
  return { d: `M${px.map(([a, b]) => `${a.toFixed(2)},${b.toFixed(2)}`).join('L')}Z`, px };
}

type Scale = (v: number) => number;
const pixelCache = new WeakMap<Scale, WeakMap<Scale, Map<string, ReturnType<typeof ellipsePixels>>>>();
/** Entries kept per pair of scales: a figure's ellipses at a few recent parameter values. */
const CACHE_ENTRIES = 64;

/**
 * `ellipsePixels` remembered per pair of scales (a layout's scales never change): the legend placement
 * and the ellipse mark ask for the same contour on every render of a figure.
 */
export function cachedEllipsePixels(center: [number, number], cov: Cov2, k: number, x: Scale, y: Scale) {
  let byY = pixelCache.get(x);
  if (!byY) pixelCache.set(x, (byY = new WeakMap()));
  let cache = byY.get(y);
  if (!cache) byY.set(y, (cache = new Map()));
  const key = `${center[0]},${center[1]},${cov[0][0]},${cov[0][1]},${cov[1][1]},${k}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  const p = ellipsePixels(center, cov, k, x, y);
  if (cache.size >= CACHE_ENTRIES) cache.clear();
  cache.set(key, p);
  return p;
}
