import { binHeight, type Histogram, type HistogramScale } from '../histogram';
import { usePlot } from '../plotContext';

export interface HistogramMarkProps {
  /** From binValues(); the figure bins first because the y domain depends on the tallest bar. */
  histogram: Histogram;
  color: string;
  /** Bar height: count (default), fraction of all values, or density (integrates to 1). */
  scale?: HistogramScale;
  opacity?: number;
}

/** Adjacent bars from x0 to x1 of each bin, from 0 up to its height; a hairline gap while bars are wide. */
export function HistogramMark({ histogram, color, scale = 'count', opacity = 0.85 }: HistogramMarkProps) {
  const { layout } = usePlot();
  const { x, y, frame } = layout;
  // On a log axis a bar grows from the bottom of the plot, as there is no zero.
  const base = layout.yKind === 'log' ? frame.plotH : Math.min(Math.max(y(0), 0), frame.plotH);
  return (
    <g data-layer="histogram" fill={color} fillOpacity={opacity}>
      {histogram.bins.map((b, i) => {
        const x0 = x(b.x0);
        const x1 = x(b.x1);
        const top = y(binHeight(b, histogram.total, scale));
        const gap = x1 - x0 > 6 ? 1 : 0;
        if (!Number.isFinite(x0 + x1 + top) || b.count === 0) return null;
        return (
          <rect
            key={i}
            data-bin={i}
            data-count={b.count}
            x={x0 + gap / 2}
            y={Math.min(top, base)}
            width={Math.max(0, x1 - x0 - gap)}
            height={Math.abs(base - top)}
          />
        );
      })}
    </g>
  );
}
