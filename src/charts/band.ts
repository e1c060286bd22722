/** Pixel outline of the area between two curves (a mean ± sd band), pure. */
import { affine, isMonotone } from './decimate';
import { drawable, type Scale1D, type ScaleKind } from './scales';

/** One unbroken run of the band: per point its px, the py of the upper edge and of the lower edge. */
export type BandPiece = number[];

/**
 * Splits the band into runs of points where x, hi and lo are drawable. On a log axis a lower edge
 * ≤ 0 (mean − sd below zero) is drawn at `floor`, the bottom of the plot: the band then runs off
 * the axis instead of vanishing. With monotone x and more than 2 × `columns` points, each 1-px
 * column keeps only its envelope (the highest and the lowest edge), like the line decimation.
 */
export function bandPieces(
  x: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  xScale: Scale1D,
  yScale: Scale1D,
  xKind: ScaleKind,
  yKind: ScaleKind,
  floor: number,
  columns = Infinity,
): BandPiece[] {
  const n = Math.min(x.length, lo.length, hi.length);
  const fx = affine(xScale, xKind);
  const fy = affine(yScale, yKind);
  const sx = (v: number) => fx.a + fx.b * (xKind === 'log' ? Math.log(v) : v);
  const sy = (v: number) => fy.a + fy.b * (yKind === 'log' ? Math.log(v) : v);
  const envelope = n > 2 * columns && isMonotone(x);
  const pieces: BandPiece[] = [];
  let cur: BandPiece = [];
  const close = () => {
    if (cur.length) pieces.push(cur);
    cur = [];
  };
  for (let i = 0; i < n; i++) {
    const xv = x[i];
    const hv = hi[i];
    const lv = lo[i];
    const lowOffAxis = yKind === 'log' && lv <= 0;
    if (!drawable(xv, xKind) || !drawable(hv, yKind) || !(drawable(lv, yKind) || lowOffAxis)) {
      close();
      continue;
    }
    const px = sx(xv);
    const top = sy(hv);
    const bottom = lowOffAxis ? floor : sy(lv);
    const k = cur.length;
    if (envelope && k > 0 && Math.floor(cur[k - 3]) === Math.floor(px)) {
      cur[k - 2] = Math.min(cur[k - 2], top, bottom);
      cur[k - 1] = Math.max(cur[k - 1], top, bottom);
    } else if (envelope) cur.push(px, Math.min(top, bottom), Math.max(top, bottom));
    else cur.push(px, top, bottom);
  }
  close();
  return pieces;
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** SVG path: each piece along its upper edge left to right, back along its lower edge, closed. */
export function bandPath(pieces: BandPiece[]): string {
  let d = '';
  for (const p of pieces) {
    const m = p.length / 3;
    for (let i = 0; i < m; i++) d += `${i === 0 ? 'M' : 'L'}${r2(p[3 * i])},${r2(p[3 * i + 1])}`;
    for (let i = m - 1; i >= 0; i--) d += `L${r2(p[3 * i])},${r2(p[3 * i + 2])}`;
    d += 'Z';
  }
  return d;
}

/** The two edges as pixel polylines (NaN pairs between pieces), for legend placement. */
export function bandEdges(pieces: BandPiece[]): number[][] {
  const top: number[] = [];
  const bottom: number[] = [];
  for (const p of pieces) {
    for (let i = 0; i < p.length; i += 3) {
      top.push(p[i], p[i + 1]);
      bottom.push(p[i], p[i + 2]);
    }
    top.push(NaN, NaN);
    bottom.push(NaN, NaN);
  }
  return [top, bottom];
}
