import { useLayoutEffect, useRef } from 'react';
import { drawLayer, pathBacklog } from '../drawLayers';
import { usePlot } from '../plotContext';

export interface CanvasLayerSpec {
  /**
   * Interleaved x0,y0,x1,y1,… in data units. A path layer is append-only while the same array is
   * passed (only new points are drawn); pass a new array, or fewer points, to redraw it.
   */
  xy: ArrayLike<number>;
  /** Number of points to use; default xy.length/2. */
  count?: number;
  color: string;
  kind: 'path' | 'points';
  alpha?: number;
  /** Line width (path) or square side (points), CSS px. */
  size?: number;
}

// 3000 keeps a frame of four such charts well under 200 ms of raster on a loaded 2-core machine (5000
// gave 210–220 ms tasks there in a full e2e run).
const pathPointsPerFrame = 3000;

export const layerCount = (l: CanvasLayerSpec) =>
  Math.max(0, Math.min(l.count ?? Infinity, Math.floor(l.xy.length / 2)));
export const layerAlpha = (l: CanvasLayerSpec) => l.alpha ?? (l.kind === 'points' ? 0.35 : 0.9);
const layerSize = (l: CanvasLayerSpec) => l.size ?? (l.kind === 'points' ? 2 : 1.25);

/**
 * Dense 2-D data (10⁵ chain samples, 10⁶-step paths) on canvases covering exactly the plot area: SVG
 * would choke on it. One canvas per layer, stacked in order; a path canvas is drawn opaque and shown
 * with CSS opacity (export reads it back the same way). Goes in Plot's `canvas` slot; linear axes only.
 */
export function CanvasPointsMark({ layers }: { layers: CanvasLayerSpec[] }) {
  const { layout } = usePlot();
  const { x, y, frame } = layout;
  const refs = useRef<(HTMLCanvasElement | null)[]>([]);
  useLayoutEffect(() => {
    const ax = x(0);
    const ay = y(0);
    const map = { ax, bx: x(1) - ax, ay, by: y(1) - ay };
    const dpr = window.devicePixelRatio || 1;
    let raf = 0;
    // Path points stroked per animation frame, over all this mark's layers: ~3000 segments rasterise
    // in tens of ms on a software canvas; a long path that arrives at once is finished in later frames.
    const draw = () => {
      let budget = pathPointsPerFrame;
      let left = 0;
      layers.forEach((l, i) => {
        const canvas = refs.current[i];
        if (!canvas) return;
        const count = layerCount(l);
        const spec = {
          xy: l.xy,
          count,
          color: l.color,
          kind: l.kind,
          alpha: layerAlpha(l),
          size: layerSize(l),
        };
        budget -= drawLayer(canvas, frame.plotW, frame.plotH, dpr, map, spec, Math.max(budget, 0));
        if (l.kind === 'path') left += pathBacklog(canvas, l.xy, count);
      });
      raf = left > 0 ? requestAnimationFrame(draw) : 0;
    };
    draw();
    return () => cancelAnimationFrame(raf);
  });
  return (
    <>
      {layers.map((l, i) => (
        <canvas
          key={i}
          ref={(el) => {
            refs.current[i] = el;
          }}
          data-plot-canvas=""
          data-layer-kind={l.kind}
          style={{
            position: 'absolute',
            display: 'block',
            left: frame.left,
            top: frame.top,
            width: frame.plotW,
            height: frame.plotH,
            // Points bake alpha into their pixels; paths are opaque strokes shown at the layer's alpha.
            opacity: l.kind === 'path' ? layerAlpha(l) : 1,
            pointerEvents: 'none',
          }}
        />
      ))}
    </>
  );
}
