/** Chooses the plot corner where the legend hides the least data (top-right unless clearly worse). */

export type Corner = 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const CORNERS: Corner[] = ['top-right', 'top-left', 'bottom-right', 'bottom-left'];

export function cornerRect(
  corner: Corner,
  plotW: number,
  plotH: number,
  w: number,
  h: number,
  inset = 8,
): Rect {
  const x = corner.endsWith('right') ? plotW - w - inset : inset;
  const y = corner.startsWith('top') ? inset : plotH - h - inset;
  return { x, y, w, h };
}

/** Liang–Barsky: does segment (x0,y0)-(x1,y1) touch the rectangle? */
function segmentHitsRect(x0: number, y0: number, x1: number, y1: number, r: Rect): boolean {
  const rx1 = r.x + r.w;
  const ry1 = r.y + r.h;
  // Most segments lie wholly to one side of a corner's box: reject those before clipping (the clip's
  // arrays per call were most of a legend placement, redone as a run's paths grow).
  if ((x0 < r.x && x1 < r.x) || (x0 > rx1 && x1 > rx1) || (y0 < r.y && y1 < r.y) || (y0 > ry1 && y1 > ry1))
    return false;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const t = [0, 1];
  return clip(-dx, x0 - r.x, t) && clip(dx, rx1 - x0, t) && clip(-dy, y0 - r.y, t) && clip(dy, ry1 - y0, t);
}

/** One Liang–Barsky edge test, narrowing [t[0], t[1]]; false once the segment is outside. */
function clip(p: number, q: number, t: number[]): boolean {
  if (p === 0) return q >= 0;
  const u = q / p;
  if (p < 0) t[0] = Math.max(t[0], u);
  else t[1] = Math.min(t[1], u);
  return t[0] <= t[1];
}

export interface Obstacles {
  /** Pixel polylines (interleaved x,y; NaN pair = gap); segments count as covered data. */
  lines: ArrayLike<number>[];
  /** Pixel point clouds (interleaved x,y). */
  points: ArrayLike<number>[];
  /** Points that must stay visible (e.g. markers); weigh heavily. */
  important?: [number, number][];
}

function score(r: Rect, obs: Obstacles): number {
  let s = 0;
  for (const line of obs.lines) {
    for (let i = 0; i + 3 < line.length; i += 2) {
      const x0 = line[i];
      const y0 = line[i + 1];
      const x1 = line[i + 2];
      const y1 = line[i + 3];
      if (x0 !== x0 || x1 !== x1) continue;
      if (segmentHitsRect(x0, y0, x1, y1, r)) s++;
    }
  }
  for (const pts of obs.points) {
    for (let i = 0; i + 1 < pts.length; i += 2) {
      const x = pts[i];
      const y = pts[i + 1];
      if (x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h) s++;
    }
  }
  for (const [x, y] of obs.important ?? []) {
    if (x >= r.x - 6 && x <= r.x + r.w + 6 && y >= r.y - 6 && y <= r.y + r.h + 6) s += 1e6;
  }
  return s;
}

/** Top-right by default; moves only when another corner covers clearly less (avoids jumping around). */
export function pickLegendCorner(plotW: number, plotH: number, w: number, h: number, obs: Obstacles): Corner {
  const scores = CORNERS.map((c) => score(cornerRect(c, plotW, plotH, w, h), obs));
  const best = Math.min(...scores);
  if (scores[0] <= best * 1.5 + 3) return 'top-right';
  return CORNERS[scores.indexOf(best)];
}
