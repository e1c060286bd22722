import { useMemo } from 'react';
import { cachedEllipsePixels, type Cov2 } from '../ellipse';
import { usePlot } from '../plotContext';
import { dashArray, type Dash } from '../theme';

export interface EllipseMarkProps {
  id: string;
  center: [number, number];
  cov: Cov2;
  /** k-sigma contour. */
  k: number;
  color: string;
  dash?: Dash;
  width?: number;
  opacity?: number;
  /** drawn for a linked equation term (charts/linkedTerms.ts): on the path as data-linked, for tests */
  linked?: 'active' | 'dimmed';
}

/** The k-sigma contour of a 2-D covariance; nothing when the covariance is not positive semi-definite. */
export function EllipseMark(props: EllipseMarkProps) {
  const { id, center, cov, k, color, dash, width = 1.75, opacity, linked } = props;
  const { layout } = usePlot();
  const [cx, cy] = center;
  const [[a, b], [, d]] = cov;
  // By value: callers rebuild the arrays on every frame while the ellipse rarely moves.
  const p = useMemo(
    () =>
      cachedEllipsePixels(
        [cx, cy],
        [
          [a, b],
          [b, d],
        ],
        k,
        layout.x,
        layout.y,
      ),
    [cx, cy, a, b, d, k, layout.x, layout.y],
  );
  if (!p) return null;
  return (
    <path
      data-ellipse-id={id}
      data-linked={linked}
      strokeOpacity={opacity}
      d={p.d}
      fill="none"
      stroke={color}
      strokeWidth={width}
      strokeDasharray={dashArray(dash, width)}
    />
  );
}
