/** Colour scales for heatmaps (pure): perceptually uniform and safe for colour-vision deficiencies. */
import { color as parseColor, interpolateRdBu, interpolateViridis, scaleLinear } from 'd3';

/** 'sequential' (viridis) for values of one sign, 'diverging' (blue–white–red) around zero. */
export type ColorScheme = 'sequential' | 'diverging';

export interface ColorScale {
  (v: number): string;
  scheme: ColorScheme;
  domain: [number, number];
  /** Round values for the colour bar's labels. */
  ticks(count: number): number[];
}

/** Cells with no value (NaN) are grey, a colour neither scheme uses. */
export const MISSING_COLOR = '#d4d4d4';

export function makeColorScale(scheme: ColorScheme, domain: [number, number]): ColorScale {
  const [lo, hi] = domain;
  // Blue for negative, red for positive: the reading a diverging map usually gets.
  const interp = scheme === 'sequential' ? interpolateViridis : (t: number) => interpolateRdBu(1 - t);
  const f = (v: number) => {
    if (!Number.isFinite(v)) return MISSING_COLOR;
    const t = hi === lo ? 0.5 : Math.min(Math.max((v - lo) / (hi - lo), 0), 1);
    const c = interp(t);
    return parseColor(c)?.formatHex() ?? c;
  };
  return Object.assign(f, {
    scheme,
    domain: [lo, hi] as [number, number],
    ticks: (count: number) => scaleLinear().domain([lo, hi]).ticks(count),
  });
}

/** Finite [min, max] over a matrix given as rows; null when it holds no finite value. */
export function matrixExtent(rows: readonly ArrayLike<number>[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of rows) {
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Domain for a matrix: its range (sequential), or symmetric about 0 so white means zero (diverging). */
export function colorDomain(rows: readonly ArrayLike<number>[], scheme: ColorScheme): [number, number] {
  const ext = matrixExtent(rows) ?? [0, 1];
  if (scheme === 'diverging') {
    const m = Math.max(Math.abs(ext[0]), Math.abs(ext[1])) || 1;
    return [-m, m];
  }
  return ext[0] === ext[1] ? [ext[0] - 0.5, ext[1] + 0.5] : ext;
}
