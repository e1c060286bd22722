import { useMemo } from 'react';
import { bandPath, bandPieces, type BandPiece } from '../band';
import { usePlot } from '../plotContext';

export interface BandMarkProps {
  id: string;
  x: ArrayLike<number>;
  /** Lower and upper edge per x, e.g. mean − sd and mean + sd. */
  lo: ArrayLike<number>;
  hi: ArrayLike<number>;
  color: string;
  /** Fill opacity; light, so lines drawn over the band stay readable. */
  opacity?: number;
  /** Pieces already computed by the figure (for its legend placement); else computed here. */
  pieces?: BandPiece[];
}

/** Filled area between `lo` and `hi` (mean ± sd over seeds), drawn beneath its line. */
export function BandMark({ id, x, lo, hi, color, opacity = 0.2, pieces }: BandMarkProps) {
  const { layout } = usePlot();
  const d = useMemo(() => {
    const { x: xs, y: ys, xKind, yKind, frame } = layout;
    return bandPath(pieces ?? bandPieces(x, lo, hi, xs, ys, xKind, yKind, frame.plotH + 2, frame.plotW));
  }, [pieces, x, lo, hi, layout]);
  if (!d) return null;
  return <path data-band-id={id} d={d} fill={color} fillOpacity={opacity} stroke="none" />;
}
