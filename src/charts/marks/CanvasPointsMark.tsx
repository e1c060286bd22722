import { useLayoutEffect, useRef } from 'react';
import { drawLayers } from '../drawLayers';
import { usePlot } from '../plotContext';

export interface CanvasLayerSpec {
  /** Interleaved x0,y0,x1,y1,… in data units. */
  xy: ArrayLike<number>;
  /** Number of points to use; default xy.length/2. */
  count?: number;
  color: string;
  kind: 'path' | 'points';
  alpha?: number;
  /** Line width (path) or square side (points), CSS px. */
  size?: number;
}

export const layerCount = (l: CanvasLayerSpec) =>
  Math.max(0, Math.min(l.count ?? Infinity, Math.floor(l.xy.length / 2)));
export const layerAlpha = (l: CanvasLayerSpec) => l.alpha ?? (l.kind === 'points' ? 0.35 : 0.9);
export const layerSize = (l: CanvasLayerSpec) => l.size ?? (l.kind === 'points' ? 2 : 1.25);

/**
 * Dense 2-D data (10⁵ chain samples, 10⁶-step paths) on a canvas covering exactly the plot area:
 * SVG would choke on it. Goes in Plot's `canvas` slot; linear axes only (the draw is an affine map).
 */
export function CanvasPointsMark({ layers }: { layers: CanvasLayerSpec[] }) {
  const { layout } = usePlot();
  const { x, y, frame } = layout;
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const ax = x(0);
    const ay = y(0);
    drawLayers(
      canvas,
      frame.plotW,
      frame.plotH,
      window.devicePixelRatio || 1,
      { ax, bx: x(1) - ax, ay, by: y(1) - ay },
      layers.map((l) => ({
        xy: l.xy,
        count: layerCount(l),
        color: l.color,
        kind: l.kind,
        alpha: layerAlpha(l),
        size: layerSize(l),
      })),
    );
  }, [layers, x, y, frame]);
  return (
    <canvas
      ref={ref}
      data-plot-canvas=""
      style={{
        position: 'absolute',
        display: 'block',
        left: frame.left,
        top: frame.top,
        width: frame.plotW,
        height: frame.plotH,
      }}
    />
  );
}
