import { useMemo } from 'react';
import { pixelPath, toPixels, type PixelSeries } from '../decimate';
import { usePlot } from '../plotContext';
import { dashArray, type Dash } from '../theme';

export interface LineMarkProps {
  id: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  width?: number;
  dash?: Dash;
  /** Pixels already computed by the figure (it needed them to place the legend); else computed here. */
  pixels?: PixelSeries;
  /** stroke opacity: a pinned earlier run is drawn dimmed beneath the live curves */
  opacity?: number;
  /** drawn for a linked equation term (charts/linkedTerms.ts): on the path as data-linked, for tests */
  linked?: 'active' | 'dimmed';
}

/** A polyline through (x, y), broken at undrawable points and decimated to the pixel columns. */
export function LineMark(props: LineMarkProps) {
  const { id, x, y, color, width = 1.75, dash, pixels, opacity, linked } = props;
  const { layout } = usePlot();
  const d = useMemo(() => {
    const ps = pixels ?? toPixels(x, y, layout.x, layout.y, layout.xKind, layout.yKind, layout.frame.plotW);
    return pixelPath(ps);
  }, [pixels, x, y, layout]);
  if (!d) return null;
  return (
    <path
      data-series-id={id}
      data-linked={linked}
      d={d}
      fill="none"
      stroke={color}
      strokeWidth={width}
      strokeOpacity={opacity}
      strokeDasharray={dashArray(dash, width)}
      strokeLinejoin="round"
      strokeLinecap="round"
    />
  );
}
